package io.qecnode.bench.golden;

import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotReader;
import io.qecnode.decoder.shots.SparseShot;

import java.io.IOException;
import java.util.Arrays;

/**
 * A case's shots held in memory, as PyMatching's timing holds them: the defect list of every shot, the true
 * observable flips, and PyMatching's predictions.
 *
 * @param defects     the defects of each shot.
 * @param truth       the true observable mask of each shot.
 * @param pymatching  PyMatching's predicted mask of each shot.
 */
public record GoldenShots(int[][] defects, long[] truth, long[] pymatching)
{
    /**
     * @param golden the case.
     * @return its shots.
     * @throws IOException if a file is unreadable or malformed.
     */
    public static GoldenShots load(final GoldenCase golden) throws IOException
    {
        final int shots = Math.toIntExact(golden.shots());
        final int[][] defects = new int[shots][];
        final long[] truth = new long[shots];
        final long[] pymatching = new long[shots];
        final ShotLayout layout = ShotLayout.detectors(golden.detectors());
        try (ShotReader events = ShotReader.open(ShotFormat.B8, golden.detectionEvents(), layout);
            ShotReader observed = ShotReader.open(ShotFormat.B8, golden.observables(), ShotLayout.observables(1));
            ShotReader predicted = ShotReader.open(
                ShotFormat.B8, golden.pymatchingPredictions(), ShotLayout.observables(1)))
        {
            final SparseShot shot = SparseShot.forLayout(layout);
            for (int i = 0; i < shots; i++)
            {
                if (!events.read(shot))
                {
                    throw new IOException("fewer shots than case.json says: case=" + golden.name() + ", read=" + i +
                        ", expected=" + shots);
                }
                defects[i] = Arrays.copyOf(shot.defects(), shot.defectCount());
                truth[i] = observed.readMask();
                pymatching[i] = predicted.readMask();
            }
            events.expectEnd();
        }
        return new GoldenShots(defects, truth, pymatching);
    }

    /** @return number of shots. */
    public int count()
    {
        return defects.length;
    }

    /** @return PyMatching's mistakes on these shots. */
    public long pymatchingMistakes()
    {
        long mistakes = 0;
        for (int i = 0; i < truth.length; i++)
        {
            mistakes += pymatching[i] != truth[i] ? 1 : 0;
        }
        return mistakes;
    }

    /** @return total detection events over all shots. */
    public long detectionEvents()
    {
        long total = 0;
        for (final int[] shot : defects)
        {
            total += shot.length;
        }
        return total;
    }
}
