package io.qecnode.pauli;

import java.util.Arrays;

/**
 * A Pauli frame over {@code qubitCount} physical qubits: the Pauli {@code F} such that the physical state is
 * {@code F} applied to the state the circuit intends. Phases are dropped, so each qubit needs two bits.
 * <p>
 * A Clifford {@code U} applied to the physical state turns {@code U F |psi>} into {@code (U F U†) U |psi>}, so the
 * gate methods conjugate the frame instead of touching any qubit. A measurement reports the flipped outcome exactly
 * when the frame anticommutes with the measured Pauli.
 * <pre>
 *   x[w] and z[w], bit b  =  qubit 64w + b        (x, z) of a qubit:  (0,0) I   (1,0) X
 *    63                                  1   0                        (1,1) Y   (0,1) Z
 *   +----------------------------------+---+---+
 *   | qubit 64w + 63   ...             |+1 |64w|  bits at and above qubitCount stay 0
 *   +----------------------------------+---+---+
 * </pre>
 * <b>Note:</b> not thread safe; one frame belongs to one control thread. No method allocates after construction.
 */
public final class PauliFrame
{
    private final int qubitCount;
    private final long[] x;
    private final long[] z;

    /**
     * @param qubitCount number of qubits the frame covers, at least 1.
     * @throws IllegalArgumentException if {@code qubitCount} is below 1.
     */
    public PauliFrame(final int qubitCount)
    {
        if (qubitCount < 1)
        {
            throw new IllegalArgumentException("qubitCount=" + qubitCount + ", minimum=1");
        }
        this.qubitCount = qubitCount;
        x = new long[FrameBits.wordCount(qubitCount)];
        z = new long[x.length];
    }

    /** @return number of qubits the frame covers. */
    public int qubitCount()
    {
        return qubitCount;
    }

    /**
     * @param qubit index of the qubit.
     * @return true when the frame holds an X or a Y on the qubit.
     */
    public boolean x(final int qubit)
    {
        checkQubit(qubit);
        return FrameBits.bit(x, qubit) != 0;
    }

    /**
     * @param qubit index of the qubit.
     * @return true when the frame holds a Z or a Y on the qubit.
     */
    public boolean z(final int qubit)
    {
        checkQubit(qubit);
        return FrameBits.bit(z, qubit) != 0;
    }

    /** @return true when the frame is the identity on every qubit. */
    public boolean isIdentity()
    {
        long any = 0;
        for (int w = 0; w < x.length; w++)
        {
            any |= x[w] | z[w];
        }
        return any == 0;
    }

    /** @param qubit index of the qubit to multiply by X. */
    public void applyX(final int qubit)
    {
        checkQubit(qubit);
        FrameBits.flip(x, qubit);
    }

    /** @param qubit index of the qubit to multiply by Y. */
    public void applyY(final int qubit)
    {
        checkQubit(qubit);
        FrameBits.flip(x, qubit);
        FrameBits.flip(z, qubit);
    }

    /** @param qubit index of the qubit to multiply by Z. */
    public void applyZ(final int qubit)
    {
        checkQubit(qubit);
        FrameBits.flip(z, qubit);
    }

    /**
     * Multiply by X on each listed qubit, such as a decoder's correction; a qubit listed twice cancels.
     *
     * @param qubits qubit indices; only the first {@code count} are read.
     * @param count  number of entries to apply.
     * @throws IllegalArgumentException  if {@code count} is negative or beyond the array; the frame is unchanged.
     * @throws IndexOutOfBoundsException if an entry is not a qubit; the frame is unchanged.
     */
    public void applyX(final int[] qubits, final int count)
    {
        checkQubits(qubits, count);
        for (int i = 0; i < count; i++)
        {
            FrameBits.flip(x, qubits[i]);
        }
    }

