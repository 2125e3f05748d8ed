package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.GraphTestSupport;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.reference.ExactDecoder;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DecoderMode#EXACT_SMALL}: exact matching inside clusters of few defects, peeling beyond.
 */
class ExactSmallTest
{
    @Test
    void shouldFindTheLightestCorrectionInsideEachSmallClusterOfASurfaceCode()
    {
        final int[] checked = new int[2];
        assertOptimalInsideClusters(SurfaceCodeModel.phenomenological(5, 5, 0.03).graph(), 5_000, 3, checked);
        assertTrue(checked[0] > 1_000, "clusters of two or more defects checked exhaustively: " + checked[0]);
    }

    @Test
    void shouldFindTheOptimumOfRandomGraphsWhenOneClusterSpansTheGraph()
    {
        final Random random = new Random(15);
        final int[] checked = new int[2];
        for (int g = 0; g < 20; g++)
        {
            assertOptimalInsideClusters(randomGraph(random, 6 + random.nextInt(7)), 2_000, g, checked);
        }
        assertTrue(checked[0] > 1_000, "clusters of two or more defects checked exhaustively: " + checked[0]);
        assertTrue(checked[1] > 100, "shots whose one cluster spanned the graph: " + checked[1]);
    }

    @Test
    void shouldPeelClustersOutsideTheRangeExactlyAsWeightedDoes()
    {
        final DecodingGraph graph = SurfaceCodeModel.phenomenological(5, 5, 0.03).graph();
        final int least = 3;
        final int most = 4;
        final UnionFindDecoder weighted = new UnionFindDecoder(graph, DecoderMode.WEIGHTED);
        final UnionFindDecoder exact = new UnionFindDecoder(graph, DecoderMode.EXACT_SMALL, least, most);
        final DecodeResult peeled = new DecodeResult(graph);
        final DecodeResult matched = new DecodeResult(graph);
        final ErrorSampler sampler = new ErrorSampler(graph, 7);
        final SampledShot shot = new SampledShot(graph);
        int peeledClusters = 0;
        int matchedClustersChanged = 0;
        for (int i = 0; i < 5_000; i++)
        {
            sampler.sample(shot);
            weighted.decode(shot.defects(), shot.defectCount(), peeled);
            exact.decode(shot.defects(), shot.defectCount(), matched);
            final Clusters clusters = Clusters.of(weighted, shot);
            for (int c = 0; c < clusters.count; c++)
            {
                final int[] before = clusters.edgesOf(c, peeled);
                final int[] after = clusters.edgesOf(c, matched);
                if (clusters.defects[c] < least || clusters.defects[c] > most)
                {
                    peeledClusters++;
                    assertArrayEquals(before, after, "shot " + i + ", cluster of " + clusters.defects[c] + " defects");
                }
                else
                {
                    matchedClustersChanged += Arrays.equals(before, after) ? 0 : 1;
                }
            }
        }
        assertTrue(peeledClusters > 1_000, "clusters outside the range: " + peeledClusters);
        assertTrue(matchedClustersChanged > 0, "no cluster in the range was corrected differently from peeling");
    }

