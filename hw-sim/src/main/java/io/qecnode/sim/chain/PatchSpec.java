package io.qecnode.sim.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.sim.source.RoundSink;

import java.util.Objects;

/**
 * One patch of a node: the code and noise of its link, its logical qubit id, where its rounds go, and which logical
 * Pauli its truth tracks.
 * <p>
 * A built-in model samples both logical bits ({@link SurfaceCodeModel#LOGICAL_X_FLIP},
 * {@link SurfaceCodeModel#LOGICAL_Z_FLIP}), so its patch tracks X and Z. A Stim DEM of one memory experiment has one
 * observable: a memory-Z DEM's observable 0 flips when X errors flip the logical qubit, a memory-X DEM's when Z errors
 * do; {@code demObservable} says which, and the patch tracks that Pauli only (the other is never sampled, so the
 * truth cannot say anything about it, and the parity it drives is the ideal outcome alone).
 *
 * @param code           the code and its noise, built-in or a DEM.
 * @param logicalQubitId id of the patch's logical qubit on the wire.
 * @param demObservable  for a DEM, the Pauli its observable 0 stands for ({@code LOGICAL_X_FLIP} for memory Z,
 *                       {@code LOGICAL_Z_FLIP} for memory X); ignored for a built-in model.
 * @param rounds         receives the patch's rounds and block truth, on the thread that runs epochs.
 */
public record PatchSpec(CodeDescription code, int logicalQubitId, long demObservable, RoundSink rounds)
{
    /** Discards every round. */
    public static final RoundSink DISCARD = new RoundSink()
    {
        public void onRound(
            final long blockIndex,
            final int roundIndex,
            final boolean endOfBlock,
            final long[] detectorWords,
            final int detectorCount)
        {
        }

        public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
        {
        }
    };

    /**
     * @throws IllegalArgumentException if {@code demObservable} is neither a logical X nor a logical Z.
     */
    public PatchSpec
    {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rounds, "rounds");
        if (demObservable != SurfaceCodeModel.LOGICAL_X_FLIP && demObservable != SurfaceCodeModel.LOGICAL_Z_FLIP)
        {
            throw new IllegalArgumentException("demObservable must be X (1) or Z (2): demObservable=" + demObservable);
        }
    }

    /**
     * @param code           the code and its noise; a DEM is read as a memory-Z experiment (tracks X).
     * @param logicalQubitId id of the patch's logical qubit.
     * @param rounds         receives the patch's rounds.
     * @return the patch.
     */
    public static PatchSpec of(final CodeDescription code, final int logicalQubitId, final RoundSink rounds)
    {
        return new PatchSpec(code, logicalQubitId, SurfaceCodeModel.LOGICAL_X_FLIP, rounds);
    }

    /** @return the logical Paulis this patch's truth tracks, as an observable-flip mask. */
    public long trackedFlips()
    {
        return code.model() != null ? SurfaceCodeModel.LOGICAL_X_FLIP | SurfaceCodeModel.LOGICAL_Z_FLIP :
            demObservable;
    }

    /**
     * @param observableFlips a block's true observable flips as its source reports them.
     * @return the same flips as a logical Pauli mask: as is for a built-in model, observable 0 moved to
     * {@code demObservable} for a DEM (its other observables are dropped).
     */
    long toPauli(final long observableFlips)
    {
        if (code.model() != null)
        {
            return observableFlips & (SurfaceCodeModel.LOGICAL_X_FLIP | SurfaceCodeModel.LOGICAL_Z_FLIP);
        }
        return (observableFlips & 1L) != 0 ? demObservable : 0L;
    }
}
