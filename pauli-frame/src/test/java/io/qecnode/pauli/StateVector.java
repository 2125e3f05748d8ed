package io.qecnode.pauli;

/**
 * A state vector of a few qubits with real amplitudes, enough for H, CNOT, X, Z and Pauli-parity projections.
 * Basis index bit {@code q} is the value of qubit {@code q}.
 */
final class StateVector
{
    private final double[] amplitudes;

    StateVector(final int qubitCount)
    {
        amplitudes = new double[1 << qubitCount];
        amplitudes[0] = 1.0;
    }

    void x(final int q)
    {
        final int bit = 1 << q;
        for (int i = 0; i < amplitudes.length; i++)
        {
            if ((i & bit) == 0)
            {
                final double a = amplitudes[i];
                amplitudes[i] = amplitudes[i | bit];
                amplitudes[i | bit] = a;
            }
        }
    }

    void z(final int q)
    {
        for (int i = 0; i < amplitudes.length; i++)
        {
            if ((i & (1 << q)) != 0)
            {
                amplitudes[i] = -amplitudes[i];
            }
        }
    }

    void h(final int q)
    {
        final int bit = 1 << q;
        final double r = Math.sqrt(0.5);
        for (int i = 0; i < amplitudes.length; i++)
        {
            if ((i & bit) == 0)
            {
                final double a0 = amplitudes[i];
                final double a1 = amplitudes[i | bit];
                amplitudes[i] = r * (a0 + a1);
                amplitudes[i | bit] = r * (a0 - a1);
            }
        }
    }

    void cnot(final int control, final int target)
    {
        final int c = 1 << control;
        final int t = 1 << target;
        for (int i = 0; i < amplitudes.length; i++)
        {
            if ((i & c) != 0 && (i & t) == 0)
            {
                final double a = amplitudes[i];
                amplitudes[i] = amplitudes[i | t];
                amplitudes[i | t] = a;
            }
        }
    }

    /** Apply the Paulis of an observable-flip mask ({@link LogicalFrame#X_FLIP}, {@link LogicalFrame#Z_FLIP}) to q. */
    void applyFlips(final int q, final long flips)
    {
        if ((flips & LogicalFrame.X_FLIP) != 0)
        {
            x(q);
        }
        if ((flips & LogicalFrame.Z_FLIP) != 0)
        {
            z(q);
        }
    }

    /** @return an independent copy of the state. */
    StateVector copy()
    {
        return new StateVector(amplitudes.clone());
    }

    /**
     * Project onto the eigenspace of {@code P_a P_b} (P = Z or X) with eigenvalue {@code (-1)^outcome}, renormalise.
     *
     * @return probability of the outcome.
     */
    double measureParity(final char pauli, final int a, final int b, final boolean outcome)
    {
        final double[] image = amplitudes.clone();
        final StateVector other = new StateVector(image);
        other.pauli(pauli, a);
        other.pauli(pauli, b);
        final double sign = outcome ? -1.0 : 1.0;
        for (int i = 0; i < amplitudes.length; i++)
        {
            amplitudes[i] = 0.5 * (amplitudes[i] + sign * image[i]);
        }
        return renormalise();
    }

    /**
     * Measure qubit {@code q} in Z, keeping the branch with the given outcome, and renormalise.
     *
     * @return probability of the outcome.
     */
    double measureZ(final int q, final boolean outcome)
    {
        for (int i = 0; i < amplitudes.length; i++)
        {
            final boolean one = ((i >>> q) & 1) == 1;
            if (one != outcome)
            {
                amplitudes[i] = 0.0;
            }
        }
        return renormalise();
    }

    /** @return expectation of {@code P_a P_b} (P = Z or X) in the current, normalised state. */
    double expectation(final char pauli, final int a, final int b)
    {
        final StateVector image = new StateVector(amplitudes.clone());
        image.pauli(pauli, a);
        image.pauli(pauli, b);
        double sum = 0.0;
        for (int i = 0; i < amplitudes.length; i++)
        {
            sum += amplitudes[i] * image.amplitudes[i];
        }
        return sum;
    }

    private StateVector(final double[] amplitudes)
    {
        this.amplitudes = amplitudes;
    }

    private void pauli(final char pauli, final int q)
    {
        if (pauli == 'Z')
        {
            z(q);
        }
        else
        {
            x(q);
        }
    }

    private double renormalise()
    {
        double norm = 0.0;
        for (final double a : amplitudes)
        {
            norm += a * a;
        }
        final double scale = norm > 0.0 ? 1.0 / Math.sqrt(norm) : 0.0;
        for (int i = 0; i < amplitudes.length; i++)
        {
            amplitudes[i] *= scale;
        }
        return norm;
    }
}
