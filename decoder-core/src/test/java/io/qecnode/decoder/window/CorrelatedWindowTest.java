package io.qecnode.decoder.window;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import io.qecnode.decoder.graph.EdgeCorrelations;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotReader;
import io.qecnode.decoder.shots.SparseShot;
import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorrelatedWindowTest
{
    private static final Path FIXTURE = GoldenFiles.fixture().resolve("circuit_d05_r05_p0.005");
    private static final int NO_EDGE = -1;

    @Test
    void shouldKeepTheCorrelationsBetweenEdgesOfTheWindow()
    {
        // Rounds 0-1, 2-3, 4-5; boundary 6. The window is round 1.
        final int b = 6;
        final DecodingGraph plain = new DecodingGraphBuilder(6, 1)
            .addEdge(0, 2, 0.01, 0L)     // 0: from below, dropped
            .addEdge(2, 3, 0.01, 0L)     // 1: local 0
            .addEdge(2, 4, 0.005, 0L)    // 2: into the future, local 1
            .addEdge(3, b, 0.01, 1L)     // 3: local 2
            .addEdge(3, 5, 0.02, 1L)     // 4: into the future, merges into local 2
            .addEdge(4, 5, 0.01, 0L)     // 5: after the window, dropped
            .build();
        final DecodingGraph block = plain.withCorrelations(new EdgeCorrelations.Builder(6)
            .add(1, 2, 0.3)
            .add(2, 1, 0.4)
            .add(1, 0, 0.3)      // dropped with edge 0
            .add(1, 4, 0.2)      // lands on local (0, 2) with the next
            .add(1, 3, 0.25)
            .add(3, 4, 0.45)     // both parts of local 2: nothing to lower
            .add(5, 1, 0.45)     // dropped with edge 5
            .build(plain));

        final DecodingGraph window = WindowGraphCut.cut(block, RoundStructure.uniform(3, 2), 1, 2).graph;
        final EdgeCorrelations correlations = window.correlations();
        assertNotNull(correlations);
        assertEquals(3, correlations.pairCount());
        assertPair(window, 0, 0, 1, 0.3);
        assertPair(window, 0, 1, 2, 0.25);
        assertPair(window, 1, 0, 0, 0.4);
        assertEquals(correlations.end(2), correlations.start(2), "local 2 correlates with nothing in the window");
    }

    @Test
    void shouldCarryEveryBlockPairWhoseEdgesBothLieInTheWindow() throws IOException
    {
        final DetectorErrorModel model = DetectorErrorModel.parse(FIXTURE.resolve("model.dem"));
        final DecodingGraph block = model.graph();
        final RoundStructure rounds = RoundStructure.of(model);
        final EdgeCorrelations blockPairs = block.correlations();
        for (int first = 0; first + 2 < rounds.roundCount(); first++)
        {
            final int end = first + 3;
            final DecodingGraph window = WindowGraphCut.cut(block, rounds, first, end).graph;
            final int firstDetector = rounds.firstDetector(first);
            final int endDetector = end == rounds.roundCount() ? rounds.detectorCount() : rounds.firstDetector(end);
            final int[] localOf = new int[block.edgeCount()];
            for (int e = 0; e < block.edgeCount(); e++)
            {
                localOf[e] = localEdge(block, window, e, firstDetector, endDetector);
            }
            // Largest implied probability of the block pairs landing on each window pair.
            final double[][] expected = new double[window.edgeCount()][window.edgeCount()];
            for (int e = 0; e < block.edgeCount(); e++)
            {
                for (int k = blockPairs.start(e); k < blockPairs.end(e); k++)
                {
                    final int a = localOf[e];
                    final int c = localOf[blockPairs.other(k)];
                    if (a != NO_EDGE && c != NO_EDGE && a != c)
                    {
                        expected[a][c] = Math.max(expected[a][c], blockPairs.impliedProbability(k));
                    }
                }
            }
            final EdgeCorrelations windowPairs = window.correlations();
            int kept = 0;
            for (int a = 0; a < window.edgeCount(); a++)
            {
                final double[] row = new double[window.edgeCount()];
                for (int k = windowPairs.start(a); k < windowPairs.end(a); k++)
                {
                    row[windowPairs.other(k)] = windowPairs.impliedProbability(k);
                    kept++;
                }
                for (int c = 0; c < window.edgeCount(); c++)
                {
                    final boolean lowers = expected[a][c] > window.edgeProbability(c);
                    assertEquals(lowers ? expected[a][c] : 0.0, row[c], "window [" + first + ", " + end +
                        ") pair " + a + " -> " + c);
                }
            }
            assertTrue(kept > 0, "a window of a circuit model keeps correlations");
        }
    }

    @Test
    void shouldDecodeStreamingCorrelatedWithFewerMistakesThanWeightedAndAllocateNothing() throws IOException
    {
        final DetectorErrorModel model = DetectorErrorModel.parse(FIXTURE.resolve("model.dem"));
        final RoundStructure rounds = RoundStructure.of(model);
        final int[][] shots = readShots(FIXTURE.resolve("dets.b8"), ShotLayout.detectors(model.detectorCount()));
        final long[] truth = readObservables(FIXTURE.resolve("obs.b8"), shots.length);
        final WindowConfig window = WindowConfig.of(4, 2);
        assertTrue(window.incremental());
        final StreamingDecoder weighted =
            new StreamingDecoder(model.graph(), rounds, window.growth(DecoderMode.WEIGHTED));
        final StreamingDecoder correlated =
            new StreamingDecoder(model.graph(), rounds, window.growth(DecoderMode.CORRELATED));
        assertTrue(correlated.windowsPerBlock() > 1);
        final BlockFeeder feeder = new BlockFeeder(rounds);
        int weightedMistakes = 0;
        int correlatedMistakes = 0;
        for (int s = 0; s < shots.length; s++)
        {
            weightedMistakes += feeder.decodeBlock(weighted, shots[s], shots[s].length) != truth[s] ? 1 : 0;
            final long flips = feeder.decodeBlock(correlated, shots[s], shots[s].length);
            correlatedMistakes += flips != truth[s] ? 1 : 0;
            WindowTestSupport.assertCommitsReproduceSyndrome(correlated, shots[s], flips, "shot " + s);
        }
        System.out.printf("streaming (4, 2) on %s: weighted %d, correlated %d mistakes of %d shots%n",
            FIXTURE.getFileName(), weightedMistakes, correlatedMistakes, shots.length);
        assertTrue(correlatedMistakes < weightedMistakes,
            "correlated=" + correlatedMistakes + ", weighted=" + weightedMistakes);
        assertEquals(0, correlated.incrementalFinishes(), "a correlated final window is decoded from scratch");

        final long[] sink = new long[1];
        final Runnable section = () ->
        {
            for (final int[] shot : shots)
            {
                sink[0] ^= feeder.decodeBlock(correlated, shot, shot.length);
            }
        };
        section.run();
        assertEquals(0, AllocationMeter.leastBytesAllocatedBy(section, 3), "bytes allocated (sink " + sink[0] + ")");
    }

    private static void assertPair(
        final DecodingGraph graph, final int edge, final int pair, final int other, final double implied)
    {
        final EdgeCorrelations correlations = graph.correlations();
        assertTrue(correlations.start(edge) + pair < correlations.end(edge), "pair " + pair + " of " + edge);
        final int k = correlations.start(edge) + pair;
        assertEquals(other, correlations.other(k));
        assertEquals(implied, correlations.impliedProbability(k), 1e-12);
    }

    // The window edge a block edge lands on: same local ends, an end above the window on the boundary.
    private static int localEdge(
        final DecodingGraph block, final DecodingGraph window, final int edge, final int first, final int end)
    {
        final int source = block.edgeSource(edge);
        if (source < first || source >= end || block.edgeProbability(edge) == 0.0)
        {
            return NO_EDGE;
        }
        final int target = block.edgeTarget(edge);
        final int localTarget = target == block.boundaryVertex() || target >= end ?
            window.boundaryVertex() : target - first;
        final int local = source - first;
        for (int a = window.adjacencyStart(local); a < window.adjacencyEnd(local); a++)
        {
            if (window.otherEnd(window.adjacentEdge(a), local) == localTarget)
            {
                return window.adjacentEdge(a);
            }
        }
        throw new AssertionError("block edge " + edge + " has no window edge");
    }

    private static int[][] readShots(final Path file, final ShotLayout layout) throws IOException
    {
        int[][] shots = new int[0][];
        int count = 0;
        try (ShotReader reader = ShotReader.open(ShotFormat.B8, file, layout))
        {
            final SparseShot shot = SparseShot.forLayout(layout);
            while (reader.read(shot))
            {
                if (count == shots.length)
                {
                    shots = Arrays.copyOf(shots, Math.max(16, 2 * count));
                }
                shots[count++] = Arrays.copyOf(shot.defects(), shot.defectCount());
            }
        }
        return Arrays.copyOf(shots, count);
    }

    private static long[] readObservables(final Path file, final int count) throws IOException
    {
        final long[] masks = new long[count];
        try (ShotReader reader = ShotReader.open(ShotFormat.B8, file, ShotLayout.observables(1)))
        {
            for (int s = 0; s < count; s++)
            {
                masks[s] = reader.readMask();
            }
            assertTrue(!reader.hasMoreShots(), "as many observables as shots");
        }
        return masks;
    }
}
