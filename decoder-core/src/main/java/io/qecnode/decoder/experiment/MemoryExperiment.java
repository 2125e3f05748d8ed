package io.qecnode.decoder.experiment;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;

/**
 * Samples shots from a decoding graph, decodes each, and counts the shots whose predicted observable flips differ
 * from the truth. Decode time is measured around the decode calls alone, not the sampling.
 * <p>
 * <b>Note:</b> single-threaded; allocates nothing per shot.
 */
public final class MemoryExperiment
{
    private final ErrorSampler sampler;
    private final UnionFindDecoder decoder;
    private final SampledShot shot;
    private final DecodeResult result;
    private long shots;
    private long logicalErrors;
    private long decodeNs;
    private long defects;

    /**
     * @param graph error model and decoding graph.
     * @param seed  seed of the sampler.
     */
    public MemoryExperiment(final DecodingGraph graph, final long seed)
    {
        sampler = new ErrorSampler(graph, seed);
        decoder = new UnionFindDecoder(graph, DecoderMode.DEFAULT);
        shot = new SampledShot(graph);
        result = new DecodeResult(graph);
    }

    /**
     * Run more shots, adding to the totals.
     *
     * @param count number of shots.
     */
    public void run(final long count)
    {
        for (long i = 0; i < count; i++)
        {
            sampler.sample(shot);
            final long startNs = System.nanoTime();
            final long predicted = decoder.decode(shot.defects(), shot.defectCount(), result);
            decodeNs += System.nanoTime() - startNs;
            if (predicted != shot.observableFlips())
            {
                logicalErrors++;
            }
            defects += shot.defectCount();
        }
        shots += count;
    }

    /** @return shots run so far. */
    public long shots()
    {
        return shots;
    }

    /** @return shots whose prediction differed from the truth in any observable. */
    public long logicalErrors()
    {
        return logicalErrors;
    }

    /** @return logical errors per shot. */
    public double logicalErrorRate()
    {
        return shots == 0 ? 0.0 : (double)logicalErrors / shots;
    }

    /** @return nanoseconds spent inside decode calls. */
    public long decodeNs()
    {
        return decodeNs;
    }

    /** @return mean number of defects per shot. */
    public double meanDefects()
    {
        return shots == 0 ? 0.0 : (double)defects / shots;
    }
}
