package io.qecnode.decoder.dem;

/**
 * First walk over a model: finds the number of detectors (largest index used or declared, plus one) and collects
 * coordinates, so that the second walk can build a graph of the right size.
 */
final class DetectorScan implements DemVisitor
{
    private final int maxDetectors;
    private final CoordinateTable coordinates = new CoordinateTable();
    private int detectorCount;

    /**
     * @param maxDetectors most detectors a model may have; a larger index is a {@link DemFormatException}.
     */
    DetectorScan(final int maxDetectors)
    {
        this.maxDetectors = maxDetectors;
    }

    public void onError(final DemInstruction error, final long detectorOffset, final long repetitions)
    {
        // The largest detector named counts even when its pair cancelled, as in Stim's num_detectors.
        final long maxDetectorNamed = error.maxDetectorNamed();
        if (maxDetectorNamed != DemInstruction.NO_DETECTOR)
        {
            note(detectorOffset + maxDetectorNamed, error);
        }
    }

    public void onDetector(final DemInstruction detector, final long detectorOffset, final double[] coordinateShift)
    {
        for (final long relative : detector.detectors())
        {
            coordinates.declare(note(detectorOffset + relative, detector), detector.arguments(), coordinateShift);
        }
    }

    /** @return largest detector index seen, plus one. */
    int detectorCount()
    {
        return detectorCount;
    }

    /** @return coordinates of the declared detectors. */
    CoordinateTable coordinates()
    {
        return coordinates;
    }

    private int note(final long detector, final DemInstruction at)
    {
        if (detector >= maxDetectors)
        {
            throw new DemFormatException("detector index exceeds the supported maximum",
                "detector=" + detector + ", maxDetectors=" + maxDetectors, at.lineNumber(), at.lineText());
        }
        detectorCount = Math.max(detectorCount, (int)detector + 1);
        return (int)detector;
    }
}
