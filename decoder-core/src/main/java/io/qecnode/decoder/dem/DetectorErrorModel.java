package io.qecnode.decoder.dem;

import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.graph.DecodingGraphBuilder;
import io.qecnode.decoder.model.ErrorMechanisms;
import io.qecnode.decoder.model.ErrorMechanismsBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Stim detector error model imported as a {@link DecodingGraph}: the same graph type as the built-in noise models,
 * so every decoder and the simulator take either. Also keeps the detectors' coordinates and counts of what the import
 * did with each error mechanism.
 * <p>
 * Each {@code ^}-separated component of an {@code error} becomes one edge (one detector: a boundary edge), flipping
 * the observables listed in that component. Components on the same detectors merge as independent flips. Components
 * no detector sees cannot be decoded and are counted and skipped; components on more than two detectors are rejected,
 * since the model must be decomposed ({@code stim analyze_errors --decompose_errors}).
 * <p>
 * The graph is for decoding, not for sampling: the components of one error fire together, which independent edges
 * cannot express. {@link #errorMechanisms()} keeps each error instruction whole, for samplers. What the decomposition
 * says about edges firing together is kept with the graph as its {@link DecodingGraph#correlations()}, for correlated
 * decoding.
 * <p>
 * As in Stim, the detector count is the largest detector index used or declared (after shifts) plus one, and the
 * observable count the largest observable index named plus one.
 * <p>
 * <b>Note:</b> cold path; parsing allocates freely. Instances are immutable.
 */
public final class DetectorErrorModel
{
    /** Most detectors an imported model may have; a larger index is a {@link DemFormatException}. */
    public static final int MAX_DETECTORS = 1 << 24;

    /**
     * Most instructions an import runs once every repeat block is unrolled; bounds the time a small text with huge
     * repeat counts can take.
     */
    public static final long MAX_EXPANDED_INSTRUCTIONS = 1L << 28;

    private final DecodingGraph graph;
    private final ErrorMechanisms errorMechanisms;
    private final int coordinateDimensions;
    // Compressed rows: detector d's coordinates are coordinateValues[coordinateStart[d] .. coordinateStart[d + 1]).
    private final int[] coordinateStart;
    private final double[] coordinateValues;
    private final long errorCount;
    private final long componentCount;
    private final long undetectableComponentCount;
    private final long parallelMergeCount;
    private final int conflictingMergeCount;

    private DetectorErrorModel(
        final DecodingGraph graph,
        final ErrorMechanisms errorMechanisms,
        final CoordinateTable coordinates,
        final GraphAssembly assembly,
        final int conflictingMergeCount)
    {
        this.graph = graph;
        this.errorMechanisms = errorMechanisms;
        this.coordinateDimensions = coordinates.dimensions();
        this.coordinateStart = coordinates.starts(graph.detectorCount());
        this.coordinateValues = coordinates.values(coordinateStart);
        this.errorCount = assembly.errorCount();
        this.componentCount = assembly.componentCount();
        this.undetectableComponentCount = assembly.undetectableComponentCount();
        this.parallelMergeCount = assembly.parallelMergeCount();
        this.conflictingMergeCount = conflictingMergeCount;
    }

    /**
     * @param file a {@code .dem} file, UTF-8.
     * @return the imported model, with default weight resolution.
     * @throws IOException        when the file cannot be read.
     * @throws DemFormatException naming the line when the model is invalid or cannot be a graph.
     */
    public static DetectorErrorModel parse(final Path file) throws IOException
    {
        return parse(file, DecodingGraphBuilder.WEIGHT_RESOLUTION_DEFAULT);
    }

    /**
     * @param file             a {@code .dem} file, UTF-8.
     * @param weightResolution integer weight of the likeliest edge, see {@link DecodingGraphBuilder#weightResolution}.
     * @return the imported model.
     * @throws IOException        when the file cannot be read.
     * @throws DemFormatException naming the line when the model is invalid or cannot be a graph.
     */
    public static DetectorErrorModel parse(final Path file, final int weightResolution) throws IOException
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return parse(reader, weightResolution);
        }
    }

    /**
     * @param reader the model text; read to the end, not closed.
     * @return the imported model, with default weight resolution.
     * @throws IOException        when the reader fails.
     * @throws DemFormatException naming the line when the model is invalid or cannot be a graph.
     */
    public static DetectorErrorModel parse(final Reader reader) throws IOException
    {
        return parse(reader, DecodingGraphBuilder.WEIGHT_RESOLUTION_DEFAULT);
    }

    /**
     * @param reader           the model text; read to the end, not closed.
     * @param weightResolution integer weight of the likeliest edge, see {@link DecodingGraphBuilder#weightResolution}.
     * @return the imported model.
     * @throws IOException        when the reader fails.
     * @throws DemFormatException naming the line when the model is invalid or cannot be a graph.
     */
    public static DetectorErrorModel parse(final Reader reader, final int weightResolution) throws IOException
    {
        if (weightResolution < 1 || weightResolution > DecodingGraphBuilder.MAX_WEIGHT)
        {
            throw new IllegalArgumentException("weightResolution must be in [1, " + DecodingGraphBuilder.MAX_WEIGHT +
                "]: weightResolution=" + weightResolution);
        }
        final BufferedReader lines = reader instanceof BufferedReader ?
            (BufferedReader)reader : new BufferedReader(reader);
        final DemParser parser = new DemParser();
        final DemBlock model = parser.parse(lines, MAX_EXPANDED_INSTRUCTIONS);

        final DetectorScan scan = new DetectorScan(MAX_DETECTORS);
        DemWalker.walk(model, scan);

        final DecodingGraphBuilder builder = new DecodingGraphBuilder(scan.detectorCount(), parser.observableCount())
            .weightResolution(weightResolution);
        final GraphAssembly assembly = new GraphAssembly(builder);
        DemWalker.walk(model, assembly);

        final DecodingGraph built = builder.build();
        final CorrelationAssembly correlations = new CorrelationAssembly(builder);
        DemWalker.walk(model, correlations);

        final ErrorMechanismsBuilder mechanisms =
            new ErrorMechanismsBuilder(scan.detectorCount(), parser.observableCount());
        DemWalker.walk(model, new MechanismAssembly(mechanisms));

        return new DetectorErrorModel(
            built.withCorrelations(correlations.correlations(built)), mechanisms.build(), scan.coordinates(), assembly, builder.conflictingMerges());
    }

    /**
     * @param text the model text, e.g. {@code "error(0.1) D0 D1"}.
     * @return the imported model, with default weight resolution.
     * @throws DemFormatException naming the line when the model is invalid or cannot be a graph.
     */
    public static DetectorErrorModel parseText(final String text)
    {
        return parseText(text, DecodingGraphBuilder.WEIGHT_RESOLUTION_DEFAULT);
    }

    /**
     * @param text             the model text.
     * @param weightResolution integer weight of the likeliest edge, see {@link DecodingGraphBuilder#weightResolution}.
     * @return the imported model.
     * @throws DemFormatException naming the line when the model is invalid or cannot be a graph.
     */
    public static DetectorErrorModel parseText(final String text, final int weightResolution)
    {
        try
        {
            return parse(new StringReader(text), weightResolution);
        }
        catch (final IOException ex)
        {
            // A StringReader only fails once closed, and this one never is.
            throw new UncheckedIOException(ex);
        }
    }

    /** @return the decoding graph: detectors, then the boundary vertex, joined by the merged error components. */
    public DecodingGraph graph()
    {
        return graph;
    }

    /**
     * @return one mechanism per error instruction run (repeat blocks unrolled), in execution order, flipping every
     * detector and observable of all its components together; instructions with p = 0 or that flip nothing once
     * pairs cancel are left out. An error inside a repeat body that shifts nothing is one mechanism of the combined
     * probability of its n runs, {@code (1 - (1 - 2p)^n) / 2}: the same distribution of flips. Sample from these, not
     * from {@link #graph()}, to draw shots as Stim does.
     */
    public ErrorMechanisms errorMechanisms()
    {
        return errorMechanisms;
    }

    /** @return number of detectors: the largest index used or declared, plus one. */
    public int detectorCount()
    {
        return graph.detectorCount();
    }

    /** @return number of logical observables: the largest index named, plus one. */
    public int observableCount()
    {
        return graph.observableCount();
    }

    /** @return the largest number of coordinates any detector was declared with; 0 when none has any. */
    public int coordinateDimensions()
    {
        return coordinateDimensions;
    }

    /**
     * @param detector a detector index.
     * @return number of coordinates the detector was declared with; 0 when undeclared or declared without any.
     */
    public int coordinateCount(final int detector)
    {
        Objects.checkIndex(detector, graph.detectorCount());
        return coordinateStart[detector + 1] - coordinateStart[detector];
    }

    /**
     * @param detector a detector index.
     * @return true when the detector was declared with at least one coordinate.
     */
    public boolean hasCoordinates(final int detector)
    {
        return coordinateCount(detector) > 0;
    }

    /**
     * @param detector a detector index.
     * @param axis     a coordinate axis, from 0.
     * @return the detector's absolute coordinate (coordinate offsets applied) on that axis, or NaN when it has fewer.
     */
    public double coordinate(final int detector, final int axis)
    {
        if (axis < 0)
        {
            throw new IndexOutOfBoundsException("axis must be >= 0: axis=" + axis);
        }
        return axis < coordinateCount(detector) ? coordinateValues[coordinateStart[detector] + axis] : Double.NaN;
    }

    /** @return number of {@code error} instructions run, each repetition of a repeat block counted. */
    public long errorCount()
    {
        return errorCount;
    }

    /** @return number of {@code ^}-separated error components run, undetectable ones included. */
    public long componentCount()
    {
        return componentCount;
    }

    /** @return number of components that flip no detector (only observables, or nothing) and were skipped. */
    public long undetectableComponentCount()
    {
        return undetectableComponentCount;
    }

    /** @return number of components with p > 0 merged into an edge already there between the same detectors. */
    public long parallelMergeCount()
    {
        return parallelMergeCount;
    }

    /**
     * @return number of merges whose parts flipped different observables; the edge keeps the likelier part's mask,
     * see {@link DecodingGraphBuilder#conflictingMerges()}.
     */
    public int conflictingMergeCount()
    {
        return conflictingMergeCount;
    }

    public String toString()
    {
        return "DetectorErrorModel{detectors=" + graph.detectorCount() + ", observables=" + graph.observableCount() +
            ", edges=" + graph.edgeCount() + ", errors=" + errorCount + ", components=" + componentCount +
            ", undetectable=" + undetectableComponentCount + ", parallelMerges=" + parallelMergeCount +
            ", conflictingMerges=" + conflictingMergeCount + "}";
    }
}
