package io.qecnode.decoder.window;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.GraphTestSupport;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Shared helpers of the window tests: golden data location, pre-sampled blocks, and the check that a decoder's
 * commits reproduce a block's syndrome.
 */
final class WindowTestSupport
{
    private WindowTestSupport()
    {
    }

    /**
     * @param caseName a golden case folder, such as {@code circuit_d05_r05_p0.001}.
     * @return the case's model, or skips the calling test when the golden data is absent.
     * @throws IOException when the model cannot be read.
     */
    static DetectorErrorModel goldenModel(final String caseName) throws IOException
    {
        return DetectorErrorModel.parse(GoldenFiles.require(GoldenFiles.folder().resolve(caseName).resolve("model.dem")));
    }

    /** Blocks drawn up front: sorted defects and the true observable flips of each. */
    static final class Blocks
    {
        final int[][] defects;
        final long[] truth;

        private Blocks(final int count)
        {
            defects = new int[count][];
            truth = new long[count];
        }

        int count()
        {
            return truth.length;
        }

        static Blocks sample(final ErrorSampler sampler, final SampledShot shot, final int count)
        {
            final Blocks blocks = new Blocks(count);
            for (int b = 0; b < count; b++)
            {
                sampler.sample(shot);
                blocks.defects[b] = Arrays.copyOf(shot.defects(), shot.defectCount());
                Arrays.sort(blocks.defects[b]);
                blocks.truth[b] = shot.observableFlips();
            }
            return blocks;
        }

        static Blocks sample(final DecodingGraph graph, final long seed, final int count)
        {
            return sample(new ErrorSampler(graph, seed), new SampledShot(graph), count);
        }

        static Blocks sample(final DetectorErrorModel model, final long seed, final int count)
        {
            return sample(
                new ErrorSampler(model.errorMechanisms(), seed), new SampledShot(model.errorMechanisms()), count);
        }
    }

    /**
     * @param decoder a decoder that just finished a block.
     * @return the block edges it committed in that block, sorted.
     */
    static int[] committedEdges(final StreamingDecoder decoder)
    {
        final int[] edges = new int[decoder.committedEdgeCount()];
        for (int i = 0; i < edges.length; i++)
        {
            edges[i] = decoder.committedEdge(i);
        }
        Arrays.sort(edges);
        return edges;
    }

    /**
     * Assert that the commits of the block just finished light exactly its defects and flip what finishBlock returned.
     *
     * @param decoder     the decoder.
     * @param defects     the block's defects, sorted.
     * @param flips       what finishBlock returned.
     * @param description names the block in a failure.
     */
    static void assertCommitsReproduceSyndrome(
        final StreamingDecoder decoder, final int[] defects, final long flips, final String description)
    {
        final DecodingGraph graph = decoder.graph();
        final int[] edges = committedEdges(decoder);
        assertArrayEquals(defects, GraphTestSupport.syndromeOf(graph, edges, edges.length),
            () -> "committed corrections do not light the syndrome: " + description);
        long committedFlips = 0;
        for (final int edge : edges)
        {
            committedFlips ^= graph.edgeObservables(edge);
        }
        if (committedFlips != flips)
        {
            throw new AssertionError("flips differ from the committed edges' masks: flips=" + flips +
                ", committedFlips=" + committedFlips + ", " + description);
        }
    }
}
