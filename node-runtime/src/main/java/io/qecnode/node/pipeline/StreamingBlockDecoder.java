package io.qecnode.node.pipeline;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecoderMode;
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
     * Largest distance whose final window is built up round by round by default. Measured at 1 us rounds (issue 14):
     * up to d = 11 it cut the decoder's share of the reaction 5x at the same work per block; at d = 17 the work per
     * block went up 4x at p90 and at d = 25 the unpaced rate fell from about 520,000 to 195,000 rounds/s, so larger
     * codes decode the final window from scratch.
     */
    public static final int INCREMENTAL_MAX_DISTANCE = 11;

    /**
     * A window that keeps the code distance and leaves the shortest final window: commit regions of (d - 1) / 2
     * rounds with (d + 1) / 2 rounds of lookahead after them, or the whole block when it is no longer than that. The
     * final window is built up round by round up to {@link #INCREMENTAL_MAX_DISTANCE}.
     *
     * @param distance       code distance.
     * @param roundsPerBlock rounds of a block.
     * @param growth         cluster growth.
     * @return the window configuration.
     */
    public static WindowConfig autoWindow(
        final int distance, final int roundsPerBlock, final io.qecnode.decoder.unionfind.DecoderMode growth)
    {
        final int lookahead = (distance + 1) / 2;
        final int commit = Math.max(1, lookahead - 1);
        final int window = commit + lookahead;
        final WindowConfig config = window >= roundsPerBlock ?
            WindowConfig.of(roundsPerBlock, roundsPerBlock) : WindowConfig.of(window, commit);
        return config.growth(growth).incremental(distance <= INCREMENTAL_MAX_DISTANCE);
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
