package io.qecnode.bench.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the reference data folder and lists its cases.
 * <p>
 * The folder is {@code shared/golden} beside the checkout; the build passes its path as the system property
 * {@value #DIR_PROPERTY}. Runs from the repository root or a module folder find it by relative path too.
 */
public final class GoldenData
{
    /** System property naming the folder. */
    public static final String DIR_PROPERTY = "qec.golden.dir";

    private GoldenData()
    {
    }

    /**
     * @return the folder if it can be found, else null.
     */
    public static Path locate()
    {
        final String property = System.getProperty(DIR_PROPERTY);
        final List<Path> candidates = new ArrayList<>();
        if (property != null)
        {
            candidates.add(Paths.get(property));
        }
        candidates.add(Paths.get("../shared/golden"));
        candidates.add(Paths.get("../../shared/golden"));
        for (final Path candidate : candidates)
        {
            if (Files.isRegularFile(candidate.resolve("cases.jsonl")))
            {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /**
     * @param folder the reference data folder.
     * @return every case in it, by family, then p, then distance.
     */
    public static List<GoldenCase> cases(final Path folder)
    {
        final List<GoldenCase> cases = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder))
        {
            entries.filter(dir -> Files.isRegularFile(dir.resolve("case.json")))
                .forEach(dir -> cases.add(GoldenCase.load(dir)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list reference data: dir=" + folder, ex);
        }
        cases.sort(Comparator.comparing(GoldenCase::family)
            .thenComparingDouble(GoldenCase::p)
            .thenComparingInt(GoldenCase::distance));
        return cases;
    }
}