    /*
     * For every shot: the correction explains the syndrome; it is never heavier than weighted peeling's (both grow
     * the same clusters, and with a limit above every cluster's defects each cluster is matched exactly); and when a
     * single cluster holds every detector and reached the boundary, every edge of the graph was open to the matching,
     * so its weight is the exhaustive minimum. Each cluster whose edges are few enough to try every subset gets the
     * lightest subset with its defects for ends. Counts in checked[0] the clusters of two or more defects tried
     * exhaustively, in checked[1] the shots with one spanning cluster.
     */
    private static void assertOptimalInsideClusters(
        final DecodingGraph graph, final int shots, final long seed, final int[] checked)
    {
        final ExactDecoder reference = graph.detectorCount() <= ExactDecoder.MAX_COMPONENT_DETECTORS ?
            new ExactDecoder(graph, false) : null;
        final UnionFindDecoder weighted = new UnionFindDecoder(graph, DecoderMode.WEIGHTED);
        final UnionFindDecoder exact =
            new UnionFindDecoder(graph, DecoderMode.EXACT_SMALL, 1, ClusterMatcher.MAX_DEFECTS_LIMIT);
        final DecodeResult peeled = new DecodeResult(graph);
        final DecodeResult matched = new DecodeResult(graph);
        final ErrorSampler sampler = new ErrorSampler(graph, seed);
        final SampledShot shot = new SampledShot(graph);
        int lighter = 0;
        for (int i = 0; i < shots; i++)
        {
            sampler.sample(shot);
            weighted.decode(shot.defects(), shot.defectCount(), peeled);
            final long flips = exact.decode(shot.defects(), shot.defectCount(), matched);
            final String where = graph + ", shot " + i + ", defects " +
                Arrays.toString(GraphTestSupport.sortedPrefix(shot.defects(), shot.defectCount()));
            assertEquals(0, matched.unmatchedDefects(), where);
            assertArrayEquals(
                GraphTestSupport.sortedPrefix(shot.defects(), shot.defectCount()),
                GraphTestSupport.syndromeOf(graph, matched.correctionEdges(), matched.correctionCount()), where);
            assertEquals(observablesOf(graph, matched), flips, where);

            final long matchedWeight = weightOf(graph, matched);
            final long peeledWeight = weightOf(graph, peeled);
            assertTrue(matchedWeight <= peeledWeight, where + ": " + matchedWeight + " > peeled " + peeledWeight);
            lighter += matchedWeight < peeledWeight ? 1 : 0;
            final Clusters clusters = Clusters.of(weighted, shot);
            if (reference != null && clusters.count == 1 && clusters.touchedBoundary[0] && clusters.size[0] == graph.detectorCount())
            {
                checked[1]++;
                assertEquals(reference.minimumWeight(shot.defects(), shot.defectCount()), matchedWeight, where);
            }
            for (int c = 0; c < clusters.count; c++)
            {
                final int[] candidates = clusters.candidateEdges(c);
                if (clusters.defects[c] >= 2 && candidates.length <= 12)
                {
                    checked[0]++;
                    assertEquals(lightestWithEnds(graph, candidates, shot), weightOf(graph, clusters.edgesOf(c, matched)),
                        where + ", cluster " + c);
                }
            }
        }
        assertTrue(lighter > 0, graph + ": exact matching was never lighter than peeling");
    }

    private static long weightOf(final DecodingGraph graph, final DecodeResult result)
    {
        return weightOf(graph, Arrays.copyOf(result.correctionEdges(), result.correctionCount()));
    }

    private static long weightOf(final DecodingGraph graph, final int[] edges)
    {
        long weight = 0;
        for (final int edge : edges)
        {
            weight += graph.edgeWeight(edge);
        }
        return weight;
    }

    // Every subset of the edges: the lightest whose ends (boundary aside) are the shot's defects among their ends.
    private static long lightestWithEnds(final DecodingGraph graph, final int[] edges, final SampledShot shot)
    {
        final Set<Integer> defects = new HashSet<>();
        for (int i = 0; i < shot.defectCount(); i++)
        {
            defects.add(shot.defects()[i]);
        }
        final int[] ends = new int[graph.detectorCount()];
        long best = Long.MAX_VALUE;
        for (int subset = 0; subset < 1 << edges.length; subset++)
        {
            Arrays.fill(ends, 0);
            long weight = 0;
            for (int e = 0; e < edges.length; e++)
            {
                if ((subset >> e & 1) != 0)
                {
                    weight += graph.edgeWeight(edges[e]);
                    ends[graph.edgeSource(edges[e])] ^= 1;
                    if (!graph.isBoundaryEdge(edges[e]))
                    {
                        ends[graph.edgeTarget(edges[e])] ^= 1;
                    }
                }
            }
            boolean matches = true;
            for (final int edge : edges)
            {
                matches &= ends[graph.edgeSource(edge)] == (defects.contains(graph.edgeSource(edge)) ? 1 : 0);
                matches &= graph.isBoundaryEdge(edge) ||
                    ends[graph.edgeTarget(edge)] == (defects.contains(graph.edgeTarget(edge)) ? 1 : 0);
            }
            best = matches ? Math.min(best, weight) : best;
        }
        return best;
    }

    private static long observablesOf(final DecodingGraph graph, final DecodeResult result)
    {
        long flips = 0;
        for (int i = 0; i < result.correctionCount(); i++)
        {
            flips ^= graph.edgeObservables(result.correctionEdges()[i]);
        }
        return flips;
    }

