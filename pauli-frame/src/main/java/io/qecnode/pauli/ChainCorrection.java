package io.qecnode.pauli;

/**
 * The correction of one epoch of a repeater chain, streamed hop by hop from A to B as an observable-flip mask
 * ({@link LogicalFrame#X_FLIP}, {@link LogicalFrame#Z_FLIP}); the mask is a plain {@code long}, so nothing allocates.
 *
 * <h2>The chain</h2>
 * A is node 0, the repeaters are nodes 1..n, B is node n+1. Link i holds a Bell pair {@code |Phi+>} of patch R_i
 * (right patch of node i) and patch L_(i+1) (left patch of node i+1). Each patch has its decoded logical flips
 * (X^, Z^), its frame. In an epoch repeater i measures {@code X X} and {@code Z Z} on (L_i, R_i) and reports the raw
 * parities xx_i and zz_i (true for -1). The corrected parities are
 * <pre>
 *     zz_i' = zz_i XOR X^(L_i) XOR X^(R_i)        xx_i' = xx_i XOR Z^(L_i) XOR Z^(R_i)
 * </pre>
 * since an X still in a measured patch's frame anticommutes with {@code Z Z} and flips zz_i, and a Z flips xx_i.
 * A starts the epoch with {@link #NONE}; repeater i {@link #swap}s, which folds {@code (xx_i', zz_i')} into what it
 * received and forwards the result; B {@link #complete}s, owing its patch {@code X^(XOR zz') Z^(XOR xx')} on top
 * of its own decoded flips. A keeps its own frame.
 *
 * <h2>Which parity drives which Pauli, and why XOR</h2>
 * A corrected ZZ parity drives an X on B, a corrected XX parity a Z (as in {@link LogicalFrame#bellCorrection}).
 * Once every patch's tracked Paulis are taken out, the product of the link stabilisers
 * {@code Z_A Z_L1 * Z_R1 Z_L2 * ... * Z_Rn Z_B} commutes with every measured parity and survives the
 * measurements; times the measured {@code (-1)^zz_i' Z_Li Z_Ri} of every repeater it leaves
 * {@code (-1)^(XOR zz') Z_A Z_B}, and the same steps with X leave {@code (-1)^(XOR xx') X_A X_B}. {@code X_B}
 * anticommutes only with {@code Z_A Z_B} and {@code Z_B} only with {@code X_A X_B}, so {@code X^(XOR zz')
 * Z^(XOR xx')} on B restores {@code |Phi+>}. Equivalently, each swap owes {@code X^zz_i' Z^xx_i'} to the far half of
 * its new pair, and a Pauli on one half of {@code |Phi+>} equals the same Pauli on the other half up to a phase, so
 * each swap's correction can be moved along the chain to B; Paulis commute up to a phase, so their product is the
 * XOR of the masks in any order. The order repeaters measure or forward in does not matter.
 * <p>
 * <b>Note:</b> stateless; each node calls it on its own thread with its own frame. Nothing here allocates.
 */
public final class ChainCorrection
{
    /** The correction A starts an epoch with: the identity. */
    public static final long NONE = 0L;

    private static final long FLIP_BITS = LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP;

    private ChainCorrection()
    {
    }

    /**
     * Fold one repeater's corrected parities into the correction accumulated so far.
     *
     * @param accumulated the correction received from the left neighbour, an observable-flip mask.
     * @param xxCorrected {@code xx_i'}: the raw XX parity with both measured patches' Z^ folded in; drives a Z on B.
     * @param zzCorrected {@code zz_i'}: the raw ZZ parity with both measured patches' X^ folded in; drives an X on B.
     * @return the correction to forward to the right neighbour.
     * @throws IllegalArgumentException if {@code accumulated} has bits other than X_FLIP and Z_FLIP.
     */
    public static long fold(final long accumulated, final boolean xxCorrected, final boolean zzCorrected)
    {
        checkMask(accumulated);
        return accumulated ^ LogicalFrame.bellCorrection(xxCorrected, zzCorrected);
    }

    /**
     * The swap at repeater i: correct the raw parities of its Bell-state measurement on (L_i, R_i) with both
     * patches' frames, fold them into the correction received from the left, and clear both frames, since the
     * measured patches are consumed (the next epoch's link pairs start fresh).
     * <p>
     * {@link LogicalFrame#swapEntanglement} returns {@code bellCorrection(xx ^ Z^(L) ^ Z^(R), zz ^ X^(L) ^ X^(R))},
     * which is exactly {@code bellCorrection(xx_i', zz_i')}, so this is {@code fold(accumulated, xx_i', zz_i')}.
     *
     * @param accumulated the correction received from the left neighbour, an observable-flip mask.
     * @param frame       the repeater's frame, holding both patches.
     * @param left        index of L_i in {@code frame}.
     * @param right       index of R_i in {@code frame}.
     * @param xxRaw       true when the hardware's {@code X X} on (L_i, R_i) gave -1.
     * @param zzRaw       true when the hardware's {@code Z Z} on (L_i, R_i) gave -1.
     * @return the correction to forward to the right neighbour.
     * @throws IllegalArgumentException if {@code accumulated} has bits other than X_FLIP and Z_FLIP, or if
     *                                  {@code left} and {@code right} name the same patch.
     */
    public static long swap(
        final long accumulated,
        final LogicalFrame frame,
        final int left,
        final int right,
        final boolean xxRaw,
        final boolean zzRaw)
    {
        checkMask(accumulated);
        return accumulated ^ frame.swapEntanglement(left, right, xxRaw, zzRaw);
    }

    /**
     * What B does at the end of the chain: multiply its patch's frame, which already holds B's own decoded flips
     * (or will, in either order), by the correction received from the last repeater.
     *
     * @param accumulated the correction received from repeater n, an observable-flip mask.
     * @param frame       B's frame.
     * @param patch       index of B's patch L_(n+1) in {@code frame}.
     * @throws IllegalArgumentException if {@code accumulated} has bits other than X_FLIP and Z_FLIP.
     */
    public static void complete(final long accumulated, final LogicalFrame frame, final int patch)
    {
        frame.foldObservableFlips(patch, accumulated);
    }

    /**
     * @param accumulated an observable-flip mask.
     * @return the XOR of the corrected ZZ parities folded in so far, the X owed to B.
     */
    public static boolean zzParity(final long accumulated)
    {
        return (accumulated & LogicalFrame.X_FLIP) != 0;
    }

    /**
     * @param accumulated an observable-flip mask.
     * @return the XOR of the corrected XX parities folded in so far, the Z owed to B.
     */
    public static boolean xxParity(final long accumulated)
    {
        return (accumulated & LogicalFrame.Z_FLIP) != 0;
    }

    private static void checkMask(final long accumulated)
    {
        if ((accumulated & ~FLIP_BITS) != 0)
        {
            throw new IllegalArgumentException("accumulated=0x" + Long.toHexString(accumulated) + ", allowedBits=0x3");
        }
    }
}