    /**
     * Multiply by Z on each listed qubit, such as a decoder's correction; a qubit listed twice cancels.
     *
     * @param qubits qubit indices; only the first {@code count} are read.
     * @param count  number of entries to apply.
     * @throws IllegalArgumentException  if {@code count} is negative or beyond the array; the frame is unchanged.
     * @throws IndexOutOfBoundsException if an entry is not a qubit; the frame is unchanged.
     */
    public void applyZ(final int[] qubits, final int count)
    {
        checkQubits(qubits, count);
        for (int i = 0; i < count; i++)
        {
            FrameBits.flip(z, qubits[i]);
        }
    }

    /**
     * Multiply this frame by another, qubit by qubit.
     *
     * @param other frame over the same number of qubits; it is not changed.
     * @throws IllegalArgumentException if the qubit counts differ.
     */
    public void xor(final PauliFrame other)
    {
        checkSameSize(other);
        final long[] x = this.x;
        final long[] z = this.z;
        for (int w = 0; w < x.length; w++)
        {
            x[w] ^= other.x[w];
            z[w] ^= other.z[w];
        }
    }

    /**
     * @param other frame over the same number of qubits whose bits replace this frame's.
     * @throws IllegalArgumentException if the qubit counts differ.
     */
    public void copyFrom(final PauliFrame other)
    {
        checkSameSize(other);
        System.arraycopy(other.x, 0, x, 0, x.length);
        System.arraycopy(other.z, 0, z, 0, z.length);
    }

    /**
     * Hadamard: swaps the X and Z bits, since {@code H X H = Z} and {@code H Z H = X}.
     *
     * @param qubit index of the qubit.
     */
    public void h(final int qubit)
    {
        checkQubit(qubit);
        final int word = qubit >>> 6;
        final long differ = (x[word] ^ z[word]) & (1L << qubit);
        x[word] ^= differ;
        z[word] ^= differ;
    }

    /**
     * Phase gate: {@code S X S† = Y} and Z is unchanged, so the X bit is added into the Z bit.
     *
     * @param qubit index of the qubit.
     */
    public void s(final int qubit)
    {
        checkQubit(qubit);
        FrameBits.xorBit(z, qubit, FrameBits.bit(x, qubit));
    }

    /**
     * Inverse phase gate: {@code S† X S = -Y} differs from {@link #s(int)} only by a sign, which a frame drops.
     *
     * @param qubit index of the qubit.
     */
    public void sDagger(final int qubit)
    {
        s(qubit);
    }

    /**
     * CNOT: an X on the control spreads to the target and a Z on the target spreads to the control.
     *
     * @param control index of the control qubit.
     * @param target  index of the target qubit, different from the control.
     * @throws IllegalArgumentException if control and target are the same qubit.
     */
    public void cnot(final int control, final int target)
    {
        checkQubit(control);
        checkQubit(target);
        if (control == target)
        {
            throw new IllegalArgumentException("control=" + control + ", target=" + target);
        }
        FrameBits.xorBit(x, target, FrameBits.bit(x, control));
        FrameBits.xorBit(z, control, FrameBits.bit(z, target));
    }

    /**
     * CZ: an X on either qubit picks up a Z on the other; the gate is symmetric.
     *
     * @param a index of one qubit.
     * @param b index of the other qubit, different from {@code a}.
     * @throws IllegalArgumentException if both are the same qubit.
     */
    public void cz(final int a, final int b)
    {
        checkQubit(a);
        checkQubit(b);
        if (a == b)
        {
            throw new IllegalArgumentException("a=" + a + ", b=" + b);
        }
        FrameBits.xorBit(z, a, FrameBits.bit(x, b));
        FrameBits.xorBit(z, b, FrameBits.bit(x, a));
    }

    /**
     * Z-basis measurement. The frame is kept: its X bit still describes the qubit, left in the unflipped
     * eigenstate, and its Z bit only multiplies that eigenstate by a sign.
     *
     * @param qubit index of the measured qubit.
     * @return true when the reported outcome must be flipped, i.e. the frame has an X or Y on the qubit.
     */
    public boolean measureZ(final int qubit)
    {
        return x(qubit);
    }

