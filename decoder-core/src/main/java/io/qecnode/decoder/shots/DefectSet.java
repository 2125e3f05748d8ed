package io.qecnode.decoder.shots;

/**
 * Detector bits gathered in any order, with repeats, by the sparse text readers ({@code dets}, {@code hits}), then
 * emptied out in increasing order, so the defect list comes out sorted and the set is clean again for the next shot.
 * Only the words touched since the last drain are visited.
 */
final class DefectSet
{
    private final long[] words;
    private int lowWord = Integer.MAX_VALUE;
    private int highWord = -1;

    DefectSet(final int detectorCount)
    {
        this.words = new long[(detectorCount + Long.SIZE - 1) >>> 6];
    }

    /** @param detector a detector below the count given at construction; adding it again changes nothing. */
    void add(final int detector)
    {
        final int w = detector >>> 6;
        words[w] |= 1L << detector;
        lowWord = Math.min(lowWord, w);
        highWord = Math.max(highWord, w);
    }

    /**
     * @param defects receives the detectors in increasing order.
     * @return how many there are; the set is empty afterwards.
     */
    int drainTo(final int[] defects)
    {
        int count = 0;
        for (int w = lowWord; w <= highWord; w++)
        {
            long word = words[w];
            words[w] = 0;
            final int base = w << 6;
            while (word != 0)
            {
                defects[count++] = base + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        lowWord = Integer.MAX_VALUE;
        highWord = -1;
        return count;
    }

    /** @return detectors 0..63 as a mask, for layouts that fit one; the set is empty afterwards. */
    long drainMask()
    {
        final long mask = highWord >= 0 ? words[0] : 0;
        clear();
        return mask;
    }

    /** Empty the set, e.g. after a line failed half-way. */
    void clear()
    {
        for (int w = lowWord; w <= highWord; w++)
        {
            words[w] = 0;
        }
        lowWord = Integer.MAX_VALUE;
        highWord = -1;
    }
}
