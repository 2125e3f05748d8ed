package io.qecnode.decoder.dem;

/**
 * Receives the instructions of a model in execution order, repeat blocks unrolled, with the offsets in force. A repeat
 * body that shifts nothing runs the same instructions on the same detectors every pass, so it is visited once, each
 * error with the number of times it runs.
 */
interface DemVisitor
{
    /**
     * @param error          an error instruction.
     * @param detectorOffset detector offset to add to its relative detectors.
     * @param repetitions    times the error runs here, each an independent chance to fire; at least 1.
     */
    void onError(DemInstruction error, long detectorOffset, long repetitions);

    /**
     * @param detector        a detector instruction.
     * @param detectorOffset  detector offset to add to its relative detectors.
     * @param coordinateShift coordinate offset to add to its coordinates, axis by axis; read only.
     */
    void onDetector(DemInstruction detector, long detectorOffset, double[] coordinateShift);
}
