package io.qecnode.node.harness.chain;

import io.qecnode.pauli.LogicalFrame;

import java.util.Arrays;

/**
 * Everything the verifier needs about one epoch of a chain of {@code n} repeaters: the hardware's ground truth and
 * what the chain delivered. Filled field by field by whoever follows the truth stream and B's states, then handed to
 * {@link ChainVerifier#verify} and {@link FidelityCounter#record}; one instance is reused for every epoch, so nothing
 * allocates.
 * <p>
 * Patches are numbered along the chain: A's patch is 0, repeater i holds L_i = {@code 2i - 1} and R_i = {@code 2i},
 * B's patch is {@code 2n + 1}; link i pairs patches {@code 2i} and {@code 2i + 1}. Paulis are observable-flip masks
 * ({@link LogicalFrame#X_FLIP}, {@link LogicalFrame#Z_FLIP}).
 * <ul>
 *     <li>Truth: each patch's true logical flips of the epoch, and each repeater's raw parities (xx_i, zz_i; true for
 *     -1) as its hardware measured them.</li>
 *     <li>Delivered: A's frame of its patch, B's decoded frame of its patch before the correction, and the correction
 *     B received from the last repeater. These decide the verdict.</li>
 *     <li>The repeaters' decoded frames of L_i and R_i: they only feed the per-patch residual statistics the fidelity
 *     is predicted from; the verdict never reads them.</li>
 * </ul>
 * <p>
 * <b>Note:</b> not thread safe.
 */
public final class ChainEpoch
{
    /** A's patch. */
    public static final int PATCH_A = 0;

    private static final long FLIP_BITS = LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP;

    private final int repeaters;
    private final long[] trueFlips;
    private final long[] decodedFlips;
    private final boolean[] xxRaw;
    private final boolean[] zzRaw;
    private long epoch;
    private long accumulated;
    private boolean incomplete;
    private boolean failed;

    /**
     * @param repeaters number of repeaters n between A and B, at least 0.
     * @throws IllegalArgumentException if {@code repeaters} is negative.
     */
    public ChainEpoch(final int repeaters)
    {
        this.repeaters = repeaters;
        trueFlips = new long[patchCount(repeaters)];
        decodedFlips = new long[patchCount(repeaters)];
        xxRaw = new boolean[repeaters + 1];
        zzRaw = new boolean[repeaters + 1];
    }

    /**
     * @param repeaters number of repeaters n between A and B, at least 0.
     * @return number of patches of the chain, {@code 2n + 2}.
     * @throws IllegalArgumentException if {@code repeaters} is negative.
     */
    public static int patchCount(final int repeaters)
    {
        if (repeaters < 0)
        {
            throw new IllegalArgumentException("repeaters=" + repeaters + ", minimum=0");
        }
        return 2 * repeaters + 2;
    }

    /**
     * @param repeater repeater i, 1..n.
     * @return its left patch L_i.
     */
    public static int leftPatch(final int repeater)
    {
        return 2 * repeater - 1;
    }

    /**
     * @param repeater repeater i, 1..n.
     * @return its right patch R_i.
     */
    public static int rightPatch(final int repeater)
    {
        return 2 * repeater;
    }

    /** @return number of repeaters n. */
    public int repeaters()
    {
        return repeaters;
    }

    /** @return number of patches, {@code 2n + 2}. */
    public int patchCount()
    {
        return trueFlips.length;
    }

    /** @return B's patch, {@code 2n + 1}. */
    public int patchB()
    {
        return trueFlips.length - 1;
    }

    /**
     * Start a new epoch: no flips, parities +1, no correction, whole.
     *
     * @param epoch the epoch's number.
     * @return this.
     */
    public ChainEpoch reset(final long epoch)
    {
        this.epoch = epoch;
        Arrays.fill(trueFlips, 0L);
        Arrays.fill(decodedFlips, 0L);
        Arrays.fill(xxRaw, false);
        Arrays.fill(zzRaw, false);
        accumulated = 0L;
        incomplete = false;
        failed = false;
        return this;
    }

