package io.qecnode.sim.source;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotReader;
import io.qecnode.decoder.shots.SparseShot;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds shots drawn here from a golden Stim model against the detection events Stim drew from the same model
 * ({@code stim sample_dem}), both decoded by weighted union-find: the logical error rates, and the detection-event
 * statistics that tell a faithful sampler from one that splits decomposed errors apart, must agree.
 */
class StimSamplingAgreementTest
{
    private static final Pattern SHOTS = Pattern.compile("\"shots\"\\s*:\\s*(\\d+)");
    private static final Pattern SHOTS_WITH_ANY_DETECTION =
        Pattern.compile("\"shots_with_any_detection\"\\s*:\\s*(\\d+)");
    private static final double SIGMAS = 4.0;

    @ParameterizedTest
    @ValueSource(strings = {"circuit_d03_r03_p0.005", "circuit_d05_r05_p0.005"})
    void shouldDecodeShotsSampledHereAsWellAsStimsShotsOfTheSameModel(final String name) throws IOException
    {
        final Path dir = goldenCase(name);
        final DetectorErrorModel model = DetectorErrorModel.parse(dir.resolve("model.dem"));
        final String json = Files.readString(dir.resolve("case.json"), StandardCharsets.UTF_8);
        final int shots = intField(SHOTS, json);

        final Tally stim = decodeGolden(model, dir);
        final Tally here = decodeSource(model, shots);

        System.out.printf("%s, %d shots each: Stim %s | SyndromeSource %s%n", name, shots, stim, here);
        assertEquals(shots, stim.shots);
        assertEquals(intField(SHOTS_WITH_ANY_DETECTION, json), stim.shotsWithAnyDetection, "golden file as described");
        assertAgree(stim.logicalErrors, here.logicalErrors, shots, "logical error rate");
        assertAgree(stim.shotsWithAnyDetection, here.shotsWithAnyDetection, shots, "shots with any detection event");
        assertAgree(stim.observableFlips, here.observableFlips, shots, "shots whose observable flipped");
        final double meanError = Math.sqrt(stim.defectVariance() / shots + here.defectVariance() / shots);
        assertTrue(Math.abs(stim.meanDefects() - here.meanDefects()) < SIGMAS * meanError,
            "mean detection events: stim=" + stim.meanDefects() + ", here=" + here.meanDefects());
    }

    // The decomposed model's graph has the same single-detector rates, but firing the components of an error apart
    // spreads the same events over more shots and flips the observable more often: it is not Stim's distribution.
    @ParameterizedTest
    @ValueSource(strings = {"circuit_d03_r03_p0.005", "circuit_d05_r05_p0.005"})
    void shouldTellThatIndependentGraphEdgesAreNotStimsModel(final String name) throws IOException
    {
        final Path dir = goldenCase(name);
        final DetectorErrorModel model = DetectorErrorModel.parse(dir.resolve("model.dem"));
        final Tally stim = decodeGolden(model, dir);
        final Tally edges = new Tally(model);
        final ErrorSampler sampler = new ErrorSampler(model.graph(), 2024);
        final SampledShot shot = new SampledShot(model.graph());
        for (long i = 0; i < stim.shots; i++)
        {
            sampler.sample(shot);
            final int[] defects = Arrays.copyOf(shot.defects(), shot.defectCount());
            Arrays.sort(defects);
            edges.add(defects, defects.length, shot.observableFlips());
        }

        System.out.printf("%s: Stim %s | independent graph edges %s%n", name, stim, edges);
        assertEquals(stim.meanDefects(), edges.meanDefects(), 0.02 * stim.meanDefects(), "same mean, as expected");
        assertTrue(sigmasApart(stim.shotsWithAnyDetection, edges.shotsWithAnyDetection, stim.shots) > 8.0,
            "shots with any detection event: stim=" + stim.shotsWithAnyDetection + ", edges=" +
            edges.shotsWithAnyDetection);
        assertTrue(sigmasApart(stim.observableFlips, edges.observableFlips, stim.shots) > 8.0,
            "observable flips: stim=" + stim.observableFlips + ", edges=" + edges.observableFlips);
    }

