package io.qecnode.bench.threshold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One directory of a threshold DEM set, {@code <family>_dDD_pP/model.dem}: distance and physical error probability are
 * read from the directory name, as Stim's generator names nothing in the model itself.
 *
 * @param name     the directory name, e.g. {@code circuit_d05_p0.007}.
 * @param family   the name's part before the distance, e.g. {@code circuit}: curves are compared within a family.
 * @param distance code distance.
 * @param p        physical error probability.
 * @param dem      the model file.
 */
public record DemCase(String name, String family, int distance, double p, Path dem)
{
    /** The file each case directory must hold. */
    public static final String MODEL_FILE = "model.dem";

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9-]+)_d(\\d{1,3})_p(0?\\.\\d+)");

    /**
     * @param dir a directory holding case directories.
     * @return every case directory with a model file, by distance then p then name.
     * @throws IOException when the directory cannot be listed.
     */
    public static List<DemCase> find(final Path dir) throws IOException
    {
        final List<DemCase> cases = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir))
        {
            for (final Path entry : (Iterable<Path>)entries::iterator)
            {
                final Matcher name = NAME.matcher(entry.getFileName().toString());
                final Path dem = entry.resolve(MODEL_FILE);
                if (name.matches() && Files.isRegularFile(dem))
                {
                    cases.add(new DemCase(entry.getFileName().toString(), name.group(1),
                        Integer.parseInt(name.group(2)), Double.parseDouble(name.group(3)), dem));
                }
            }
        }
        cases.sort(Comparator.comparingInt(DemCase::distance).thenComparingDouble(DemCase::p)
            .thenComparing(DemCase::name));
        return cases;
    }
}