    /**
     * Z-basis measurement followed by a reset or by discarding the qubit, so its frame is cleared.
     *
     * @param qubit index of the measured qubit.
     * @return true when the reported outcome must be flipped, i.e. the frame had an X or Y on the qubit.
     */
    public boolean measureZAndReset(final int qubit)
    {
        final boolean flip = x(qubit);
        clearQubit(qubit);
        return flip;
    }

    /**
     * X-basis measurement; the frame is kept, for the same reason as in {@link #measureZ(int)}.
     *
     * @param qubit index of the measured qubit.
     * @return true when the reported outcome must be flipped, i.e. the frame has a Z or Y on the qubit.
     */
    public boolean measureX(final int qubit)
    {
        return z(qubit);
    }

    /**
     * X-basis measurement followed by a reset or by discarding the qubit, so its frame is cleared.
     *
     * @param qubit index of the measured qubit.
     * @return true when the reported outcome must be flipped, i.e. the frame had a Z or Y on the qubit.
     */
    public boolean measureXAndReset(final int qubit)
    {
        final boolean flip = z(qubit);
        clearQubit(qubit);
        return flip;
    }

    /** @param qubit index of a qubit that was reset to a known state; its frame becomes the identity. */
    public void reset(final int qubit)
    {
        checkQubit(qubit);
        clearQubit(qubit);
    }

    /** Set the frame to the identity on every qubit. */
    public void resetAll()
    {
        Arrays.fill(x, 0L);
        Arrays.fill(z, 0L);
    }

    /**
     * @param o another object.
     * @return true when {@code o} is a frame over as many qubits holding the same Pauli on each.
     */
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof PauliFrame))
        {
            return false;
        }
        final PauliFrame that = (PauliFrame)o;
        return qubitCount == that.qubitCount && Arrays.equals(x, that.x) && Arrays.equals(z, that.z);
    }

    /** @return hash of the qubit count and the bits; it changes whenever the frame does. */
    public int hashCode()
    {
        return 31 * (31 * qubitCount + Arrays.hashCode(x)) + Arrays.hashCode(z);
    }

    /** @return the frame as one letter (I, X, Y, Z) per qubit, qubit 0 first; allocates, for diagnostics only. */
    public String toString()
    {
        return "PauliFrame{qubitCount=" + qubitCount + ", paulis=" + paulis() + "}";
    }

    String paulis()
    {
        final StringBuilder paulis = new StringBuilder(qubitCount);
        for (int q = 0; q < qubitCount; q++)
        {
            paulis.append(FrameBits.pauliLetter(FrameBits.bit(x, q), FrameBits.bit(z, q)));
        }
        return paulis.toString();
    }

    private void clearQubit(final int qubit)
    {
        FrameBits.clear(x, qubit);
        FrameBits.clear(z, qubit);
    }

    private void checkQubit(final int qubit)
    {
        if (qubit < 0 || qubit >= qubitCount)
        {
            throw new IndexOutOfBoundsException("qubit=" + qubit + ", qubitCount=" + qubitCount);
        }
    }

    // Every entry is checked before any is applied, so a bad correction cannot leave half of itself in the frame.
    private void checkQubits(final int[] qubits, final int count)
    {
        if (count < 0 || count > qubits.length)
        {
            throw new IllegalArgumentException("count=" + count + ", length=" + qubits.length);
        }
        for (int i = 0; i < count; i++)
        {
            final int qubit = qubits[i];
            if (qubit < 0 || qubit >= qubitCount)
            {
                throw new IndexOutOfBoundsException(
                    "qubit=" + qubit + ", position=" + i + ", qubitCount=" + qubitCount);
            }
        }
    }

    private void checkSameSize(final PauliFrame other)
    {
        if (other.qubitCount != qubitCount)
        {
            throw new IllegalArgumentException("qubitCount=" + qubitCount + ", otherQubitCount=" + other.qubitCount);
        }
    }
}