    /**
     * @param patch a patch, 0..2n+1.
     * @param flips its true logical flips this epoch.
     * @return this.
     * @throws IllegalArgumentException if {@code flips} has bits other than X_FLIP and Z_FLIP.
     */
    public ChainEpoch trueFlips(final int patch, final long flips)
    {
        trueFlips[patch] = checkMask("trueFlips", flips);
        return this;
    }

    /**
     * @param patch a patch, 0..2n+1.
     * @param flips its decoded frame this epoch: A's frame for {@link #PATCH_A}, B's frame before the correction for
     *              {@link #patchB()}, a repeater's frame of L_i or R_i before its swap.
     * @return this.
     * @throws IllegalArgumentException if {@code flips} has bits other than X_FLIP and Z_FLIP.
     */
    public ChainEpoch decodedFlips(final int patch, final long flips)
    {
        decodedFlips[patch] = checkMask("decodedFlips", flips);
        return this;
    }

    /**
     * @param repeater repeater i, 1..n.
     * @param xx       true when its hardware's {@code X X} on (L_i, R_i) gave -1.
     * @param zz       true when its hardware's {@code Z Z} on (L_i, R_i) gave -1.
     * @return this.
     */
    public ChainEpoch rawParities(final int repeater, final boolean xx, final boolean zz)
    {
        checkRepeater(repeater);
        xxRaw[repeater] = xx;
        zzRaw[repeater] = zz;
        return this;
    }

    /**
     * @param correction the correction B received from the last repeater (nothing, for a chain without repeaters).
     * @return this.
     * @throws IllegalArgumentException if {@code correction} has bits other than X_FLIP and Z_FLIP.
     */
    public ChainEpoch accumulated(final long correction)
    {
        accumulated = checkMask("accumulated", correction);
        return this;
    }

    /** @return this, marked as missing swaps: a neighbour stayed silent past its deadline. */
    public ChainEpoch markIncomplete()
    {
        incomplete = true;
        return this;
    }

    /** @return this, marked as failed: a node of the chain could not finish it. */
    public ChainEpoch markFailed()
    {
        failed = true;
        return this;
    }

    /** @return the epoch's number. */
    public long epoch()
    {
        return epoch;
    }

    /**
     * @param patch a patch, 0..2n+1.
     * @return its true logical flips.
     */
    public long trueFlips(final int patch)
    {
        return trueFlips[patch];
    }

    /**
     * @param patch a patch, 0..2n+1.
     * @return its decoded frame.
     */
    public long decodedFlips(final int patch)
    {
        return decodedFlips[patch];
    }

    /**
     * @param patch a patch, 0..2n+1.
     * @return the logical error its decoder left, decoded XOR true.
     */
    public long residual(final int patch)
    {
        return decodedFlips[patch] ^ trueFlips[patch];
    }

    /**
     * @param repeater repeater i, 1..n.
     * @return its raw XX parity, true for -1.
     */
    public boolean xxRaw(final int repeater)
    {
        checkRepeater(repeater);
        return xxRaw[repeater];
    }

    /**
     * @param repeater repeater i, 1..n.
     * @return its raw ZZ parity, true for -1.
     */
    public boolean zzRaw(final int repeater)
    {
        checkRepeater(repeater);
        return zzRaw[repeater];
    }

    /** @return the correction B received. */
    public long accumulated()
    {
        return accumulated;
    }

    /** @return true when the epoch is missing swaps. */
    public boolean isIncomplete()
    {
        return incomplete;
    }

    /** @return true when a node could not finish the epoch. */
    public boolean isFailed()
    {
        return failed;
    }

    private void checkRepeater(final int repeater)
    {
        if (repeater < 1 || repeater > repeaters)
        {
            throw new IndexOutOfBoundsException("repeater=" + repeater + ", repeaters=" + repeaters);
        }
    }

    private static long checkMask(final String name, final long mask)
    {
        if ((mask & ~FLIP_BITS) != 0)
        {
            throw new IllegalArgumentException(name + "=0x" + Long.toHexString(mask) + ", allowedBits=0x3");
        }
        return mask;
    }
}
