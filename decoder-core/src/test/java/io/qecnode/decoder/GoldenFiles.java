package io.qecnode.decoder;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where tests find the Stim/PyMatching reference data, and what they do when it is missing. The full set lives
 * beside the checkout ({@code shared/golden}); a test that needs it is skipped without it, except under CI
 * ({@code CI=true}), where a missing set fails the test: a CI run that silently checks no accuracy is worse than a
 * red one. A cut of two cases ships in decoder-core's test resources ({@link #fixture()}) and is always there. How
 * many mistakes each decoder mode may make on them is {@link GoldenBounds}.
 * <p>
 * Shared with the other modules' tests through decoder-core's test jar.
 */
public final class GoldenFiles
{
    /** System property naming the full set's folder; the build sets it. */
    public static final String DIR_PROPERTY = "qec.golden.dir";

    /** System property naming the folder of the same shots in every Stim result format (see its README). */
    public static final String STIM_FORMATS_DIR_PROPERTY = "qec.stim.formats.dir";

    // Relative to a module's folder, where surefire runs tests.
    private static final String DIR_DEFAULT = "../../shared/golden";
    private static final String STIM_FORMATS_DIR_DEFAULT = "../../shared/stim-formats";
    private static final String FIXTURE = "../decoder-core/src/test/resources/golden-fixture";

    private GoldenFiles()
    {
    }

    /** @return the full set's folder, whether or not it exists. */
    public static Path folder()
    {
        return Paths.get(System.getProperty(DIR_PROPERTY, DIR_DEFAULT)).toAbsolutePath().normalize();
    }

    /**
     * @return the folder of the same 512 shots in every Stim result format with PyMatching's predictions
     * ({@code ../shared/stim-formats}), whether or not it exists; pass it to {@link #require(Path)}.
     */
    public static Path stimFormats()
    {
        return Paths.get(System.getProperty(STIM_FORMATS_DIR_PROPERTY, STIM_FORMATS_DIR_DEFAULT)).toAbsolutePath()
            .normalize();
    }

    /** @return the cut that ships with the repository; fails if a checkout lacks it. */
    public static Path fixture()
    {
        final Path fixture = Paths.get(FIXTURE).toAbsolutePath().normalize();
        Assertions.assertTrue(Files.isRegularFile(fixture.resolve("cases.jsonl")),
            "golden fixture missing from the checkout: dir=" + fixture);
        return fixture;
    }

    /**
     * @param path a file or folder of the full set.
     * @return the path if it exists; otherwise skips the calling test, or fails it under CI.
     */
    public static Path require(final Path path)
    {
        if (!Files.exists(path))
        {
            missing(path);
        }
        return path;
    }

    /**
     * Skip the calling test for want of reference data, or fail it under CI.
     *
     * @param path what is missing.
     */
    public static void missing(final Path path)
    {
        failOnCi(path);
        Assumptions.abort("reference data not found, skipping: path=" + path + " (set -D" + DIR_PROPERTY + ")");
    }

    /**
     * Fail the calling test under CI, for a test that can go on with less when the reference data is missing.
     *
     * @param path what is missing.
     */
    public static void failOnCi(final Path path)
    {
        if (onCi())
        {
            Assertions.fail("reference data not found and CI=true: path=" + path + " (provide ../shared/golden " +
                "beside the checkout or set -D" + DIR_PROPERTY + ")");
        }
    }

    /**
     * Counts mistakes straight from two files of one-observable b8 records (one byte a shot), e.g. PyMatching's
     * predictions against the true flips.
     *
     * @param predicted predictions, b8.
     * @param truth     true observable flips, b8.
     * @return shots whose bit 0 differs.
     * @throws IOException if a file cannot be read.
     */
    public static long mistakes(final Path predicted, final Path truth) throws IOException
    {
        final byte[] a = Files.readAllBytes(predicted);
        final byte[] b = Files.readAllBytes(truth);
        Assertions.assertEquals(b.length, a.length, "one record a shot in both: " + predicted + ", " + truth);
        long mistakes = 0;
        for (int i = 0; i < a.length; i++)
        {
            mistakes += (a[i] ^ b[i]) & 1;
        }
        return mistakes;
    }

    /** @return true under CI, where missing reference data is a failure. */
    public static boolean onCi()
    {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
