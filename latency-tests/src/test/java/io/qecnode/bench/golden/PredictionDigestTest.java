package io.qecnode.bench.golden;

import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Holds the union-find decoder's predictions to those recorded in {@code prediction-digests.properties}: for every
 * circuit case of the shipped cut (and of the full set up to d = {@value #MAX_DISTANCE} where it is present) and both
 * growths, a digest of each shot's predicted observable flips and correction edges. A speed change that keeps the
 * decoder's answers keeps every digest; one that changes a single correction on a single shot fails here, and
 * {@link GoldenAccuracyTest} then says whether the new answers are still within the accuracy bound.
 * <p>
 * To re-record after a deliberate change of answers, run this test with {@code -Dqec.digests.record=FILE}: it writes
 * every digest it computes to FILE (and passes); copy FILE over the resource and say in the commit why answers moved.
 */
class PredictionDigestTest
{
    static final int MAX_DISTANCE = 9;
    private static final String RESOURCE = "/prediction-digests.properties";
    private static final String RECORD_PROPERTY = "qec.digests.record";

    @TestFactory
    List<DynamicTest> shouldPredictWhatWasRecordedOnTheShippedCut() throws IOException
    {
        return tests(GoldenFiles.fixture(), "fixture", 2);
    }

    @TestFactory
    List<DynamicTest> shouldPredictWhatWasRecordedOnTheFullSet() throws IOException
    {
        final Path folder = GoldenData.locate();
        if (folder == null)
        {
            GoldenFiles.missing(GoldenFiles.folder());
        }
        return tests(folder, "golden", 8);
    }

    private static List<DynamicTest> tests(final Path folder, final String prefix, final int expected)
        throws IOException
    {
        final Properties recorded = new Properties();
        try (InputStream in = PredictionDigestTest.class.getResourceAsStream(RESOURCE))
        {
            assertNotNull(in, "missing test resource " + RESOURCE);
            recorded.load(in);
        }
        final List<DynamicTest> tests = new ArrayList<>();
        for (final GoldenCase golden : GoldenData.cases(folder))
        {
            if (!"circuit".equals(golden.family()) || golden.distance() > MAX_DISTANCE)
            {
                continue;
            }
            for (final DecoderMode growth : DecoderMode.values())
            {
                final String key = prefix + "." + golden.name() + "." + growth.name().toLowerCase(Locale.ROOT);
                tests.add(DynamicTest.dynamicTest(key, () -> check(golden, growth, key, recorded.getProperty(key))));
            }
        }
        assertFalse(tests.size() < 2 * expected, "expected " + expected + " circuit cases in " + folder);
        return tests;
    }

    private static void check(
        final GoldenCase golden, final DecoderMode growth, final String key, final String expected)
        throws IOException
    {
        final String actual = digest(golden, growth);
        final String record = System.getProperty(RECORD_PROPERTY);
        if (record != null)
        {
            try (Writer out = Files.newBufferedWriter(Path.of(record), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))
            {
                out.write(key + "=" + actual + "\n");
            }
            return;
        }
        assertNotNull(expected, "no digest recorded for " + key + " in " + RESOURCE + "; computed " + actual);
        assertEquals(expected, actual, key + ": the decoder's predictions changed");
    }

    // Mistakes against the truth (readable) and a hash over every shot of its flips and correction edges, the edges
    // summed through a mixing function so that the order the peel lists them in does not matter.
    private static String digest(final GoldenCase golden, final DecoderMode growth) throws IOException
    {
        final DetectorErrorModel dem = DetectorErrorModel.parse(golden.dem());
        final GoldenShots shots = GoldenShots.load(golden);
        final UnionFindDecoder decoder = new UnionFindDecoder(dem.graph(), growth);
        final DecodeResult result = new DecodeResult(dem.graph());
        final int[][] defects = shots.defects();
        long mistakes = 0;
        long hash = 0;
        for (int i = 0; i < defects.length; i++)
        {
            final long flips = decoder.decode(defects[i], defects[i].length, result);
            mistakes += flips != shots.truth()[i] ? 1 : 0;
            long edges = 0;
            for (int k = 0; k < result.correctionCount(); k++)
            {
                edges += mix(result.correctionEdges()[k]);
            }
            hash = 31 * hash + mix(flips) + edges + result.unmatchedDefects();
        }
        return "mistakes:" + mistakes + ",hash:" + Long.toHexString(hash);
    }

    private static long mix(final long value)
    {
        long z = value * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 29);
    }
}
