package io.qecnode.bench.cli;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyCommandTest
{
    private static final Pattern STAGE = Pattern.compile(
        "\"%s\":\\{\"name\":\"[a-z -]+\",\"count\":(\\d+),\"p50_ns\":(\\d+),\"p90_ns\":(\\d+),\"p99_ns\":(\\d+)," +
        "\"p999_ns\":(\\d+),\"p9999_ns\":(\\d+),\"max_ns\":(\\d+)}");

    @Test
    @Timeout(180)
    void shouldReportOursAndTheBaselineAndWriteTheLogThePercentilesAndThePlot(@TempDir final Path dir)
        throws Exception
    {
        final Path hlog = dir.resolve("e2e.hlog");
        final Path hgrm = dir.resolve("e2e.hgrm");
        final Path png = dir.resolve("e2e.png");
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int exit = commandLine.execute("latency", "-d", "5", "--period", "2us", "--warmup", "1s", "--duration",
            "3s", "--probe-every", "50", "--hlog", hlog.toString(), "--hgrm", hgrm.toString(), "--png",
            png.toString(), "--json");
        assertEquals(0, exit, out + "\n" + err);

        final String json = out.toString().trim();
        assertTrue(json.contains("\"lost\":0,"), json);
        assertTrue(json.contains("\"passed\":true,"), json);
        final long rounds = field(json, "rounds");
        // 4 s at 2 us is 2M rounds on the schedule; allow a slow start but not a stalled one.
        assertTrue(rounds > 1_000_000 && rounds <= 2_100_000, json);
        for (final String stage : new String[]{"end_to_end", "ingress", "reaction", "per_round", "raw_two_hop"})
        {
            final Matcher m = Pattern.compile(String.format(STAGE.pattern(), stage)).matcher(json);
            assertTrue(m.find(), stage + " in " + json);
            final long count = Long.parseLong(m.group(1));
            final long p50 = Long.parseLong(m.group(2));
            final long p99 = Long.parseLong(m.group(4));
            final long max = Long.parseLong(m.group(7));
            assertTrue(count > 0 && p50 > 0 && p50 <= p99 && p99 <= max, stage + ": " + m.group());
        }
        final Matcher e2e = Pattern.compile(String.format(STAGE.pattern(), "end_to_end")).matcher(json);
        assertTrue(e2e.find());
        // A block every 10 us for the 3 s after warm-up, give or take an interval.
        final long blocksMeasured = Long.parseLong(e2e.group(1));
        assertTrue(blocksMeasured > 150_000 && blocksMeasured <= 310_000, json);

        // The probe ran throughout the measured stretch: a frame every 50 rounds of 2 us, 10,000 a second, each
        // timed over both hops; the reaction is compared with it at p50 and p99.
        final Matcher probe = Pattern.compile(String.format(STAGE.pattern(), "raw_two_hop")).matcher(json);
        assertTrue(probe.find());
        final long probeFrames = Long.parseLong(probe.group(1));
        assertTrue(probeFrames > 15_000 && probeFrames <= 31_000, json);
        final Matcher reaction = Pattern.compile(String.format(STAGE.pattern(), "reaction")).matcher(json);
        assertTrue(reaction.find());
        final double ratioP50 = Double.parseDouble(ratio(json, "reaction_over_raw_two_hop_p50"));
        assertEquals((double)Long.parseLong(reaction.group(2)) / Long.parseLong(probe.group(2)), ratioP50, 0.001,
            json);
        assertTrue(Double.parseDouble(ratio(json, "reaction_over_raw_two_hop_p99")) > 0, json);

        // The interval log is HdrHistogram's own format: its reader gets back every block measured after warm-up,
        // untagged, and beside it, tagged, every reaction and probe frame.
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        long logged = 0;
        long probesLogged = 0;
        long reactionsLogged = 0;
        int intervals = 0;
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null)
        {
            final long count = ((Histogram)next).getTotalCount();
            if (next.getTag() == null)
            {
                logged += count;
                intervals++;
            }
            else if (next.getTag().equals("raw-two-hop"))
            {
                probesLogged += count;
            }
            else if (next.getTag().equals("reaction"))
            {
                reactionsLogged += count;
            }
        }
        assertEquals(blocksMeasured, logged);
        assertEquals(probeFrames, probesLogged);
        assertEquals(Long.parseLong(reaction.group(1)), reactionsLogged);
        assertTrue(intervals >= 2, "intervals: " + intervals);
        final String probePercentiles = Files.readString(dir.resolve("e2e.raw-two-hop.hgrm"));
        assertTrue(Pattern.compile("Total count\\s+=\\s+" + probeFrames + "]").matcher(probePercentiles).find(),
            probePercentiles);

        final String percentiles = Files.readString(hgrm);
        assertTrue(percentiles.contains("Value     Percentile TotalCount 1/(1-Percentile)"), percentiles);
        assertTrue(Pattern.compile("Total count\\s+=\\s+" + blocksMeasured + "]").matcher(percentiles).find(),
            percentiles);

        final BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a readable PNG");
        assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400);
    }

    @Test
    @Timeout(60)
    void shouldFailARunThatCannotHoldTheHardwareScheduleAndSayTheAchievedRate()
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        // Rounds every 10 ns, 100 M a second: no simulator emits that.
        final int exit = commandLine.execute("latency", "-d", "3", "--period", "10ns", "--warmup", "1s",
            "--duration", "1s");
        assertEquals(1, exit, out + "\n" + err);
        assertTrue(err.toString().contains("latency: FAILED: the hardware schedule was not held: achieved "),
            err.toString());
        assertTrue(err.toString().contains(" rounds/s of 100000000 requested ("), err.toString());
        assertTrue(out.toString().contains("latency: achieved "), "the summary gives the rate: " + out);
    }

    @Test
    void shouldRejectABadChannelClearly()
    {
        final CommandLine commandLine = QecBenchMain.commandLine();
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("latency", "--channel", "tcp"));
        assertTrue(err.toString().contains("must be an Aeron channel (aeron:ipc, " +
            "aeron:udp?endpoint=host:port) or the shorthand ipc or udp, --channel=tcp"), err.toString());
    }

    private static String ratio(final String json, final String name)
    {
        final Matcher m = Pattern.compile("\"" + name + "\":([0-9.]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static long field(final String json, final String name)
    {
        final Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
