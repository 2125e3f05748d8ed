package io.qecnode.bench.jmh;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.RotatedSurfaceCode;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;

import java.util.Arrays;

/**
 * Corrections as a decoder hands them to a Pauli frame: code-capacity shots of the rotated surface code decoded with
 * union-find, each correction edge turned back into the data qubit whose error it stands for. An edge of the Z-type
 * detectors is an X correction, an edge of the X-type detectors a Z correction; where several qubits share an edge
 * (weight-2 boundary stabilizers), the lowest-numbered qubit stands for it.
 * <p>
 * <b>Note:</b> cold path; built in a benchmark's setup.
 */
final class CorrectionSets
{
    private static final int NO_QUBIT = -1;

    private final int[][] xQubits;
    private final int[][] zQubits;

    private CorrectionSets(final int[][] xQubits, final int[][] zQubits)
    {
        this.xQubits = xQubits;
        this.zQubits = zQubits;
    }

    /**
     * @param distance code distance.
     * @param p        flip probability of each data qubit, for X and Z independently.
     * @param seed     seed of the shots.
     * @param count    number of shots to decode.
     * @return one X and one Z correction set per shot.
     */
    static CorrectionSets decode(final int distance, final double p, final long seed, final int count)
    {
        final SurfaceCodeModel model = SurfaceCodeModel.codeCapacity(distance, p);
        final DecodingGraph graph = model.graph();
        final int[] qubitOfEdge = new int[graph.edgeCount()];
        final boolean[] isXCorrection = new boolean[graph.edgeCount()];
        mapEdgesToQubits(model, qubitOfEdge, isXCorrection);

        final ErrorSampler sampler = new ErrorSampler(graph, seed);
        final SampledShot shot = new SampledShot(graph);
        final UnionFindDecoder decoder = new UnionFindDecoder(graph, DecoderMode.DEFAULT);
        final DecodeResult result = new DecodeResult(graph);
        final int[][] xQubits = new int[count][];
        final int[][] zQubits = new int[count][];
        final int[] xs = new int[graph.edgeCount()];
        final int[] zs = new int[graph.edgeCount()];
        for (int i = 0; i < count; i++)
        {
            sampler.sample(shot);
            decoder.decode(shot.defects(), shot.defectCount(), result);
            int xCount = 0;
            int zCount = 0;
            for (int c = 0; c < result.correctionCount(); c++)
            {
                final int edge = result.correctionEdges()[c];
                if (isXCorrection[edge])
                {
                    xs[xCount++] = qubitOfEdge[edge];
                }
                else
                {
                    zs[zCount++] = qubitOfEdge[edge];
                }
            }
            xQubits[i] = Arrays.copyOf(xs, xCount);
            zQubits[i] = Arrays.copyOf(zs, zCount);
        }
        return new CorrectionSets(xQubits, zQubits);
    }

    /**
     * @param shot index of a decoded shot.
     * @return the data qubits its correction multiplies by X.
     */
    int[] xQubits(final int shot)
    {
        return xQubits[shot];
    }

    /**
     * @param shot index of a decoded shot.
     * @return the data qubits its correction multiplies by Z.
     */
    int[] zQubits(final int shot)
    {
        return zQubits[shot];
    }

    private static void mapEdgesToQubits(
        final SurfaceCodeModel model, final int[] qubitOfEdge, final boolean[] isXCorrection)
    {
        final RotatedSurfaceCode code = model.code();
        final DecodingGraph graph = model.graph();
        final int boundary = graph.boundaryVertex();
        Arrays.fill(qubitOfEdge, NO_QUBIT);
        for (int q = 0; q < code.dataQubitCount(); q++)
        {
            final int[] zStabs = code.zStabilizersOf(q);
            final int xEdge = edgeBetween(graph, model.zDetector(0, zStabs[0]),
                zStabs.length == 2 ? model.zDetector(0, zStabs[1]) : boundary);
            if (qubitOfEdge[xEdge] == NO_QUBIT)
            {
                qubitOfEdge[xEdge] = q;
                isXCorrection[xEdge] = true;
            }
            final int[] xStabs = code.xStabilizersOf(q);
            final int zEdge = edgeBetween(graph, model.xDetector(0, xStabs[0]),
                xStabs.length == 2 ? model.xDetector(0, xStabs[1]) : boundary);
            if (qubitOfEdge[zEdge] == NO_QUBIT)
            {
                qubitOfEdge[zEdge] = q;
            }
        }
        for (int edge = 0; edge < qubitOfEdge.length; edge++)
        {
            if (qubitOfEdge[edge] == NO_QUBIT)
            {
                throw new IllegalStateException("edge stands for no data qubit: edge=" + edge + ", source=" +
                    graph.edgeSource(edge) + ", target=" + graph.edgeTarget(edge));
            }
        }
    }

    private static int edgeBetween(final DecodingGraph graph, final int from, final int to)
    {
        for (int position = graph.adjacencyStart(from), end = graph.adjacencyEnd(from); position < end; position++)
        {
            final int edge = graph.adjacentEdge(position);
            if (graph.otherEnd(edge, from) == to)
            {
                return edge;
            }
        }
        throw new IllegalStateException("no edge between vertices: from=" + from + ", to=" + to);
    }
}
