package io.qecnode.node.offline;

import java.nio.charset.StandardCharsets;

/**
 * A hand-made model small enough to decode by eye, and nine shots in every format with their predictions.
 * <p>
 * Four detectors in a line, an error between each neighbour pair and to the boundary at both ends, all equally
 * likely; only the left boundary edge flips L0:
 * <pre>
 *   boundary --L0-- D0 ---- D1 ---- D2 ---- D3 ---- boundary
 * </pre>
 * So a lone D0 or D1 is closer to the left boundary (prediction 1), a lone D2 or D3 to the right one (0), a
 * neighbour pair cancels (0), and D0 with D3 go to their own boundaries (1).
 */
public final class RepetitionFixture
{
    /** The model: 4 detectors, 1 observable. */
    public static final String DEM =
        "error(0.1) D0 L0\n" +
        "error(0.1) D0 D1\n" +
        "error(0.1) D1 D2\n" +
        "error(0.1) D2 D3\n" +
        "error(0.1) D3\n";

    /** Detectors of the model. */
    public static final int DETECTORS = 4;

    /** Shots in every data set below. */
    public static final int SHOTS = 9;

    /** The nine shots' detection events in 01: {}, {0}, {3}, {0,1}, {1}, {2,3}, {0,3}, {2}, {1,2}. */
    public static final String DETS_01 = "0000\n1000\n0001\n1100\n0100\n0011\n1001\n0010\n0110\n";

    /** The same shots in b8: bit k of each byte is detector k. */
    public static final byte[] DETS_B8 = {0x00, 0x01, 0x08, 0x03, 0x02, 0x0C, 0x09, 0x04, 0x06};

    /** The same shots in dets. */
    public static final String DETS_DETS = "shot\nshot D0\nshot D3\nshot D0 D1\nshot D1\nshot D2 D3\nshot D0 D3\n" +
        "shot D2\nshot D1 D2\n";

    /** The predicted L0 of each shot, in 01. */
    public static final String PREDICTIONS_01 = "0\n1\n0\n0\n1\n0\n1\n0\n0\n";

    /** The predictions in b8. */
    public static final byte[] PREDICTIONS_B8 = {0, 1, 0, 0, 1, 0, 1, 0, 0};

    /** The predictions in dets. */
    public static final String PREDICTIONS_DETS = "shot\nshot L0\nshot\nshot\nshot L0\nshot\nshot L0\nshot\nshot\n";

    /** True L0 flips that disagree with the predictions on shots 4 and 7, in b8. */
    public static final byte[] TRUTH_B8 = {0, 1, 0, 0, 0, 0, 1, 1, 0};

    /** The same truth in 01. */
    public static final String TRUTH_01 = "0\n1\n0\n0\n0\n0\n1\n1\n0\n";

    /** Shots where {@link #TRUTH_B8} and the predictions differ. */
    public static final int MISTAKES = 2;

    /** The shots in 01 with the truth appended as a fifth bit. */
    public static final String DETS_WITH_TRUTH_01 = "00000\n10001\n00010\n11000\n01000\n00110\n10011\n00101\n" +
        "01100\n";

    private RepetitionFixture()
    {
    }

    /**
     * @param text ASCII text.
     * @return its bytes.
     */
    public static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
