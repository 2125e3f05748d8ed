package io.qecnode.decoder.shots;

import io.qecnode.decoder.GoldenFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Reads every golden case written by Stim ({@code stim sample_dem --out_format b8 --obs_out_format b8}) and checks
 * the shot count and the total number of detection events against the case's case.json: the full set beside the
 * checkout and the cut that ships with the repository (whose case.json was recounted when it was cut).
 */
class GoldenShotsTest
{
    @TestFactory
    Stream<DynamicTest> shouldReadEveryGoldenCase() throws IOException
    {
        final Path full = GoldenFiles.folder();
        if (!Files.isDirectory(full))
        {
            GoldenFiles.failOnCi(full);
            return cases(GoldenFiles.fixture());
        }
        return Stream.concat(cases(GoldenFiles.fixture()), cases(full));
    }

    private static Stream<DynamicTest> cases(final Path golden) throws IOException
    {
        final List<Path> cases;
        try (Stream<Path> entries = Files.list(golden))
        {
            cases = entries.filter(dir -> Files.isRegularFile(dir.resolve("case.json"))).sorted()
                .collect(Collectors.toList());
        }
        assertFalse(cases.isEmpty(), () -> "no golden cases with a case.json: dir=" + golden);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(
            golden.getFileName() + "/" + dir.getFileName(), () -> check(dir)));
    }

    private static void check(final Path dir) throws IOException
    {
        final String json = Files.readString(dir.resolve("case.json"), StandardCharsets.UTF_8);
        final int detectors = (int)field(json, "num_detectors");
        final long shots = field(json, "shots");
        final long totalEvents = field(json, "total_detection_events");
        final long shotsWithEvents = field(json, "shots_with_any_detection");

        final ShotLayout layout = ShotLayout.detectors(detectors);
        final Path dets = dir.resolve("dets.b8");
        B8Files.checkShotCount(dets, layout, shots);
        long events = 0;
        long lit = 0;
        long checksum = 0;
        try (ShotReader reader = ShotReader.open(ShotFormat.B8, dets, layout))
        {
            final SparseShot shot = SparseShot.forLayout(layout);
            while (reader.read(shot))
            {
                events += shot.defectCount();
                lit += shot.defectCount() > 0 ? 1 : 0;
                for (int i = 0; i < shot.defectCount(); i++)
                {
                    checksum += weigh(reader.shotsRead() - 1, shot.defects()[i]);
                }
            }
            assertEquals(shots, reader.shotsRead(), "shots in dets.b8");
        }
        assertEquals(totalEvents, events, "total_detection_events");
        assertEquals(shotsWithEvents, lit, "shots_with_any_detection");
        assertEquals(referenceChecksum(dets, layout), checksum, "which detectors fired, against parse_b8");

        try (ShotReader reader = ShotReader.open(ShotFormat.B8, dir.resolve("obs.b8"), ShotLayout.observables(1)))
        {
            while (reader.hasMoreShots())
            {
                reader.readMask();
            }
            assertEquals(shots, reader.shotsRead(), "shots in obs.b8");
        }
    }

    // Stim's sample parse_b8, one record at a time: bit k of a shot is bit k % 8 of byte k / 8.
    private static long referenceChecksum(final Path file, final ShotLayout layout) throws IOException
    {
        final byte[] record = new byte[layout.b8BytesPerShot()];
        long checksum = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file))))
        {
            for (long shot = 0; in.read(record, 0, 1) == 1; shot++)
            {
                in.readFully(record, 1, record.length - 1);
                for (int k = 0; k < layout.bitCount(); k++)
                {
                    if ((record[k / 8] >> (k % 8) & 1) != 0)
                    {
                        checksum += weigh(shot, k);
                    }
                }
            }
        }
        return checksum;
    }

    // Depends on both the shot and the detector, so a wrong bit order or shot boundary changes the sum.
    private static long weigh(final long shot, final int detector)
    {
        final long h = (shot * 0x9E3779B97F4A7C15L) ^ (detector * 0xC2B2AE3D27D4EB4FL);
        return h ^ (h >>> 29);
    }

    private static long field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!matcher.find())
        {
            throw new IllegalStateException("case.json has no integer field: field=" + name);
        }
        return Long.parseLong(matcher.group(1));
    }
}
