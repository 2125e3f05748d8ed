package io.qecnode.sim.chain;

import io.qecnode.sim.source.RoundSink;
import io.qecnode.sim.source.SyndromeSource;

/**
 * One simulated patch: its syndrome stream and the true logical Pauli it has picked up since it was last measured.
 * It stands between its source and the patch's round sink, so it sees each block's truth as it is handed out.
 */
final class ChainPatch implements RoundSink
{
    private final PatchSpec spec;
    private final SyndromeSource source;
    private final RoundSink rounds;
    private final long tracked;
    private long truePauli;

    ChainPatch(final PatchSpec spec, final long seed, final double burstFactor)
    {
        this.spec = spec;
        this.source = SyndromeSource.forCode(spec.code(), seed, burstFactor);
        this.rounds = spec.rounds();
        this.tracked = spec.trackedFlips();
    }

    /**
     * Emit the next round; a block's true flips join the patch's Pauli after its last round.
     *
     * @return true when the round ended its block.
     */
    boolean emitRound()
    {
        return source.nextRound(this);
    }

    public void onRound(
        final long blockIndex,
        final int roundIndex,
        final boolean endOfBlock,
        final long[] detectorWords,
        final int detectorCount)
    {
        rounds.onRound(blockIndex, roundIndex, endOfBlock, detectorWords, detectorCount);
    }

    public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
    {
        truePauli ^= spec.toPauli(trueObservableFlips);
        rounds.onBlockEnd(blockIndex, trueObservableFlips);
    }

    void inject(final long pauli)
    {
        if ((pauli & ~tracked) != 0)
        {
            throw new IllegalArgumentException("pauli must be among the patch's tracked flips: pauli=" + pauli +
                ", tracked=" + tracked);
        }
        truePauli ^= pauli;
    }

    /** @return the true Pauli accumulated since the last {@link #reset()}. */
    long truePauli()
    {
        return truePauli;
    }

    /** The patch was measured or handed over: the next epoch's pair starts with no Pauli on it. */
    void reset()
    {
        truePauli = 0L;
    }

    long tracked()
    {
        return tracked;
    }

    int logicalQubitId()
    {
        return spec.logicalQubitId();
    }

    SyndromeSource source()
    {
        return source;
    }
}
