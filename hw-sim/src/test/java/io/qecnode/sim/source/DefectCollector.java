package io.qecnode.sim.source;

import io.qecnode.decoder.rounds.RoundStructure;

/**
 * A sink that checks the round protocol as it goes (rounds in order, endOfBlock on the last round only, no bit past a
 * round's count, ground truth right after the last round) and gathers each block's defects back into one increasing
 * list, as a decoder takes them. Allocates nothing unless a check fails.
 */
final class DefectCollector implements RoundSink
{
    private final RoundStructure rounds;
    private final int[] defects;
    private int defectCount;
    private long trueObservableFlips;
    private long block = -1;
    private int expectedRound;
    private boolean blockEnded;
    private long blocksEnded;

    DefectCollector(final RoundStructure rounds)
    {
        this.rounds = rounds;
        this.defects = new int[rounds.detectorCount()];
    }

    public void onRound(
        final long blockIndex, final int roundIndex, final boolean endOfBlock, final long[] detectorWords,
        final int detectorCount)
    {
        if (roundIndex != expectedRound || blockIndex != (roundIndex == 0 ? block + 1 : block))
        {
            throw new AssertionError("out of order: block=" + blockIndex + ", round=" + roundIndex +
                ", expectedBlock=" + (expectedRound == 0 ? block + 1 : block) + ", expectedRound=" + expectedRound);
        }
        if (endOfBlock != (roundIndex == rounds.roundCount() - 1) || detectorCount != rounds.detectorCount(roundIndex))
        {
            throw new AssertionError("bad round: round=" + roundIndex + ", endOfBlock=" + endOfBlock +
                ", detectorCount=" + detectorCount);
        }
        if (roundIndex == 0)
        {
            defectCount = 0;
            blockEnded = false;
        }
        block = blockIndex;
        expectedRound = endOfBlock ? 0 : roundIndex + 1;

        final int first = rounds.firstDetector(roundIndex);
        for (int w = 0; w < detectorWords.length; w++)
        {
            long word = detectorWords[w];
            while (word != 0)
            {
                final int k = w * Long.SIZE + Long.numberOfTrailingZeros(word);
                if (k >= detectorCount)
                {
                    throw new AssertionError("bit past the round's count: round=" + roundIndex + ", bit=" + k +
                        ", detectorCount=" + detectorCount);
                }
                defects[defectCount++] = first + k;
                word &= word - 1;
            }
        }
    }

    public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
    {
        if (blockIndex != block || expectedRound != 0 || blockEnded)
        {
            throw new AssertionError("block end out of place: block=" + blockIndex + ", lastBlock=" + block);
        }
        this.trueObservableFlips = trueObservableFlips;
        blockEnded = true;
        blocksEnded++;
    }

    /** @return the defects of the block so far, increasing; the first {@link #defectCount()} are valid. */
    int[] defects()
    {
        return defects;
    }

    int defectCount()
    {
        return defectCount;
    }

    long trueObservableFlips()
    {
        return trueObservableFlips;
    }

    boolean blockEnded()
    {
        return blockEnded;
    }

    long blocksEnded()
    {
        return blocksEnded;
    }
}
