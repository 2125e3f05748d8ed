package io.qecnode.decoder.shots;

import java.util.Arrays;

/**
 * One shot in sparse form, owned by the caller and reused for every shot: the set detector bits as an increasing
 * defect list (the {@code int[]} + count the decoder takes) and the observable bits as a mask.
 * <p>
 * Readers overwrite all three parts on every successful read. Writers read them and leave them alone.
 * <p>
 * <b>Note:</b> not thread safe; one buffer serves one thread.
 */
public final class SparseShot
{
    int[] defects;
    int defectCount;
    // Bit k set: observable k flipped (or, for a prediction, predicted to flip).
    long observableFlips;

    /**
     * @param capacity most defects the buffer can hold; a reader needs at least the layout's detector count.
     */
    public SparseShot(final int capacity)
    {
        if (capacity < 0)
        {
            throw new IllegalArgumentException("capacity must be >= 0: capacity=" + capacity);
        }
        defects = new int[capacity];
    }

    /**
     * @param layout the layout of the shots the buffer will hold.
     * @return a buffer large enough for any shot of the layout.
     */
    public static SparseShot forLayout(final ShotLayout layout)
    {
        return new SparseShot(layout.detectorCount());
    }

    /** @return most defects the buffer can hold. */
    public int capacity()
    {
        return defects.length;
    }

    /** @return the defect buffer; the first {@link #defectCount()} entries are valid and strictly increasing. */
    public int[] defects()
    {
        return defects;
    }

    /** @return number of set detector bits. */
    public int defectCount()
    {
        return defectCount;
    }

    /**
     * @param index position in the defect list, below {@link #defectCount()}.
     * @return the detector index at that position.
     */
    public int defect(final int index)
    {
        if (index < 0 || index >= defectCount)
        {
            throw new IndexOutOfBoundsException("index=" + index + ", defectCount=" + defectCount);
        }
        return defects[index];
    }

    /** @return mask of the set observable bits (bit k = observable k). */
    public long observableFlips()
    {
        return observableFlips;
    }

    /**
     * @param observableFlips mask of the set observable bits (bit k = observable k).
     * @return this buffer.
     */
    public SparseShot observableFlips(final long observableFlips)
    {
        this.observableFlips = observableFlips;
        return this;
    }

    /**
     * Append a defect; writers require the list to be strictly increasing.
     *
     * @param detector index of a set detector bit.
     * @return this buffer.
     * @throws IllegalStateException when the buffer is full.
     */
    public SparseShot addDefect(final int detector)
    {
        if (defectCount == defects.length)
        {
            throw new IllegalStateException("sparse shot is full: capacity=" + defects.length);
        }
        defects[defectCount++] = detector;
        return this;
    }

    /**
     * Empty the defect list and the observable mask.
     *
     * @return this buffer.
     */
    public SparseShot clear()
    {
        defectCount = 0;
        observableFlips = 0;
        return this;
    }

    public String toString()
    {
        return "SparseShot{defects=" + Arrays.toString(Arrays.copyOf(defects, defectCount)) +
            ", observableFlips=0x" + Long.toHexString(observableFlips) + "}";
    }
}
