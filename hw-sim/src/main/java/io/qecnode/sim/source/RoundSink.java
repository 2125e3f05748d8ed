package io.qecnode.sim.source;

/**
 * Receives what a {@link SyndromeSource} emits: the rounds of each block in time order, then the block's ground truth.
 * <p>
 * The detector bits of a round are packed into words, least significant bit first; bit {@code b} of word {@code w}
 * is detector {@code firstDetector(round) + 64 * w + b}:
 * <pre>
 *    63                                                            0
 *   +--------------------------------------------------------------+
 *   | detector first + 63 ............................ first + 0  |  word 0
 *   +--------------------------------------------------------------+
 *   | detector first + 127 ........................... first + 64 |  word 1
 *   +--------------------------------------------------------------+
 *   |                             ...                              |  words past the round's count are zero
 * </pre>
 * <b>Note:</b> the words array belongs to the source and is overwritten by the next round; copy what must outlive the
 * call. Callbacks run on the thread that pulls from the source.
 */
public interface RoundSink
{
    /**
     * One syndrome round.
     *
     * @param blockIndex    index of the block the round belongs to, from 0.
     * @param roundIndex    index of the round within its block, from 0.
     * @param endOfBlock    true for the block's last round; {@link #onBlockEnd(long, long)} follows.
     * @param detectorWords the round's detector bits, packed as in the class description.
     * @param detectorCount number of detectors in the round: the bits that may be set.
     */
    void onRound(long blockIndex, int roundIndex, boolean endOfBlock, long[] detectorWords, int detectorCount);

    /**
     * The ground truth of a block, after its last round.
     *
     * @param blockIndex          index of the block.
     * @param trueObservableFlips mask of the logical observables the block's errors flipped (bit k = observable k).
     */
    void onBlockEnd(long blockIndex, long trueObservableFlips);
}
