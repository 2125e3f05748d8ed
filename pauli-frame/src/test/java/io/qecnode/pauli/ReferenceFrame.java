package io.qecnode.pauli;

/**
 * Slow, obviously right Pauli frame for the tests: one boolean per bit and the textbook conjugation rules.
 */
final class ReferenceFrame
{
    final boolean[] x;
    final boolean[] z;

    ReferenceFrame(final int qubitCount)
    {
        x = new boolean[qubitCount];
        z = new boolean[qubitCount];
    }

    void applyX(final int q)
    {
        x[q] = !x[q];
    }

    void applyY(final int q)
    {
        x[q] = !x[q];
        z[q] = !z[q];
    }

    void applyZ(final int q)
    {
        z[q] = !z[q];
    }

    void h(final int q)
    {
        final boolean oldX = x[q];
        x[q] = z[q];
        z[q] = oldX;
    }

    void s(final int q)
    {
        z[q] ^= x[q];
    }

    void cnot(final int control, final int target)
    {
        x[target] ^= x[control];
        z[control] ^= z[target];
    }

    void cz(final int a, final int b)
    {
        z[a] ^= x[b];
        z[b] ^= x[a];
    }

    boolean measureZ(final int q)
    {
        return x[q];
    }

    boolean measureX(final int q)
    {
        return z[q];
    }

    void reset(final int q)
    {
        x[q] = false;
        z[q] = false;
    }

    void resetAll()
    {
        for (int q = 0; q < x.length; q++)
        {
            reset(q);
        }
    }

    void xor(final ReferenceFrame other)
    {
        for (int q = 0; q < x.length; q++)
        {
            x[q] ^= other.x[q];
            z[q] ^= other.z[q];
        }
    }

    void copyFrom(final ReferenceFrame other)
    {
        for (int q = 0; q < x.length; q++)
        {
            x[q] = other.x[q];
            z[q] = other.z[q];
        }
    }

    boolean isIdentity()
    {
        for (int q = 0; q < x.length; q++)
        {
            if (x[q] || z[q])
            {
                return false;
            }
        }
        return true;
    }

    PauliFrame toPauliFrame()
    {
        final PauliFrame frame = new PauliFrame(x.length);
        for (int q = 0; q < x.length; q++)
        {
            if (x[q])
            {
                frame.applyX(q);
            }
            if (z[q])
            {
                frame.applyZ(q);
            }
        }
        return frame;
    }
}
