package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotReader;
import io.qecnode.decoder.shots.SparseShot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorrelatedDecodingTest
{
    private static final int BOUNDARY = -1;

    // Edges A = D0-D1, B = D2-D3, C = D4-boundary, and a boundary edge at each of D0-D3. A and B fire together in two
    // errors, the second with C as well.
    private static final double[][] ERRORS = {
        {0.01, 0, 1, 2, 3},
        {0.004, 0, 1, 2, 3, 4, BOUNDARY},
        {0.03, 0, 1},
        {0.02, 2, 3},
        {0.06, 4, BOUNDARY},
        {0.05, 0, BOUNDARY},
        {0.07, 1, BOUNDARY},
        {0.05, 2, BOUNDARY},
        {0.08, 3, BOUNDARY}};

    @Test
    void shouldOnlyEverSetAnEdgeToAWeightItsModelImpliesAndRestoreEveryLength()
    {
        final DecodingGraph graph = DetectorErrorModel.parseText(demText(ERRORS)).graph();
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, DecoderMode.CORRELATED);
        final DecodeResult result = new DecodeResult(graph);
        int passesReweighted = 0;
        for (int mask = 1; mask < 1 << 5; mask++)
        {
            final int[] defects = defectsOf(mask);
            decoder.decodePass(defects, defects.length, result);
            final int changed = decoder.lowerCorrelated(result);
            int differing = 0;
            for (int e = 0; e < graph.edgeCount(); e++)
            {
                final int expected = lowestImpliedWeight(graph, e, result);
                assertEquals(expected, decoder.edgeLength(e), "length of edge " + e + " for defects " +
                    Arrays.toString(defects));
                differing += expected != weight(graph, graph.edgeProbability(e)) ? 1 : 0;
            }
            // An edge lowered by two correction edges counts twice.
            assertTrue(changed >= differing && (changed > 0) == (differing > 0), "lengths reported changed");
            passesReweighted += changed > 0 ? 1 : 0;
            decoder.restoreLengths();
            assertLengthsAreTheModelWeights(graph, decoder);

            decoder.decode(defects, defects.length, result);
            assertLengthsAreTheModelWeights(graph, decoder);
        }
        assertTrue(passesReweighted > 0, "some first pass must have used a correlated edge");
    }

    @Test
    void shouldTakeTheCorrelatedPartnerOfAFirstPassEdgeInTheSecondPass()
    {
        // D0 D1 and D2 with L0 fire together 25 times as often as D0 D1 alone with both 0.2 edges of D2 D3 boundary;
        // alone, the boundary edge of D2 is heavier than that two-edge way out.
        final String dem = String.join("\n",
            "error(0.01) D0 D1 ^ D2 L0",
            "error(0.01) D0 D1",
            "error(0.001) D2 L0",
            "error(0.2) D2 D3",
            "error(0.2) D3",
            "error(0.001) D0",
            "error(0.001) D1");
        final DecodingGraph graph = DetectorErrorModel.parseText(dem).graph();
        final int[] defects = {0, 1, 2};

        final UnionFindDecoder weighted = new UnionFindDecoder(graph, DecoderMode.WEIGHTED);
        assertEquals(0L, weighted.decode(defects, 3, new DecodeResult(graph)),
            "weighted goes out through D3, flipping nothing");
        final UnionFindDecoder correlated = new UnionFindDecoder(graph, DecoderMode.CORRELATED);
        final DecodeResult result = new DecodeResult(graph);
        assertEquals(1L, correlated.decode(defects, 3, result),
            "once D0 D1 is in the correction, D2's own way out flipping L0 is nearly free");
        assertEquals(2, result.correctionCount());
    }

    @Test
    void shouldDecodeAsWeightedOnAGraphWithoutCorrelations()
    {
        final String dem = "error(0.1) D0 D1\nerror(0.05) D1 D2 L0\nerror(0.1) D0\nerror(0.2) D2";
        final DecodingGraph graph = DetectorErrorModel.parseText(dem).graph();
        assertNull(graph.correlations());
        final UnionFindDecoder correlated = new UnionFindDecoder(graph, DecoderMode.CORRELATED);
        final UnionFindDecoder weighted = new UnionFindDecoder(graph, DecoderMode.WEIGHTED);
        final DecodeResult a = new DecodeResult(graph);
        final DecodeResult b = new DecodeResult(graph);
        for (int mask = 1; mask < 1 << 3; mask++)
        {
            final int[] defects = defectsOf(mask & 7);
            assertEquals(weighted.decode(defects, defects.length, b), correlated.decode(defects, defects.length, a));
            assertEquals(b.correctionCount(), a.correctionCount());
        }
        assertFalse(correlated.isCorrelated());
    }

    @Test
    void shouldNotAllocateWhileDecodingCorrelated() throws IOException
    {
        final Path dir = GoldenFiles.fixture().resolve("circuit_d05_r05_p0.005");
        final DetectorErrorModel model = DetectorErrorModel.parse(dir.resolve("model.dem"));
        final DecodingGraph graph = model.graph();
        assertNotNull(graph.correlations());
        final int[][] shots = readShots(dir.resolve("dets.b8"), model.detectorCount());
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, DecoderMode.CORRELATED);
        assertTrue(decoder.isCorrelated());
        final DecodeResult result = new DecodeResult(graph);
        final long[] sink = new long[1];
        final Runnable decodeAll = () ->
        {
            for (int i = 0; i < 50_000; i++)
            {
                final int[] shot = shots[i % shots.length];
                sink[0] += decoder.decode(shot, shot.length, result);
            }
        };
        decodeAll.run();

        final long allocated = AllocationMeter.leastBytesAllocatedBy(decodeAll, 3);
        assertEquals(0, allocated, "bytes allocated over 50,000 correlated decodes (sink " + sink[0] + ")");
        assertLengthsAreTheModelWeights(graph, decoder);
    }

    @Test
    void shouldGiveWhatAnExplicitSecondPassGivesWhenItSkipsOne() throws IOException
    {
        // decode() skips the second pass when no lowered edge touches the first pass's clusters: it must lose nothing.
        final Path dir = GoldenFiles.fixture().resolve("circuit_d05_r05_p0.005");
        final DetectorErrorModel model = DetectorErrorModel.parse(dir.resolve("model.dem"));
        final DecodingGraph graph = model.graph();
        final int[][] shots = readShots(dir.resolve("dets.b8"), model.detectorCount());
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, DecoderMode.CORRELATED);
        final UnionFindDecoder explicit = new UnionFindDecoder(graph, DecoderMode.CORRELATED);
        final DecodeResult result = new DecodeResult(graph);
        final DecodeResult expected = new DecodeResult(graph);
        int skipped = 0;
        for (final int[] shot : shots)
        {
            decoder.decode(shot, shot.length, result);
            explicit.decodePass(shot, shot.length, expected);
            final int[] firstPass = Arrays.copyOf(expected.correctionEdges(), expected.correctionCount());
            if (explicit.lowerCorrelated(expected) > 0)
            {
                explicit.decodePass(shot, shot.length, expected);
                explicit.restoreLengths();
            }
            final int[] secondPass = Arrays.copyOf(expected.correctionEdges(), expected.correctionCount());
            Arrays.sort(firstPass);
            Arrays.sort(secondPass);
            skipped += Arrays.equals(firstPass, secondPass) ? 1 : 0;
            assertEquals(expected.observableFlips(), result.observableFlips(), Arrays.toString(shot));
            final int[] actual = Arrays.copyOf(result.correctionEdges(), result.correctionCount());
            Arrays.sort(actual);
            assertArrayEquals(secondPass, actual, Arrays.toString(shot));
        }
        assertTrue(skipped > 0 && skipped < shots.length, "second passes that changed nothing: " + skipped);
        final CorrelatedPass pass = decoder.correlatedPass();
        assertTrue(pass.skippedPasses > 0 && pass.secondPasses > 0, "second passes decoded " + pass.secondPasses +
            ", skipped " + pass.skippedPasses);
    }

    // The length an edge must have after the first pass: its weight, or lower, the least weight of its probability
    // given any correction edge it shares an error with, computed here from the probabilities above.
    private static int lowestImpliedWeight(final DecodingGraph graph, final int edge, final DecodeResult firstPass)
    {
        int lowest = weight(graph, graph.edgeProbability(edge));
        for (int i = 0; i < firstPass.correctionCount(); i++)
        {
            final int used = firstPass.correctionEdges()[i];
            if (used == edge)
            {
                continue;
            }
            final double both = joint(graph, used, edge);
            if (both > 0.0)
            {
                final double implied = Math.min(0.5, both / joint(graph, used, used));
                lowest = Math.min(lowest, weight(graph, implied));
            }
        }
        return lowest;
    }

    // Probability that an odd number of the errors with components on both edges fire (edge and other the same: on it).
    private static double joint(final DecodingGraph graph, final int edge, final int other)
    {
        double p = 0.0;
        for (final double[] error : ERRORS)
        {
            if (names(error, graph, edge) && names(error, graph, other))
            {
                p = p * (1 - error[0]) + error[0] * (1 - p);
            }
        }
        return p;
    }

    private static boolean names(final double[] error, final DecodingGraph graph, final int edge)
    {
        final int boundary = graph.boundaryVertex();
        for (int c = 1; c < error.length; c += 2)
        {
            final int a = (int)error[c];
            final int b = error[c + 1] == BOUNDARY ? boundary : (int)error[c + 1];
            if (graph.edgeSource(edge) == Math.min(a, b) && graph.edgeTarget(edge) == Math.max(a, b))
            {
                return true;
            }
        }
        return false;
    }

    private static String demText(final double[][] errors)
    {
        final StringBuilder text = new StringBuilder();
        for (final double[] error : errors)
        {
            text.append("error(").append(error[0]).append(')');
            for (int c = 1; c < error.length; c += 2)
            {
                text.append(c > 1 ? " ^" : "").append(" D").append((int)error[c]);
                if (error[c + 1] != BOUNDARY)
                {
                    text.append(" D").append((int)error[c + 1]);
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static int[] defectsOf(final int mask)
    {
        return java.util.stream.IntStream.range(0, 5).filter(d -> (mask & (1 << d)) != 0).toArray();
    }

    // A correlated decode weighs on a finer scale than the graph's weights.
    private static int weight(final DecodingGraph graph, final double p)
    {
        return graph.weightOf(p, CorrelatedPass.RESOLUTION_FACTOR);
    }

    private static void assertLengthsAreTheModelWeights(final DecodingGraph graph, final UnionFindDecoder decoder)
    {
        for (int e = 0; e < graph.edgeCount(); e++)
        {
            assertEquals(weight(graph, graph.edgeProbability(e)), decoder.edgeLength(e), "edge " + e + " restored");
        }
    }

    private static int[][] readShots(final Path dets, final int detectors) throws IOException
    {
        final ShotLayout layout = ShotLayout.detectors(detectors);
        final List<int[]> shots = new ArrayList<>();
        try (ShotReader reader = ShotReader.open(ShotFormat.B8, dets, layout))
        {
            final SparseShot shot = SparseShot.forLayout(layout);
            while (reader.read(shot))
            {
                shots.add(Arrays.copyOf(shot.defects(), shot.defectCount()));
            }
        }
        return shots.toArray(new int[0][]);
    }
}
