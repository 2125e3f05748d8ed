package io.qecnode.decoder.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RotatedSurfaceCodeTest
{
    @ParameterizedTest
    @ValueSource(ints = {3, 5, 7, 9, 11, 51})
    void shouldHaveCommutingStabilizersAndAnticommutingLogicals(final int d)
    {
        final RotatedSurfaceCode code = new RotatedSurfaceCode(d);
        assertEquals((d * d - 1) / 2, code.stabilizersPerType());

        final Set<Integer> logicalZ = new HashSet<>();
        final Set<Integer> logicalX = new HashSet<>();
        for (int q = 0; q < code.dataQubitCount(); q++)
        {
            if (code.inLogicalZ(q))
            {
                logicalZ.add(q);
            }
            if (code.inLogicalX(q))
            {
                logicalX.add(q);
            }
        }
        assertEquals(d, logicalZ.size());
        assertEquals(d, logicalX.size());
        assertEquals(1, overlap(logicalZ, logicalX), "logical X and Z anticommute");

        for (int z = 0; z < code.stabilizersPerType(); z++)
        {
            final Set<Integer> zSupport = setOf(code.zStabilizerSupport(z));
            assertTrue(zSupport.size() == 2 || zSupport.size() == 4);
            assertEquals(0, overlap(zSupport, logicalX) % 2, "logical X commutes with Z stabilizer " + z);
            for (int x = 0; x < code.stabilizersPerType(); x++)
            {
                assertEquals(0, overlap(zSupport, setOf(code.xStabilizerSupport(x))) % 2);
            }
        }
        for (int x = 0; x < code.stabilizersPerType(); x++)
        {
            assertEquals(0, overlap(setOf(code.xStabilizerSupport(x)), logicalZ) % 2);
        }
        for (int q = 0; q < code.dataQubitCount(); q++)
        {
            final int zCount = code.zStabilizersOf(q).length;
            final int xCount = code.xStabilizersOf(q).length;
            assertTrue(zCount >= 1 && zCount <= 2 && xCount >= 1 && xCount <= 2, "qubit " + q);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 53, -3})
    void shouldRejectUnsupportedDistances(final int d)
    {
        assertThrows(IllegalArgumentException.class, () -> new RotatedSurfaceCode(d));
    }

    private static Set<Integer> setOf(final int[] values)
    {
        final Set<Integer> set = new HashSet<>();
        for (final int v : values)
        {
            set.add(v);
        }
        return set;
    }

    private static int overlap(final Set<Integer> a, final Set<Integer> b)
    {
        int count = 0;
        for (final int v : a)
        {
            count += b.contains(v) ? 1 : 0;
        }
        return count;
    }
}