    private static Tally decodeGolden(final DetectorErrorModel model, final Path dir) throws IOException
    {
        final Tally tally = new Tally(model);
        try (ShotReader dets = ShotReader.open(
                ShotFormat.B8, dir.resolve("dets.b8"), ShotLayout.detectors(model.detectorCount()));
            ShotReader obs = ShotReader.open(
                ShotFormat.B8, dir.resolve("obs.b8"), ShotLayout.observables(model.observableCount())))
        {
            final SparseShot shot = SparseShot.forLayout(dets.layout());
            while (dets.read(shot))
            {
                tally.add(shot.defects(), shot.defectCount(), obs.readMask());
            }
            obs.expectEnd();
        }
        return tally;
    }

    private static Tally decodeSource(final DetectorErrorModel model, final int shots)
    {
        final Tally tally = new Tally(model);
        final SyndromeSource source = SyndromeSource.forDem(model, 1337, SyndromeSource.BURST_FACTOR_DEFAULT);
        final DefectCollector collector = new DefectCollector(source.rounds());
        for (int i = 0; i < shots; i++)
        {
            source.emitBlock(collector);
            tally.add(collector.defects(), collector.defectCount(), collector.trueObservableFlips());
        }
        return tally;
    }

    private static void assertAgree(final long expected, final long actual, final long trials, final String what)
    {
        assertTrue(sigmasApart(expected, actual, trials) < SIGMAS,
            what + ": stim=" + expected + ", here=" + actual + ", shots=" + trials + ", sigmas=" +
            sigmasApart(expected, actual, trials));
    }

    // Distance between two binomial counts of the same number of trials, in combined standard deviations.
    private static double sigmasApart(final long first, final long second, final long trials)
    {
        final double p1 = (double)first / trials;
        final double p2 = (double)second / trials;
        final double sigma = Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / trials);
        return sigma == 0 ? (first == second ? 0 : Double.POSITIVE_INFINITY) : Math.abs(p1 - p2) / sigma;
    }

    private static int intField(final Pattern field, final String json)
    {
        final Matcher matcher = field.matcher(json);
        assertTrue(matcher.find(), "field " + field.pattern());
        return Integer.parseInt(matcher.group(1));
    }

    private static Path goldenCase(final String name)
    {
        final Path dir = GoldenFiles.folder().resolve(name);
        GoldenFiles.require(dir.resolve("dets.b8"));
        return dir;
    }

    /** Decodes shots with weighted union-find and counts what the comparison needs. */
    private static final class Tally
    {
        private final UnionFindDecoder decoder;
        private final DecodeResult result;
        private long shots;
        private long logicalErrors;
        private long shotsWithAnyDetection;
        private long observableFlips;
        private long defects;
        private long defectSquares;

        private Tally(final DetectorErrorModel model)
        {
            decoder = new UnionFindDecoder(model.graph(), DecoderMode.WEIGHTED);
            result = new DecodeResult(model.graph());
        }

        private void add(final int[] defectList, final int defectCount, final long trueObservableFlips)
        {
            shots++;
            if (decoder.decode(defectList, defectCount, result) != trueObservableFlips)
            {
                logicalErrors++;
            }
            shotsWithAnyDetection += defectCount > 0 ? 1 : 0;
            observableFlips += trueObservableFlips != 0 ? 1 : 0;
            defects += defectCount;
            defectSquares += (long)defectCount * defectCount;
        }

        private double meanDefects()
        {
            return (double)defects / shots;
        }

        private double defectVariance()
        {
            final double mean = meanDefects();
            return (double)defectSquares / shots - mean * mean;
        }

        public String toString()
        {
            return String.format("LER %.5f (%d), any-detection %.5f, observable-flip %.5f, events/shot %.3f (var %.2f)",
                (double)logicalErrors / shots, logicalErrors, (double)shotsWithAnyDetection / shots,
                (double)observableFlips / shots, meanDefects(), defectVariance());
        }
    }
}
