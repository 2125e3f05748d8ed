package io.qecnode.bench.jmh;

import io.qecnode.bench.golden.GoldenData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the Stim detector error models of the golden reference cases for the circuit-level benchmark. The folder is
 * the system property {@value GoldenData#DIR_PROPERTY}, else {@code ../shared/golden}, else
 * {@code ../../shared/golden}, relative to the working directory. A model that cannot be found is an error naming
 * every place looked, never a benchmark that silently measures nothing.
 */
final class GoldenDems
{
    private GoldenDems()
    {
    }

    /**
     * @param distance code distance of the case; the golden circuit cases have as many rounds.
     * @param p        physical error probability as the case folder spells it, e.g. {@code "0.001"}.
     * @return the case's {@code model.dem}.
     * @throws IllegalStateException naming the case and every folder looked in when it is not found.
     */
    static Path circuitModel(final int distance, final String p)
    {
        return circuitModel(distance, p, System.getProperty(GoldenData.DIR_PROPERTY), Paths.get(""));
    }

    /**
     * @param distance   code distance of the case.
     * @param p          physical error probability as the case folder spells it.
     * @param property   value of the folder property, or null when unset.
     * @param workingDir what the relative fallbacks are relative to.
     * @return the case's {@code model.dem}.
     * @throws IllegalStateException naming the case and every folder looked in when it is not found.
     */
    static Path circuitModel(final int distance, final String p, final String property, final Path workingDir)
    {
        final String caseName = caseName(distance, p);
        final List<Path> folders = new ArrayList<>();
        if (property != null && !property.isBlank())
        {
            folders.add(workingDir.resolve(property));
        }
        folders.add(workingDir.resolve("../shared/golden"));
        folders.add(workingDir.resolve("../../shared/golden"));

        final List<String> looked = new ArrayList<>();
        for (final Path folder : folders)
        {
            final Path model = folder.resolve(caseName).resolve("model.dem");
            if (Files.isRegularFile(model))
            {
                return model.toAbsolutePath().normalize();
            }
            looked.add(model.toAbsolutePath().normalize().toString());
        }
        throw new IllegalStateException("golden circuit DEM not found: case=" + caseName + ", looked=" + looked +
            " (set -D" + GoldenData.DIR_PROPERTY + "=<path to shared/golden>; golden circuit cases exist for " +
            "d=3,5,7,9,11,13,17 and p=0.001,0.005)");
    }

    /**
     * @param distance code distance.
     * @param p        physical error probability as the folder spells it.
     * @return the golden case folder name, e.g. {@code circuit_d05_r05_p0.001}.
     */
    static String caseName(final int distance, final String p)
    {
        return String.format(Locale.ROOT, "circuit_d%02d_r%02d_p%s", distance, distance, p);
    }
}
