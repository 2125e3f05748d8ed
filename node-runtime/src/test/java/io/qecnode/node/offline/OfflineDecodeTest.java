package io.qecnode.node.offline;

import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import static io.qecnode.node.offline.RepetitionFixture.DEM;
import static io.qecnode.node.offline.RepetitionFixture.DETS_B8;
import static io.qecnode.node.offline.RepetitionFixture.DETS_DETS;
import static io.qecnode.node.offline.RepetitionFixture.MISTAKES;
import static io.qecnode.node.offline.RepetitionFixture.PREDICTIONS_B8;
import static io.qecnode.node.offline.RepetitionFixture.SHOTS;
import static io.qecnode.node.offline.RepetitionFixture.TRUTH_B8;
import static io.qecnode.node.offline.RepetitionFixture.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfflineDecodeTest
{
    private static final long TICK_NS = 1_000;

    @TempDir
    Path dir;

    @Test
    void shouldTimeTheDecodeCallsAloneOnAnInjectedClock() throws Exception
    {
        final DecodeSummary summary = new OfflineDecode(settings().predictionsOut(null), empty(),
            new ByteArrayOutputStream(), ticking(), ProgressListener.NONE).run();

        // Every clock read moves one tick, so each decode call spans exactly one tick.
        assertEquals(SHOTS * TICK_NS, summary.decodeNs());
        assertEquals(TICK_NS, summary.demParseNs());
        assertEquals(TICK_NS / 1e3, summary.microsPerShot(), 1e-12);
        assertEquals(MISTAKES, summary.mistakes());
        assertEquals("weighted", summary.decoder());
    }

    @Test
    void shouldReportProgressAtMostOncePerInterval() throws Exception
    {
        final List<long[]> reports = new ArrayList<>();
        final DecodeSettings settings = settings().predictionsOut(null).progressIntervalNs(5 * TICK_NS);
        new OfflineDecode(settings, empty(), new ByteArrayOutputStream(), ticking(),
            (shots, totalShots, elapsedNs) -> reports.add(new long[] {shots, totalShots, elapsedNs})).run();

        // The loop starts at tick 3 and shot k ends at tick 3 + 2k: due at 8, then 5 ticks after each report.
        assertEquals(3, reports.size());
        assertArrayEquals(new long[] {3, SHOTS, 6 * TICK_NS}, reports.get(0));
        assertArrayEquals(new long[] {6, SHOTS, 12 * TICK_NS}, reports.get(1));
        assertArrayEquals(new long[] {9, SHOTS, 18 * TICK_NS}, reports.get(2));
    }

    @Test
    void shouldLeaveTheTotalUnknownForTextAndStandardInput() throws Exception
    {
        final List<Long> totals = new ArrayList<>();
        final DecodeSettings settings = new DecodeSettings().dem(write("model.dem", ascii(DEM)))
            .shotsInFormat(ShotFormat.DETS).progressIntervalNs(1);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final DecodeSummary summary = new OfflineDecode(settings, new ByteArrayInputStream(ascii(DETS_DETS)), out,
            ticking(), (shots, totalShots, elapsedNs) -> totals.add(totalShots)).run();

        assertEquals(SHOTS, totals.size());
        assertTrue(totals.stream().allMatch(total -> total == OfflineDecode.SHOTS_UNKNOWN), totals.toString());
        assertEquals(DecodeSummary.MISTAKES_UNKNOWN, summary.mistakes());
        assertEquals("0\n1\n0\n0\n1\n0\n1\n0\n0\n", out.toString(), "01 by default, as pymatching predict");
    }

    @Test
    void shouldWriteNothingWhenTheInputsDisagreeBeforeDecoding() throws Exception
    {
        final Path out = dir.resolve("predictions.b8");
        final DecodeSettings settings = settings().observablesIn(write("short.b8", new byte[SHOTS - 1]))
            .predictionsOut(out).predictionsFormat(ShotFormat.B8);

        final DecodeFailure failure = assertThrows(DecodeFailure.class, () -> new OfflineDecode(settings, empty(),
            new ByteArrayOutputStream(), System::nanoTime, ProgressListener.NONE).run());
        assertTrue(failure.getMessage().contains("obsShots=8, shots=9"), failure.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRefuseB8PredictionsForAModelWithoutObservables() throws Exception
    {
        final DecodeSettings settings = new DecodeSettings().dem(write("plain.dem", ascii("error(0.1) D0 D1\n")))
            .shotsIn(write("dets.b8", new byte[] {0x03})).predictionsOut(dir.resolve("p.b8"))
            .predictionsFormat(ShotFormat.B8);

        final DecodeFailure failure = assertThrows(DecodeFailure.class, () -> new OfflineDecode(settings, empty(),
            new ByteArrayOutputStream(), System::nanoTime, ProgressListener.NONE).run());
        assertTrue(failure.getMessage().contains("b8 cannot hold predictions of zero bits"), failure.getMessage());
    }

    @Test
    void shouldWritePredictionsAndCountMistakesInOnePass() throws Exception
    {
        final Path out = dir.resolve("predictions.b8");
        final DecodeSummary summary = new OfflineDecode(settings().predictionsOut(out)
            .predictionsFormat(ShotFormat.B8).growth(DecoderMode.UNWEIGHTED), empty(),
            new ByteArrayOutputStream(), System::nanoTime, ProgressListener.NONE).run();

        assertArrayEquals(PREDICTIONS_B8, Files.readAllBytes(out));
        assertEquals(MISTAKES, summary.mistakes());
        assertEquals("unweighted", summary.decoder());
        assertEquals(SHOTS, summary.shots());
        assertEquals(12, summary.detectionEvents());
    }

    @Test
    void shouldRefuseStandardInputForBothInputs() throws IOException
    {
        final DecodeSettings settings = new DecodeSettings().dem(write("model.dem", ascii(DEM)))
            .observablesIn(DecodeSettings.STANDARD_STREAM);

        assertThrows(IllegalArgumentException.class, () -> new OfflineDecode(settings, empty(),
            new ByteArrayOutputStream(), System::nanoTime, ProgressListener.NONE));
    }

    private DecodeSettings settings() throws IOException
    {
        return new DecodeSettings()
            .dem(write("model.dem", ascii(DEM)))
            .shotsIn(write("dets.b8", DETS_B8))
            .observablesIn(write("obs.b8", TRUTH_B8));
    }

    private Path write(final String name, final byte[] content) throws IOException
    {
        return Files.write(dir.resolve(name), content);
    }

    private static InputStream empty()
    {
        return new ByteArrayInputStream(new byte[0]);
    }

    private static LongSupplier ticking()
    {
        final long[] now = {0};
        return () -> now[0] += TICK_NS;
    }
}
