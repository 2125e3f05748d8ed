package io.qecnode.decoder.window;

import io.qecnode.decoder.rounds.RoundStructure;

/**
 * The residual syndrome of the block being streamed: the defects that arrived, XOR the detectors lit by the
 * corrections committed so far. A window decodes the residual of its rounds; the committed rounds' residual is zero
 * once their window has committed, so whatever a commit leaves lit in later rounds is exactly the artificial defects
 * the next windows must see.
 * <p>
 * Each detector ever toggled in the block is listed once under its round, in the order first toggled; the lists are
 * stored in place in one array, round r's list at {@code [firstDetector(r), firstDetector(r) + listed(r))}. Gathering
 * a window's defects and clearing the block then cost in proportion to the detectors touched, not to the block.
 * <p>
 * <b>Note:</b> single-threaded; allocates nothing after construction.
 */
final class BlockSyndrome
{
    private static final byte LIT = 1;
    private static final byte LISTED = 2;

    private final RoundStructure rounds;
    private final byte[] detectorState;
    private final int[] listedDetectors;
    private final int[] listedCount;

    BlockSyndrome(final RoundStructure rounds)
    {
        this.rounds = rounds;
        this.detectorState = new byte[rounds.detectorCount()];
        this.listedDetectors = new int[rounds.detectorCount()];
        this.listedCount = new int[rounds.roundCount()];
    }

    /**
     * Flip one detector of the residual.
     *
     * @param detector block detector index.
     */
    void toggle(final int detector)
    {
        final int state = detectorState[detector];
        if ((state & LISTED) == 0)
        {
            final int round = rounds.roundOf(detector);
            listedDetectors[rounds.firstDetector(round) + listedCount[round]++] = detector;
        }
        detectorState[detector] = (byte)((state ^ LIT) | LISTED);
    }

    /**
     * @param detector block detector index.
     * @return true when the detector is lit in the residual.
     */
    boolean isLit(final int detector)
    {
        return (detectorState[detector] & LIT) != 0;
    }

    /**
     * Collect the lit detectors of a run of rounds, as indices relative to a first detector.
     *
     * @param firstRound    first round to collect.
     * @param endRound      round one past the last to collect.
     * @param firstDetector subtracted from every detector written.
     * @param defects       receives the relative indices, rounds in order, each round in the order first toggled.
     * @return number of defects written.
     */
    int collect(final int firstRound, final int endRound, final int firstDetector, final int[] defects)
    {
        final byte[] detectorState = this.detectorState;
        final int[] listedDetectors = this.listedDetectors;
        int count = 0;
        for (int round = firstRound; round < endRound; round++)
        {
            for (int i = rounds.firstDetector(round), end = i + listedCount[round]; i < end; i++)
            {
                final int detector = listedDetectors[i];
                if ((detectorState[detector] & LIT) != 0)
                {
                    defects[count++] = detector - firstDetector;
                }
            }
        }
        return count;
    }

    /**
     * @return lit detectors over the whole block; walks every listed detector, so for checks off the hot path.
     */
    int litCount()
    {
        int count = 0;
        for (int round = 0, roundCount = listedCount.length; round < roundCount; round++)
        {
            for (int i = rounds.firstDetector(round), end = i + listedCount[round]; i < end; i++)
            {
                count += detectorState[listedDetectors[i]] & LIT;
            }
        }
        return count;
    }

    /** Forget the block: unlist and darken every detector touched. */
    void clear()
    {
        for (int round = 0, roundCount = listedCount.length; round < roundCount; round++)
        {
            for (int i = rounds.firstDetector(round), end = i + listedCount[round]; i < end; i++)
            {
                detectorState[listedDetectors[i]] = 0;
            }
            listedCount[round] = 0;
        }
    }

    /** @return entries in this syndrome's arrays; fixed at construction. */
    int footprint()
    {
        return detectorState.length + listedDetectors.length + listedCount.length;
    }
}
