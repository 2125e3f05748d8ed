package io.qecnode.decoder.shots;

/**
 * What the bits of one shot mean: {@code detectorCount} detector bits followed by {@code observableCount} observable
 * bits, which is Stim's "appended observables" layout ({@code --append_observables}, {@code --obs_out} data is the
 * special case of no detectors).
 * <pre>
 *   bit  0 .. detectorCount-1                      detectors D0..  -&gt; SparseShot defect list
 *   bit  detectorCount .. detectorCount+obsCount-1 observables L0.. -&gt; SparseShot observable mask
 * </pre>
 * In the {@code dets} format the two parts are told apart by their prefixes instead of their positions.
 */
public final class ShotLayout
{
    /** Largest number of observables a layout can carry, one bit each in a {@code long} mask. */
    public static final int MAX_OBSERVABLES = 64;

    /** Largest number of bits a shot can have when it is read or written whole as a {@code long} mask. */
    public static final int MAX_MASK_BITS = 64;

    // Keeps bitCount, 01 line lengths and b8 record sizes inside int arithmetic.
    private static final int MAX_DETECTORS = Integer.MAX_VALUE - 16 - MAX_OBSERVABLES;

    private final int detectorCount;
    private final int observableCount;

    private ShotLayout(final int detectorCount, final int observableCount)
    {
        if (detectorCount < 0 || detectorCount > MAX_DETECTORS)
        {
            throw new IllegalArgumentException("detectorCount must be in [0, " + MAX_DETECTORS + "]: detectorCount=" +
                detectorCount);
        }
        if (observableCount < 0 || observableCount > MAX_OBSERVABLES)
        {
            throw new IllegalArgumentException("observableCount must be in [0, " + MAX_OBSERVABLES +
                "]: observableCount=" + observableCount);
        }
        this.detectorCount = detectorCount;
        this.observableCount = observableCount;
    }

    /**
     * @param detectorCount number of detectors, e.g. {@code num_detectors} of the detector error model.
     * @return a layout of detector bits only, as Stim writes {@code --out} of {@code sample_dem} and {@code detect}.
     */
    public static ShotLayout detectors(final int detectorCount)
    {
        return new ShotLayout(detectorCount, 0);
    }

    /**
     * @param observableCount number of observables, at most {@link #MAX_OBSERVABLES}.
     * @return a layout of observable bits only, as in Stim's {@code --obs_out} files and decoder predictions.
     */
    public static ShotLayout observables(final int observableCount)
    {
        return new ShotLayout(0, observableCount);
    }

    /**
     * @param detectorCount   number of detectors, which come first.
     * @param observableCount number of observables appended after them, at most {@link #MAX_OBSERVABLES}.
     * @return Stim's appended-observables layout ({@code --append_observables}).
     */
    public static ShotLayout detectorsWithObservables(final int detectorCount, final int observableCount)
    {
        return new ShotLayout(detectorCount, observableCount);
    }

    /** @return number of detector bits, the leading part of the shot. */
    public int detectorCount()
    {
        return detectorCount;
    }

    /** @return number of observable bits, the trailing part of the shot. */
    public int observableCount()
    {
        return observableCount;
    }

    /** @return total bits per shot: detectors plus observables. */
    public int bitCount()
    {
        return detectorCount + observableCount;
    }

    /** @return bytes per shot in the {@code b8} format: the bit count rounded up to whole bytes. */
    public int b8BytesPerShot()
    {
        return (bitCount() + 7) >>> 3;
    }

    /** @return true when the whole shot fits a {@code long} mask, so the mask read and write calls apply. */
    public boolean fitsMask()
    {
        return bitCount() <= MAX_MASK_BITS;
    }

    /** @return mask of the observable bits that exist in this layout (bit k = observable k). */
    public long observableBits()
    {
        return lowBits(observableCount);
    }

    /** @return mask of the shot bits that exist in this layout, when {@link #fitsMask()}. */
    public long shotBits()
    {
        return lowBits(bitCount());
    }

    static long lowBits(final int count)
    {
        return count >= Long.SIZE ? -1L : (1L << count) - 1;
    }

    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof ShotLayout))
        {
            return false;
        }
        final ShotLayout that = (ShotLayout)other;
        return detectorCount == that.detectorCount && observableCount == that.observableCount;
    }

    public int hashCode()
    {
        return 31 * detectorCount + observableCount;
    }

    public String toString()
    {
        return "ShotLayout{detectors=" + detectorCount + ", observables=" + observableCount + "}";
    }
}
