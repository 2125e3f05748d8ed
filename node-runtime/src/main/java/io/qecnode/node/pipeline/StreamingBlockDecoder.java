package io.qecnode.node.pipeline;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.window.StreamingDecoder;
import io.qecnode.decoder.window.WindowConfig;

/**
 * Decodes a block window by window as its rounds arrive, so that only the final window is left when the last round
 * comes in: the reaction time follows the final window, not the block.
 */
public final class StreamingBlockDecoder implements BlockDecoder
{
    private final StreamingDecoder decoder;

    /**
     * @param graph  the block's decoding graph.
     * @param rounds the rounds of a block.
     * @param config window, commit region, defect cap and growth.
     */
    public StreamingBlockDecoder(final DecodingGraph graph, final RoundStructure rounds, final WindowConfig config)
    {
        this.decoder = new StreamingDecoder(graph, rounds, config);
    }

    /**
     * A window that keeps the code distance and leaves the shortest final window: commit regions of (d - 1) / 2
     * rounds with (d + 1) / 2 rounds of lookahead after them, or the whole block when it is no longer than that.
     *
     * @param distance       code distance.
     * @param roundsPerBlock rounds of a block.
     * @param growth         cluster growth.
     * @return the window configuration.
     */
    public static WindowConfig autoWindow(
        final int distance, final int roundsPerBlock, final io.qecnode.decoder.unionfind.UnionFindDecoder.Growth growth)
    {
        final int lookahead = (distance + 1) / 2;
        final int commit = Math.max(1, lookahead - 1);
        final int window = commit + lookahead;
        final WindowConfig config = window >= roundsPerBlock ?
            WindowConfig.of(roundsPerBlock, roundsPerBlock) : WindowConfig.of(window, commit);
        return config.growth(growth);
    }

    @Override
    public void addRound(final int round, final int[] firedLocal, final int count)
    {
        decoder.addRound(round, firedLocal, count);
    }

    @Override
    public long finishBlock()
    {
        return decoder.finishBlock();
    }

    @Override
    public long lastWindowNs()
    {
        return decoder.finalWindowNs();
    }

    @Override
    public long blockDecodeNs()
    {
        return decoder.blockDecodeNs();
    }

    @Override
    public boolean blockUsedFallback()
    {
        return decoder.blockUsedFallback();
    }

    @Override
    public void abandonBlock()
    {
        decoder.resetBlock();
    }

    @Override
    public int roundsPerBlock()
    {
        return decoder.roundsPerBlock();
    }

    @Override
    public void shed(final boolean on)
    {
        decoder.shed(on);
    }

    /** @return the streaming decoder, for its counts. */
    public StreamingDecoder decoder()
    {
        return decoder;
    }
}
