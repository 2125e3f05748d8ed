package io.qecnode.node.pipeline;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;

/**
 * Collects a block's defects as rounds arrive and decodes the whole block at once when it ends: the reference the
 * streaming decoder is held against, and the simplest decoder a node can run.
 */
public final class BatchBlockDecoder implements BlockDecoder
{
    private final RoundStructure rounds;
    private final UnionFindDecoder decoder;
    private final DecodeResult result;
    private final int[] defects;
    private int defectCount;
    private long decodeNs;

    /**
     * @param graph  the block's decoding graph.
     * @param rounds the rounds of a block.
     * @param growth cluster growth.
     */
    public BatchBlockDecoder(final DecodingGraph graph, final RoundStructure rounds, final DecoderMode growth)
    {
        this.rounds = rounds;
        this.decoder = new UnionFindDecoder(graph, growth);
        this.result = new DecodeResult(graph);
        this.defects = new int[graph.detectorCount()];
    }

    @Override
    public void addRound(final int round, final int[] firedLocal, final int count)
    {
        final int first = rounds.firstDetector(round);
        for (int i = 0; i < count; i++)
        {
            defects[defectCount++] = first + firedLocal[i];
        }
    }

    @Override
    public long finishBlock()
    {
        // The same clock as the streaming decoder's windows (System.nanoTime(), see StreamingDecoder), so the two
        // decoders' figures compare.
        final long startNs = System.nanoTime();
        final long flips = decoder.decode(defects, defectCount, result);
        decodeNs = System.nanoTime() - startNs;
        defectCount = 0;
        return flips;
    }

    /** @return the whole block's decode: one window covers it. */
    @Override
    public long lastWindowNs()
    {
        return decodeNs;
    }

    @Override
    public long blockDecodeNs()
    {
        return decodeNs;
    }

    @Override
    public boolean blockUsedFallback()
    {
        return false;
    }

    @Override
    public void abandonBlock()
    {
        defectCount = 0;
    }

    @Override
    public int roundsPerBlock()
    {
        return rounds.roundCount();
    }
}
