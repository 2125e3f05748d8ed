package io.qecnode.bench.jmh;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.sim.source.RoundSink;
import io.qecnode.sim.source.SyndromeSource;

/**
 * Whole blocks of syndrome rounds drawn once from a simulated code's {@link SyndromeSource}, kept as the source
 * emitted them (packed detector words, block and round index, end-of-block flag) with each block's ground truth, so
 * that a benchmark encodes or decodes them without sampling inside the timed section.
 * <p>
 * <b>Note:</b> cold path; built in a benchmark's setup.
 */
final class SampledRounds implements RoundSink
{
    private final long[][] detectorWords;
    private final long[] blockIndex;
    private final int[] roundIndex;
    private final boolean[] endOfBlock;
    private final int[] detectorCount;
    private final long[] trueObservableFlips;
    private int rounds;

    private SampledRounds(final int roundCapacity, final int blockCapacity, final int wordsPerRound)
    {
        detectorWords = new long[roundCapacity][wordsPerRound];
        blockIndex = new long[roundCapacity];
        roundIndex = new int[roundCapacity];
        endOfBlock = new boolean[roundCapacity];
        detectorCount = new int[roundCapacity];
        trueObservableFlips = new long[blockCapacity];
    }

    /**
     * @param code   the simulated code to sample.
     * @param seed   seed of the source.
     * @param blocks whole blocks to draw, from block 0.
     * @return the rounds of those blocks, in emission order.
     */
    static SampledRounds sample(final CodeDescription code, final long seed, final int blocks)
    {
        final int roundsPerBlock = code.rounds().roundCount();
        final int wordsPerRound = (code.rounds().maxDetectorsPerRound() + Long.SIZE - 1) / Long.SIZE;
        final SampledRounds sampled = new SampledRounds(blocks * roundsPerBlock, blocks, wordsPerRound);
        final SyndromeSource source = SyndromeSource.forCode(code, seed, 1.0);
        for (int b = 0; b < blocks; b++)
        {
            source.emitBlock(sampled);
        }
        return sampled;
    }

    @Override
    public void onRound(
        final long blockIndex,
        final int roundIndex,
        final boolean endOfBlock,
        final long[] detectorWords,
        final int detectorCount)
    {
        final int i = rounds++;
        System.arraycopy(detectorWords, 0, this.detectorWords[i], 0, this.detectorWords[i].length);
        this.blockIndex[i] = blockIndex;
        this.roundIndex[i] = roundIndex;
        this.endOfBlock[i] = endOfBlock;
        this.detectorCount[i] = detectorCount;
    }

    @Override
    public void onBlockEnd(final long blockIndex, final long trueObservableFlips)
    {
        this.trueObservableFlips[(int)blockIndex] = trueObservableFlips;
    }

    /** @return rounds held. */
    int rounds()
    {
        return rounds;
    }

    /**
     * @param round index of a held round.
     * @return its detector bits, detector {@code k} of the round in bit {@code k % 64} of word {@code k / 64}.
     */
    long[] detectorWords(final int round)
    {
        return detectorWords[round];
    }

    /**
     * @param round index of a held round.
     * @return the block it belongs to.
     */
    long blockIndex(final int round)
    {
        return blockIndex[round];
    }

    /**
     * @param round index of a held round.
     * @return its index within its block.
     */
    int roundIndex(final int round)
    {
        return roundIndex[round];
    }

    /**
     * @param round index of a held round.
     * @return true for the last round of its block.
     */
    boolean endOfBlock(final int round)
    {
        return endOfBlock[round];
    }

    /**
     * @param round index of a held round.
     * @return its number of detector bits.
     */
    int detectorCount(final int round)
    {
        return detectorCount[round];
    }

    /**
     * @param block index of a held block.
     * @return the logical observables its errors flipped.
     */
    long trueObservableFlips(final int block)
    {
        return trueObservableFlips[block];
    }
}
