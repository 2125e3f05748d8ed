package io.qecnode.decoder.shots;

import io.qecnode.decoder.GoldenFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same 512 shots written by Stim in every result format ({@code ../shared/stim-formats}, see its README): each
 * format reads as the same shots as its {@code b8} file, and writing the {@code b8} shots in the format reproduces
 * Stim's (or, for predictions, PyMatching's) file byte for byte. Skipped when the folder is absent.
 */
class StimFormatFilesTest
{
    private static final int DETECTORS = 120;
    private static final int SHOTS = 512;
    private static final String[] FILES = { "dets", "obs", "pymatching" };

    @TestFactory
    Stream<DynamicTest> shouldReadAndWriteEveryFormatAsStimDoes()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final ShotFormat format : ShotFormat.values())
        {
            for (final String file : FILES)
            {
                if (format == ShotFormat.PTB64 && "pymatching".equals(file))
                {
                    // PyMatching writes no ptb64 predictions (the folder's README): nothing to compare with.
                    continue;
                }
                final String name = file + "." + format.stimName();
                tests.add(DynamicTest.dynamicTest(name, () -> check(format, file)));
            }
        }
        return tests.stream();
    }

    private static void check(final ShotFormat format, final String file) throws IOException
    {
        final Path dir = GoldenFiles.require(GoldenFiles.stimFormats());
        final Path stimFile = dir.resolve(file + "." + format.stimName());
        if (!Files.exists(stimFile))
        {
            GoldenFiles.missing(stimFile);
        }
        final ShotLayout layout = "dets".equals(file) ? ShotLayout.detectors(DETECTORS) : ShotLayout.observables(1);
        final List<boolean[]> expected = ShotTestSupport.readAll(ShotFormat.B8, layout,
            Files.readAllBytes(dir.resolve(file + ".b8")));
        assertEquals(SHOTS, expected.size(), "shots in " + file + ".b8");

        final byte[] stimBytes = Files.readAllBytes(stimFile);
        final List<boolean[]> read = ShotTestSupport.readAll(format, layout, stimBytes);
        assertEquals(expected.size(), read.size(), "shots in " + stimFile);
        for (int s = 0; s < expected.size(); s++)
        {
            assertArrayEquals(expected.get(s), read.get(s), "shot " + s + " of " + stimFile);
        }

        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final SparseShot shot = SparseShot.forLayout(layout);
        try (ShotWriter writer = ShotWriter.create(format, written, layout))
        {
            for (final boolean[] bits : expected)
            {
                writer.write(ShotTestSupport.toSparse(bits, layout, shot));
            }
        }
        assertArrayEquals(stimBytes, written.toByteArray(), "bytes written differ from " + stimFile);
    }
}
