package io.qecnode.bench.cli;

import io.qecnode.bench.golden.GoldenCase;
import io.qecnode.bench.golden.GoldenComparison;
import io.qecnode.bench.golden.GoldenData;
import io.qecnode.bench.golden.GoldenRun;
import io.qecnode.bench.golden.GoldenShots;
import io.qecnode.bench.golden.GoldenSummary;
import io.qecnode.bench.golden.GoldenTable;
import io.qecnode.bench.golden.GoldenTable.Style;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.model.RotatedSurfaceCode;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.node.cli.DecoderModeConverter;
import io.qecnode.node.cli.Ranges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code golden}: each union-find decoder mode against plain and correlated PyMatching on the Stim-made reference
 * cases, mistakes and speed.
 */
@Command(
    name = "golden",
    header = "Each decoder mode against PyMatching on the reference cases.",
    mixinStandardHelpOptions = true,
    description = {
        "Decode the reference cases (Stim DEMs and detection events, with PyMatching's predictions) with each",
        "decoder mode, one after the other. Prints a row per case and mode: plain and correlated PyMatching's",
        "mistakes and time per round (PyMatching 2.4, from case.json), the mode's mistakes, their ratios to both,",
        "agreement with plain PyMatching shot by shot, and the mode's decode time per round (shots in memory,",
        "thread CPU time, median of the repeats) and its ratio to plain PyMatching's."})
public final class GoldenCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--golden", paramLabel = "DIR",
        description = "Reference data folder. Default: ../shared/golden (or property qec.golden.dir).")
    private Path folder;

    @Option(names = "--family", defaultValue = "circuit", paramLabel = "NAME",
        description = "Noise family: circuit, phenom, codecap or all. Default: ${DEFAULT-VALUE}.")
    private String family;

    @Option(names = "--only-p", paramLabel = "P", description = "Only cases with this p. Default: every p.")
    private Double p;

    @Option(names = "--max-distance", defaultValue = "51", paramLabel = "D",
        description = "Skip cases of larger distance. Default: ${DEFAULT-VALUE}.")
    private int maxDistance;

    @Option(names = "--decoders", split = ",", paramLabel = "NAME", converter = DecoderModeConverter.class,
        description = "Decoder modes to run, in this order. Default: every mode.")
    private List<DecoderMode> decoders;

    @Option(names = "--warmup-passes", defaultValue = "1", paramLabel = "N",
        description = "Untimed passes over a case before timing. Default: ${DEFAULT-VALUE}.")
    private int warmups;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N",
        description = "Timed passes; the median is reported. Default: ${DEFAULT-VALUE}.")
    private int repeats;

    @Option(names = "--json", description = "One JSON object per case instead of the table.")
    private boolean json;

    @Option(names = "--markdown", description = "The table in Markdown, to paste into a note.")
    private boolean markdown;

    @Override
    public Integer call() throws Exception
    {
        Ranges.check(spec, "--repeats", repeats, 1, 1000);
        Ranges.check(spec, "--warmup-passes", warmups, 0, 1000);
        Ranges.check(spec, "--max-distance", maxDistance, RotatedSurfaceCode.MIN_DISTANCE, Integer.MAX_VALUE);
        if (p != null)
        {
            Ranges.probability(spec, "--only-p", p);
        }
        if (json && markdown)
        {
            throw new ParameterException(spec.commandLine(), "cannot be combined with --json, --markdown");
        }
        final Path data = folder != null ? folder : GoldenData.locate();
        if (data == null || !data.resolve("cases.jsonl").toFile().isFile())
        {
            throw new ParameterException(spec.commandLine(), "reference data not found (no cases.jsonl), " +
                (folder != null ? "--golden=" + folder : "file=" + (data == null ? "../shared/golden" : data)));
        }
        final List<DecoderMode> modes = new ArrayList<>(
            new LinkedHashSet<>(decoders != null ? decoders : Arrays.asList(DecoderMode.values())));
        final Style style = markdown ? Style.MARKDOWN : Style.TEXT;
        final PrintWriter out = spec.commandLine().getOut();
        if (!json)
        {
            GoldenTable.header(style).forEach(out::println);
            out.flush();
        }
        final List<GoldenComparison> all = new ArrayList<>();
        for (final GoldenCase golden : GoldenData.cases(data))
        {
            if (!("all".equals(family) || golden.family().equals(family)) || golden.distance() > maxDistance ||
                (p != null && golden.p() != p))
            {
                continue;
            }
            final List<GoldenComparison> figures = decode(golden, modes);
            all.addAll(figures);
            if (json)
            {
                out.println(GoldenTable.json(figures));
            }
            else
            {
                GoldenTable.rows(style, figures).forEach(out::println);
            }
            out.flush();
        }
        if (!json)
        {
            GoldenSummary.lines(style, modes, all).forEach(out::println);
            GoldenTable.legend(style).forEach(out::println);
            out.flush();
        }
        return 0;
    }

    // Modes one after the other on the same shots in memory, so their times are measured alike.
    private List<GoldenComparison> decode(final GoldenCase golden, final List<DecoderMode> modes) throws Exception
    {
        final DetectorErrorModel dem = DetectorErrorModel.parse(golden.dem());
        final GoldenShots shots = GoldenShots.load(golden);
        final long pymatching = shots.pymatchingMistakes();
        final List<GoldenComparison> figures = new ArrayList<>();
        for (final DecoderMode mode : modes)
        {
            final GoldenRun run = GoldenRun.decode(dem.graph(), mode, shots, golden.rounds(), warmups, repeats);
            figures.add(new GoldenComparison(golden, shots.count(), pymatching, mode, run));
        }
        return figures;
    }
}