    // A path through every detector (so every syndrome sampled can be matched), random chords and boundary edges,
    // each with its own probability, so that weights differ.
    private static DecodingGraph randomGraph(final Random random, final int detectors)
    {
        final DecodingGraphBuilder builder = new DecodingGraphBuilder(detectors, 1);
        final Set<Long> pairs = new HashSet<>();
        for (int v = 0; v + 1 < detectors; v++)
        {
            pairs.add((long)v * detectors + v + 1);
            builder.addEdge(v, v + 1, probability(random), random.nextInt(4) == 0 ? 1 : 0);
        }
        for (int chord = 0; chord < detectors; chord++)
        {
            final int a = random.nextInt(detectors);
            final int b = random.nextInt(detectors);
            if (a != b && pairs.add((long)Math.min(a, b) * detectors + Math.max(a, b)))
            {
                builder.addEdge(a, b, probability(random), random.nextInt(4) == 0 ? 1 : 0);
            }
        }
        builder.addBoundaryEdge(0, probability(random), 1);
        for (int v = 1; v < detectors; v++)
        {
            if (random.nextInt(3) == 0)
            {
                builder.addBoundaryEdge(v, probability(random), random.nextInt(2));
            }
        }
        return builder.build();
    }

    private static double probability(final Random random)
    {
        return 0.01 + 0.2 * random.nextDouble();
    }

    /** The clusters union-find grew for a shot, found from the edges that filled. */
    private static final class Clusters
    {
        final int[] label;
        int count;
        final int[] defects;
        final int[] size;
        final boolean[] touchedBoundary;
        private final DecodingGraph graph;

        private Clusters(final DecodingGraph graph)
        {
            this.graph = graph;
            label = new int[graph.detectorCount()];
            defects = new int[graph.detectorCount()];
            size = new int[graph.detectorCount()];
            touchedBoundary = new boolean[graph.detectorCount()];
        }

        static Clusters of(final UnionFindDecoder decoder, final SampledShot shot)
        {
            final DecodingGraph graph = decoder.graph();
            final boolean[] filled = new boolean[graph.edgeCount()];
            decoder.growOnly(shot.defects(), shot.defectCount(), filled);
            final Clusters clusters = new Clusters(graph);
            Arrays.fill(clusters.label, -1);
            final boolean[] member = new boolean[graph.detectorCount()];
            for (int i = 0; i < shot.defectCount(); i++)
            {
                member[shot.defects()[i]] = true;
            }
            for (int e = 0; e < graph.edgeCount(); e++)
            {
                if (filled[e])
                {
                    member[graph.edgeSource(e)] = true;
                    if (!graph.isBoundaryEdge(e))
                    {
                        member[graph.edgeTarget(e)] = true;
                    }
                }
            }
            final int[] stack = new int[graph.detectorCount()];
            for (int start = 0; start < graph.detectorCount(); start++)
            {
                if (member[start] && clusters.label[start] < 0)
                {
                    clusters.flood(start, clusters.count++, filled, stack);
                }
            }
            for (int i = 0; i < shot.defectCount(); i++)
            {
                clusters.defects[clusters.label[shot.defects()[i]]]++;
            }
            return clusters;
        }

        private void flood(final int start, final int cluster, final boolean[] filled, final int[] stack)
        {
            int top = 0;
            stack[top++] = start;
            label[start] = cluster;
            while (top > 0)
            {
                final int v = stack[--top];
                size[cluster]++;
                for (int a = graph.adjacencyStart(v); a < graph.adjacencyEnd(v); a++)
                {
                    final int e = graph.adjacentEdge(a);
                    if (!filled[e])
                    {
                        continue;
                    }
                    final int w = graph.otherEnd(e, v);
                    if (w == graph.boundaryVertex())
                    {
                        touchedBoundary[cluster] = true;
                    }
                    else if (label[w] < 0)
                    {
                        label[w] = cluster;
                        stack[top++] = w;
                    }
                }
            }
        }

        // The edges open to the cluster's matching: both ends inside, or into the boundary if the cluster reached it.
        int[] candidateEdges(final int cluster)
        {
            return java.util.stream.IntStream.range(0, graph.edgeCount())
                .filter(e -> label[graph.edgeSource(e)] == cluster && (graph.isBoundaryEdge(e) ?
                    touchedBoundary[cluster] : label[graph.edgeTarget(e)] == cluster))
                .toArray();
        }

        // The correction's edges inside a cluster (or leaving it for the boundary), sorted.
        int[] edgesOf(final int cluster, final DecodeResult result)
        {
            return Arrays.stream(result.correctionEdges(), 0, result.correctionCount())
                .filter(e -> label[graph.edgeSource(e)] == cluster)
                .sorted()
                .toArray();
        }
    }
}
