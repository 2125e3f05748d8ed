package io.qecnode.decoder.dem;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Collects the coordinates of declared detectors while the model runs, then lays them out flat in detector order
 * with a start offset per detector (compressed rows), so memory follows the text however many axes one detector has.
 * <p>
 * The first declaration of a detector wins, with or without coordinates, as in Stim's {@code get_detector_coordinates}.
 */
final class CoordinateTable
{
    private final BitSet declared = new BitSet();
    private int entryCount;
    private int[] entryDetector = new int[64];
    private int[] entryStart = new int[64];
    private int[] entryLength = new int[64];
    private int valueCount;
    private double[] values = new double[192];
    private int dimensions;

    /**
     * @param detector absolute index of the detector.
     * @param relative coordinates as written on the detector line.
     * @param shift    coordinate offset in force; axes past the detector's own are ignored, axes it lacks count as 0.
     */
    void declare(final int detector, final double[] relative, final double[] shift)
    {
        if (declared.get(detector))
        {
            return;
        }
        declared.set(detector);
        if (relative.length == 0)
        {
            return;
        }

        if (entryCount == entryDetector.length)
        {
            entryDetector = Arrays.copyOf(entryDetector, 2 * entryCount);
            entryStart = Arrays.copyOf(entryStart, 2 * entryCount);
            entryLength = Arrays.copyOf(entryLength, 2 * entryCount);
        }
        if (valueCount + relative.length > values.length)
        {
            values = Arrays.copyOf(values, Math.max(2 * values.length, valueCount + relative.length));
        }
        entryDetector[entryCount] = detector;
        entryStart[entryCount] = valueCount;
        entryLength[entryCount] = relative.length;
        entryCount++;
        for (int axis = 0; axis < relative.length; axis++)
        {
            values[valueCount++] = relative[axis] + (axis < shift.length ? shift[axis] : 0.0);
        }
        dimensions = Math.max(dimensions, relative.length);
    }

    /** @return the largest number of coordinates any detector has. */
    int dimensions()
    {
        return dimensions;
    }

    /**
     * @param detectorCount number of detectors in the model.
     * @return where each detector's coordinates start in {@link #values(int[])}, plus the total at the end: detector
     * {@code d} has {@code starts[d + 1] - starts[d]} coordinates.
     */
    int[] starts(final int detectorCount)
    {
        final int[] starts = new int[detectorCount + 1];
        for (int e = 0; e < entryCount; e++)
        {
            starts[entryDetector[e] + 1] = entryLength[e];
        }
        for (int d = 0; d < detectorCount; d++)
        {
            starts[d + 1] += starts[d];
        }
        return starts;
    }

    /**
     * @param starts as returned by {@link #starts(int)}.
     * @return the coordinates of all detectors back to back, in detector order.
     */
    double[] values(final int[] starts)
    {
        final double[] flat = new double[valueCount];
        for (int e = 0; e < entryCount; e++)
        {
            System.arraycopy(values, entryStart[e], flat, starts[entryDetector[e]], entryLength[e]);
        }
        return flat;
    }
}
