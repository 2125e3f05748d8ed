package io.qecnode.decoder.dem;

/**
 * Receives the instructions of a model in execution order, repeat blocks unrolled, with the offsets in force.
 */
interface DemVisitor
{
    /**
     * @param error          an error instruction.
     * @param detectorOffset detector offset to add to its relative detectors.
     */
    void onError(DemInstruction error, long detectorOffset);

    /**
     * @param detector        a detector instruction.
     * @param detectorOffset  detector offset to add to its relative detectors.
     * @param coordinateShift coordinate offset to add to its coordinates, axis by axis; read only.
     */
    void onDetector(DemInstruction detector, long detectorOffset, double[] coordinateShift);
}
