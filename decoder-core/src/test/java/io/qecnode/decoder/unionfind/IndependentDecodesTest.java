package io.qecnode.decoder.unionfind;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.GraphTestSupport;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the streaming decoder's incremental finish rests on: when the clusters of a decode of S and of a separate decode
 * of N share no vertex and no edge joins them, the decode of S followed by N is the two side by side, correction edge
 * for correction edge, ties included. Random S and N on graphs with many equal weights (phenomenological, unweighted
 * growth) and with circuit-level weights.
 */
class IndependentDecodesTest
{
    private static final int PAIRS = 4000;

    @ParameterizedTest
    @CsvSource({
        "3, 0.02, WEIGHTED",
        "5, 0.001, WEIGHTED",
        "5, 0.02, UNWEIGHTED",
        "7, 0.005, WEIGHTED",
        "7, 0.02, WEIGHTED",
        "9, 0.01, UNWEIGHTED",
        "11, 0.001, WEIGHTED",
        "11, 0.02, WEIGHTED"})
    void shouldDecodeIndependentSyndromesSideBySideOnPhenomenologicalGraphs(
        final int distance, final double p, final DecoderMode growth)
    {
        final DecodingGraph graph = SurfaceCodeModel.phenomenological(distance, distance, p).graph();
        assertSideBySide(graph, new ErrorSampler(graph, 97L * distance), new SampledShot(graph), growth);
    }

    @ParameterizedTest
    @CsvSource({"circuit_d05_r05_p0.005", "circuit_d11_r11_p0.001", "circuit_d11_r11_p0.005"})
    void shouldDecodeIndependentSyndromesSideBySideOnGoldenCircuitModels(final String caseName) throws IOException
    {
        final DetectorErrorModel model =
            DetectorErrorModel.parse(GoldenFiles.require(GoldenFiles.folder().resolve(caseName).resolve("model.dem")));
        assertSideBySide(model.graph(), new ErrorSampler(model.errorMechanisms(), 13),
            new SampledShot(model.errorMechanisms()), DecoderMode.WEIGHTED);
    }

    private static void assertSideBySide(
        final DecodingGraph graph, final ErrorSampler sampler, final SampledShot shot, final DecoderMode growth)
    {
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, growth);
        final java.util.Random random = new java.util.Random(graph.detectorCount());
        // As the streaming decoder uses it: S all of one syndrome below a cut, N a slice of another just above it.
        final int slice = Math.max(1, graph.detectorCount() / 12);
        final DecodeResult result = new DecodeResult(graph);
        int independent = 0;
        int dependent = 0;
        int dependentAndDifferent = 0;
        for (int pair = 0; pair < PAIRS; pair++)
        {
            final int cut = random.nextInt(graph.detectorCount());
            final int[] s = sample(sampler, shot, 0, cut);
            final int[] n = sample(sampler, shot, cut, cut + slice);
            final Decoded alone = new Decoded(decoder, s, result);
            final Decoded other = new Decoded(decoder, n, result);
            final int[] both = concat(s, n);
            final boolean disjointDefects = both.length == Arrays.stream(both).distinct().count();
            if (!disjointDefects)
            {
                continue;
            }
            final Decoded joint = new Decoded(decoder, both, result);
            final int[] union = concat(alone.correction, other.correction);
            Arrays.sort(union);
            final boolean same = Arrays.equals(union, joint.correction) &&
                joint.flips == (alone.flips ^ other.flips);
            if (independent(graph, alone.members, other.members))
            {
                independent++;
                final int at = pair;
                assertArrayEquals(union, joint.correction, () -> "correction of S then N differs: pair=" + at +
                    ", S=" + Arrays.toString(s) + ", N=" + Arrays.toString(n));
                assertEquals(alone.flips ^ other.flips, joint.flips, "pair=" + pair);
                assertEquals(alone.unmatched + other.unmatched, joint.unmatched, "pair=" + pair);
            }
            else
            {
                dependent++;
                dependentAndDifferent += same ? 0 : 1;
            }
        }
        System.out.printf("independent decodes: %s growth=%s independent=%d dependent=%d dependentAndDifferent=%d%n",
            graph, growth, independent, dependent, dependentAndDifferent);
        assertTrue(independent > PAIRS / 20, "too few independent pairs to say anything: " + independent);
        assertTrue(dependent > 0, "the check never said dependent");
    }

    private static boolean independent(final DecodingGraph graph, final boolean[] a, final boolean[] b)
    {
        for (int v = 0; v < graph.detectorCount(); v++)
        {
            if (!b[v])
            {
                continue;
            }
            if (a[v])
            {
                return false;
            }
            for (int i = graph.adjacencyStart(v); i < graph.adjacencyEnd(v); i++)
            {
                final int other = graph.otherEnd(graph.adjacentEdge(i), v);
                if (other != graph.boundaryVertex() && a[other])
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static int[] sample(final ErrorSampler sampler, final SampledShot shot, final int from, final int to)
    {
        sampler.sample(shot);
        return Arrays.stream(shot.defects(), 0, shot.defectCount()).filter(d -> d >= from && d < to).toArray();
    }

    private static int[] concat(final int[] a, final int[] b)
    {
        final int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** One decode's correction (sorted), flips, unmatched defects and cluster members. */
    private static final class Decoded
    {
        final int[] correction;
        final long flips;
        final int unmatched;
        final boolean[] members;

        Decoded(final UnionFindDecoder decoder, final int[] defects, final DecodeResult result)
        {
            flips = decoder.decode(defects, defects.length, result);
            correction = GraphTestSupport.sortedPrefix(result.correctionEdges(), result.correctionCount());
            unmatched = result.unmatchedDefects();
            members = new boolean[decoder.graph().vertexCount()];
            for (int i = 0; i < decoder.lastMemberCount(); i++)
            {
                members[decoder.lastMember(i)] = true;
            }
            assertTrue(!members[decoder.graph().boundaryVertex()], "the boundary vertex is never a member");
        }
    }
}
