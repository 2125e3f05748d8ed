package io.qecnode.node.harness.chain;

import java.util.Arrays;

/**
 * Brute-force reference for the verifier: the chain's qubits as a real state vector (one qubit per patch, numbered
 * as in {@link ChainEpoch}; qubit q is bit q of the basis index). Y is applied as X then Z, which is Y up to a global
 * phase, so real amplitudes suffice; the verdict only asks whether A and B are in {@code |Phi+>}.
 */
final class ChainStateVector
{
    private final int qubits;
    private final double[] amplitudes;
    private final double[] scratch;

    /**
     * Every link (patches 2i, 2i + 1) in {@code |Phi+>}.
     *
     * @param repeaters number of repeaters.
     */
    ChainStateVector(final int repeaters)
    {
        qubits = 2 * repeaters + 2;
        amplitudes = new double[1 << qubits];
        scratch = new double[1 << qubits];
        final double amplitude = Math.pow(Math.sqrt(0.5), repeaters + 1);
        for (int index = 0; index < amplitudes.length; index++)
        {
            boolean paired = true;
            for (int link = 0; link <= repeaters; link++)
            {
                paired &= bit(index, 2 * link) == bit(index, 2 * link + 1);
            }
            amplitudes[index] = paired ? amplitude : 0.0;
        }
    }

    private ChainStateVector(final ChainStateVector other)
    {
        qubits = other.qubits;
        amplitudes = other.amplitudes.clone();
        scratch = new double[amplitudes.length];
    }

    ChainStateVector copy()
    {
        return new ChainStateVector(this);
    }

    /** Apply the Paulis of an observable-flip mask (bit 0 X, bit 1 Z) to one qubit. */
    void apply(final int qubit, final long flips)
    {
        if ((flips & 1) != 0)
        {
            for (int index = 0; index < amplitudes.length; index++)
            {
                scratch[index] = amplitudes[index ^ (1 << qubit)];
            }
            System.arraycopy(scratch, 0, amplitudes, 0, amplitudes.length);
        }
        if ((flips & 2) != 0)
        {
            for (int index = 0; index < amplitudes.length; index++)
            {
                amplitudes[index] = bit(index, qubit) ? -amplitudes[index] : amplitudes[index];
            }
        }
    }

    /**
     * Project onto one outcome of {@code X X} (or {@code Z Z}) on two qubits, unnormalised.
     *
     * @param minusOne true to keep the -1 outcome.
     */
    void measure(final boolean xx, final int first, final int second, final boolean minusOne)
    {
        final double sign = minusOne ? -1.0 : 1.0;
        for (int index = 0; index < amplitudes.length; index++)
        {
            final double image = xx ? amplitudes[index ^ (1 << first) ^ (1 << second)] :
                (bit(index, first) ^ bit(index, second) ? -amplitudes[index] : amplitudes[index]);
            scratch[index] = 0.5 * (amplitudes[index] + sign * image);
        }
        System.arraycopy(scratch, 0, amplitudes, 0, amplitudes.length);
    }

    /** @return true when the state is not zero and A (qubit 0) and B (the last qubit) are in {@code |Phi+>}. */
    boolean endsInPhiPlus()
    {
        final int a = 0;
        final int b = qubits - 1;
        double norm = 0.0;
        boolean stabilised = true;
        for (int index = 0; index < amplitudes.length; index++)
        {
            norm += amplitudes[index] * amplitudes[index];
            final double zz = bit(index, a) ^ bit(index, b) ? -amplitudes[index] : amplitudes[index];
            final double xx = amplitudes[index ^ 1 ^ (1 << b)];
            stabilised &= close(zz, amplitudes[index]) && close(xx, amplitudes[index]);
        }
        return norm > 1e-6 && stabilised;
    }

    public String toString()
    {
        return Arrays.toString(amplitudes);
    }

    private static boolean close(final double a, final double b)
    {
        return Math.abs(a - b) < 1e-9;
    }

    private static boolean bit(final int index, final int qubit)
    {
        return ((index >>> qubit) & 1) != 0;
    }
}
