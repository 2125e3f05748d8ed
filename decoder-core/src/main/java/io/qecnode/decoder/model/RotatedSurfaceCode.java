package io.qecnode.decoder.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Layout of the rotated surface code of odd distance d: d x d data qubits, (d²-1)/2 Z-type and (d²-1)/2 X-type
 * stabilizers.
 * <p>
 * Data qubit {@code q = row * d + col}. Stabilizers sit on the corners {@code (x, y)}, {@code 0 <= x, y <= d}, between
 * data qubits; corner (x, y) touches the data qubits at columns x-1, x and rows y-1, y that exist. A corner with
 * x + y even is Z-type, odd is X-type. All interior corners carry a weight-4 stabilizer; weight-2 Z stabilizers sit on
 * the left and right sides and weight-2 X stabilizers on the top and bottom.
 * <pre>
 *   Z errors stop at the left/right sides (X-type graph boundary); X errors stop at the top/bottom sides.
 *   logical Z = Z on row 0 (detects X-error strings from top to bottom)
 *   logical X = X on column 0 (detects Z-error strings from left to right)
 * </pre>
 */
public final class RotatedSurfaceCode
{
    /** Smallest supported distance. */
    public static final int MIN_DISTANCE = 3;

    /** Largest supported distance. */
    public static final int MAX_DISTANCE = 51;

    private final int distance;
    private final int[][] zStabilizers;
    private final int[][] xStabilizers;
    private final int[][] zStabilizersOfQubit;
    private final int[][] xStabilizersOfQubit;

    /**
     * @param distance odd code distance in [{@link #MIN_DISTANCE}, {@link #MAX_DISTANCE}].
     */
    public RotatedSurfaceCode(final int distance)
    {
        if (distance < MIN_DISTANCE || distance > MAX_DISTANCE || (distance & 1) == 0)
        {
            throw new IllegalArgumentException("distance must be odd and in [" + MIN_DISTANCE + ", " + MAX_DISTANCE +
                "]: distance=" + distance);
        }
        this.distance = distance;

        final List<int[]> z = new ArrayList<>();
        final List<int[]> x = new ArrayList<>();
        for (int cornerY = 0; cornerY <= distance; cornerY++)
        {
            for (int cornerX = 0; cornerX <= distance; cornerX++)
            {
                final boolean zType = ((cornerX + cornerY) & 1) == 0;
                if (hasStabilizer(cornerX, cornerY, zType))
                {
                    (zType ? z : x).add(support(cornerX, cornerY));
                }
            }
        }
        zStabilizers = z.toArray(new int[0][]);
        xStabilizers = x.toArray(new int[0][]);
        zStabilizersOfQubit = invert(zStabilizers);
        xStabilizersOfQubit = invert(xStabilizers);
    }

    /** @return the code distance. */
    public int distance()
    {
        return distance;
    }

    /** @return number of data qubits, d². */
    public int dataQubitCount()
    {
        return distance * distance;
    }

    /** @return number of stabilizers of each type, (d²-1)/2. */
    public int stabilizersPerType()
    {
        return zStabilizers.length;
    }

    /**
     * @param stabilizer index of a Z-type stabilizer.
     * @return the data qubits it measures, copied.
     */
    public int[] zStabilizerSupport(final int stabilizer)
    {
        return zStabilizers[stabilizer].clone();
    }

    /**
     * @param stabilizer index of an X-type stabilizer.
     * @return the data qubits it measures, copied.
     */
    public int[] xStabilizerSupport(final int stabilizer)
    {
        return xStabilizers[stabilizer].clone();
    }

    /**
     * @param qubit data qubit index.
     * @return the one or two Z-type stabilizers an X error on the qubit flips, copied.
     */
    public int[] zStabilizersOf(final int qubit)
    {
        return zStabilizersOfQubit[qubit].clone();
    }

    /**
     * @param qubit data qubit index.
     * @return the one or two X-type stabilizers a Z error on the qubit flips, copied.
     */
    public int[] xStabilizersOf(final int qubit)
    {
        return xStabilizersOfQubit[qubit].clone();
    }

    /**
     * @param qubit data qubit index.
     * @return true when the qubit is in the support of logical Z (row 0): an X error there flips logical X.
     */
    public boolean inLogicalZ(final int qubit)
    {
        return qubit / distance == 0;
    }

    /**
     * @param qubit data qubit index.
     * @return true when the qubit is in the support of logical X (column 0): a Z error there flips logical Z.
     */
    public boolean inLogicalX(final int qubit)
    {
        return qubit % distance == 0;
    }

    private boolean hasStabilizer(final int cornerX, final int cornerY, final boolean zType)
    {
        final boolean interiorX = cornerX >= 1 && cornerX <= distance - 1;
        final boolean interiorY = cornerY >= 1 && cornerY <= distance - 1;
        if (interiorX && interiorY)
        {
            return true;
        }
        if (zType)
        {
            return interiorY && (cornerX == 0 || cornerX == distance);
        }
        return interiorX && (cornerY == 0 || cornerY == distance);
    }

    private int[] support(final int cornerX, final int cornerY)
    {
        final int[] qubits = new int[4];
        int count = 0;
        for (int row = cornerY - 1; row <= cornerY; row++)
        {
            for (int col = cornerX - 1; col <= cornerX; col++)
            {
                if (row >= 0 && row < distance && col >= 0 && col < distance)
                {
                    qubits[count++] = row * distance + col;
                }
            }
        }
        return Arrays.copyOf(qubits, count);
    }

    private int[][] invert(final int[][] stabilizers)
    {
        final int[] counts = new int[dataQubitCount()];
        for (final int[] support : stabilizers)
        {
            for (final int q : support)
            {
                counts[q]++;
            }
        }
        final int[][] result = new int[dataQubitCount()][];
        for (int q = 0; q < result.length; q++)
        {
            result[q] = new int[counts[q]];
            counts[q] = 0;
        }
        for (int s = 0; s < stabilizers.length; s++)
        {
            for (final int q : stabilizers[s])
            {
                result[q][counts[q]++] = s;
            }
        }
        return result;
    }
}
