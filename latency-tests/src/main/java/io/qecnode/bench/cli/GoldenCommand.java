package io.qecnode.bench.cli;

import io.qecnode.bench.golden.GoldenCase;
import io.qecnode.bench.golden.GoldenData;
import io.qecnode.bench.golden.GoldenRun;
import io.qecnode.bench.golden.GoldenShots;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.model.RotatedSurfaceCode;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.node.cli.Ranges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code golden}: the union-find decoder against PyMatching on the Stim-made reference cases, mistakes and speed.
 */
@Command(
    name = "golden",
    header = "Union-find against PyMatching on the reference cases.",
    mixinStandardHelpOptions = true,
    description = {
        "Decode the reference cases (Stim DEMs and detection events, with PyMatching's predictions) with weighted",
        "and unweighted union-find. Prints per case: PyMatching's mistakes and ours with the ratio, agreement with",
        "PyMatching shot by shot, and decode time per round (shots in memory, thread CPU time, median of the",
        "repeats) beside PyMatching's figure measured the same way."})
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

    @Option(names = "--warmup-passes", defaultValue = "1", paramLabel = "N",
        description = "Untimed passes over a case before timing. Default: ${DEFAULT-VALUE}.")
    private int warmups;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N",
        description = "Timed passes; the median is reported. Default: ${DEFAULT-VALUE}.")
    private int repeats;

    @Option(names = "--json", description = "One JSON object per case instead of the table.")
    private boolean json;

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
        final Path data = folder != null ? folder : GoldenData.locate();
        if (data == null || !data.resolve("cases.jsonl").toFile().isFile())
        {
            throw new ParameterException(spec.commandLine(), "reference data not found (no cases.jsonl), " +
                (folder != null ? "--golden=" + folder : "file=" + (data == null ? "../shared/golden" : data)));
        }
        final PrintWriter out = spec.commandLine().getOut();
        if (!json)
        {
            out.printf(Locale.ROOT, "%-24s %-7s %-6s %-13s %-13s %-8s %-10s %-10s %-10s %-8s %-11s %-10s%n",
                "case", "shots", "PM err", "UF-w err", "UF-u err", "agree", "PM us/rd", "UF-w us/rd", "UF-u us/rd",
                "PM/UF-w", "PM2.4 us/rd", "UF-w/PM2.4");
            out.flush();
        }
        final List<GoldenCase> cases = GoldenData.cases(data);
        for (final GoldenCase golden : cases)
        {
            if (!("all".equals(family) || golden.family().equals(family)) || golden.distance() > maxDistance ||
                (p != null && golden.p() != p))
            {
                continue;
            }
            final DetectorErrorModel dem = DetectorErrorModel.parse(golden.dem());
            final GoldenShots shots = GoldenShots.load(golden);
            final GoldenRun weighted = GoldenRun.decode(
                dem.graph(), DecoderMode.WEIGHTED, shots, golden.rounds(), warmups, repeats);
            final GoldenRun unweighted = GoldenRun.decode(
                dem.graph(), DecoderMode.UNWEIGHTED, shots, golden.rounds(), warmups, repeats);
            out.println(json ? json(golden, shots, weighted, unweighted) : row(golden, shots, weighted, unweighted));
            out.flush();
        }
        if (!json)
        {
            out.println("UF-w/UF-u: weighted/unweighted union-find; ratios in brackets are ours/PyMatching mistakes;");
            out.println("agree: shots where weighted union-find predicts what PyMatching predicts.");
            out.println("PM us/rd: PyMatching 2.3.1's C++ decode loop; PM2.4 us/rd: PyMatching 2.4 " +
                "(pymatching_2_4_timing, NaN where the case lacks it); UF-w/PM2.4: our time over 2.4's.");
            out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") +
                ", cores: " + Runtime.getRuntime().availableProcessors());
            out.flush();
        }
        return 0;
    }

    private static String row(
        final GoldenCase golden, final GoldenShots shots, final GoldenRun weighted, final GoldenRun unweighted)
    {
        final long pm = shots.pymatchingMistakes();
        return String.format(Locale.ROOT,
            "%-24s %-7d %-6d %-13s %-13s %-8s %-10.4f %-10.4f %-10.4f %-8.2f %-11.4f %-10.2f",
            golden.name(), shots.count(), pm, withRatio(weighted.mistakes(), pm), withRatio(unweighted.mistakes(), pm),
            String.format(Locale.ROOT, "%.4f%%", 100.0 * weighted.agreements() / shots.count()),
            golden.pymatchingUsPerRound(), weighted.usPerRound(), unweighted.usPerRound(),
            golden.pymatchingUsPerRound() / weighted.usPerRound(), golden.pymatching24UsPerRound(),
            weighted.usPerRound() / golden.pymatching24UsPerRound());
    }

    private static String withRatio(final long ours, final long theirs)
    {
        return theirs == 0 ? ours + " (-)" : String.format(Locale.ROOT, "%d (%.2f)", ours, (double)ours / theirs);
    }

    private static String json(
        final GoldenCase golden, final GoldenShots shots, final GoldenRun weighted, final GoldenRun unweighted)
    {
        return String.format(Locale.ROOT,
            "{\"case\":\"%s\",\"family\":\"%s\",\"d\":%d,\"rounds\":%d,\"p\":%s,\"shots\":%d," +
            "\"pymatching_errors\":%d,\"weighted_errors\":%d,\"unweighted_errors\":%d,\"weighted_agreement\":%.6f," +
            "\"pymatching_us_per_round\":%.6f,\"pymatching_2_4_us_per_round\":%s,\"weighted_us_per_round\":%.6f," +
            "\"unweighted_us_per_round\":%.6f}",
            golden.name(), golden.family(), golden.distance(), golden.rounds(), golden.p(), shots.count(),
            shots.pymatchingMistakes(), weighted.mistakes(), unweighted.mistakes(),
            (double)weighted.agreements() / shots.count(), golden.pymatchingUsPerRound(),
            Double.isNaN(golden.pymatching24UsPerRound()) ? "null" :
            String.format(Locale.ROOT, "%.6f", golden.pymatching24UsPerRound()), weighted.usPerRound(),
            unweighted.usPerRound());
    }
}
