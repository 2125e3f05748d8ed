package io.qecnode.pauli;

/**
 * The logical Pauli frame of {@code logicalCount} logical qubits: an X bit and a Z bit each, held in a {@link PauliFrame}
 * over the logical qubits. It collects the logical corrections a decoder reports and the outcomes of
 * entanglement swapping, so that no logical Pauli is ever applied as gates.
 * <p>
 * One logical qubit's frame travels as a two-bit <i>observable-flip mask</i>, the encoding a decoder uses for the
 * observables of one logical qubit: bit 0 ({@link #X_FLIP}) is a logical X, bit 1 ({@link #Z_FLIP}) a logical Z.
 *
 * <h2>Entanglement swapping</h2>
 * A node holds B1, half of a Bell pair {@code |Phi+>} shared with A, and B2, half of a {@code |Phi+>} shared with C.
 * Its Bell-state measurement on B1 B2 reports two parities:
 * <ul>
 *     <li>{@code xxParity} is true when {@code X_B1 X_B2} gave -1;</li>
 *     <li>{@code zzParity} is true when {@code Z_B1 Z_B2} gave -1.</li>
 * </ul>
 * The correction owed to the far half C is then {@code X^zzParity Z^xxParity}: the ZZ parity asks for an X and the
 * XX parity for a Z. Derivation: {@code Z_A Z_B1} and {@code Z_B2 Z_C} stabilise the state, so their product
 * {@code Z_A Z_C Z_B1 Z_B2} does too; it commutes with both measured parities and survives the measurement, and
 * multiplied by the measured {@code (-1)^zz Z_B1 Z_B2} it leaves {@code (-1)^zz Z_A Z_C}. The same steps with X give
 * {@code (-1)^xx X_A X_C}. The Bell state {@code |Phi+>} of A C has {@code +Z_A Z_C} and {@code +X_A X_C}; {@code X_C}
 * anticommutes only with the first and {@code Z_C} only with the second, so {@code X^zz Z^xx} on C restores both.
 * <p>
 * With the usual circuit, CNOT(B1 to B2), H(B1), then a Z measurement of each, B1 reads {@code xxParity} and B2 reads
 * {@code zzParity} (pulled back through the circuit, B1's Z is {@code X_B1 X_B2} and B2's Z is {@code Z_B1 Z_B2}).
 * Those are the textbook teleportation outcomes m1 (B1) and m2 (B2), and the correction reads {@code X^m2 Z^m1}.
 * <p>
 * Along a chain of repeaters, each swap's correction is folded into one mask streamed to the end node; see
 * {@link ChainCorrection}.
 * <p>
 * <b>Note:</b> not thread safe; one frame belongs to one control thread. No method allocates after construction.
 */
public final class LogicalFrame
{
    /** Observable-flip mask bit for a logical X on the logical qubit. */
    public static final long X_FLIP = 1L;

    /** Observable-flip mask bit for a logical Z on the logical qubit. */
    public static final long Z_FLIP = 2L;

    private static final long FLIP_BITS = X_FLIP | Z_FLIP;

    private final PauliFrame frame;

    /**
     * @param logicalCount number of logical qubits, at least 1.
     * @throws IllegalArgumentException if {@code logicalCount} is below 1.
     */
    public LogicalFrame(final int logicalCount)
    {
        if (logicalCount < 1)
        {
            throw new IllegalArgumentException("logicalCount=" + logicalCount + ", minimum=1");
        }
        frame = new PauliFrame(logicalCount);
    }

    /**
     * The correction a Bell-state measurement owes the far half, {@code X^zzParity Z^xxParity}; see the class
     * documentation for the convention and its derivation.
     *
     * @param xxParity true when {@code X X} on the measured pair gave -1 (textbook m1).
     * @param zzParity true when {@code Z Z} on the measured pair gave -1 (textbook m2).
     * @return the correction as an observable-flip mask.
     */
    public static long bellCorrection(final boolean xxParity, final boolean zzParity)
    {
        return (zzParity ? X_FLIP : 0L) | (xxParity ? Z_FLIP : 0L);
    }

    /** @return number of logical qubits. */
    public int logicalCount()
    {
        return frame.qubitCount();
    }

    /**
     * @param logical index of the logical qubit.
     * @return true when the frame holds a logical X (or Y) on it.
     */
    public boolean x(final int logical)
    {
        checkLogical(logical);
        return frame.x(logical);
    }

    /**
     * @param logical index of the logical qubit.
     * @return true when the frame holds a logical Z (or Y) on it.
     */
    public boolean z(final int logical)
    {
        checkLogical(logical);
        return frame.z(logical);
    }

    /**
     * Multiply one logical qubit's frame by the logical Paulis in a mask, such as a decoder's observable flips or a
     * mask forwarded by the node that did the Bell-state measurement.
     *
     * @param logical         index of the logical qubit.
     * @param observableFlips mask with bit 0 = logical X, bit 1 = logical Z; no other bit may be set.
     * @throws IllegalArgumentException if the mask has bits other than {@link #X_FLIP} and {@link #Z_FLIP}.
     */
    public void foldObservableFlips(final int logical, final long observableFlips)
    {
        checkLogical(logical);
        if ((observableFlips & ~FLIP_BITS) != 0)
        {
            throw new IllegalArgumentException(
                "observableFlips=0x" + Long.toHexString(observableFlips) + ", allowedBits=0x3, logical=" + logical);
        }
        if ((observableFlips & X_FLIP) != 0)
        {
            frame.applyX(logical);
        }
        if ((observableFlips & Z_FLIP) != 0)
        {
            frame.applyZ(logical);
        }
    }

    /**
     * @param logical index of the logical qubit.
     * @return its frame as an observable-flip mask, ready to forward and fold in elsewhere.
     */
    public long observableFlips(final int logical)
    {
        checkLogical(logical);
        return (frame.x(logical) ? X_FLIP : 0L) | (frame.z(logical) ? Z_FLIP : 0L);
    }

    /**
     * Entanglement swapping at this node: take the outcomes of a Bell-state measurement on two logical qubits held
     * here, clear both measured qubits, and return the correction owed to the far half of the new pair.
     * <p>
     * A Pauli still in the frame of a measured qubit anticommutes with one of the parities and flips its reported
     * value (an X flips {@code zzParity}, a Z flips {@code xxParity}), so those bits are folded in first.
     *
     * @param first    index of one measured logical qubit.
     * @param second   index of the other measured logical qubit.
     * @param xxParity true when {@code X X} on the measured pair gave -1 (textbook m1).
     * @param zzParity true when {@code Z Z} on the measured pair gave -1 (textbook m2).
     * @return the observable-flip mask {@code X^zz Z^xx}, corrected for the measured qubits' frames, for the far half.
     * @throws IllegalArgumentException if both indices name the same logical qubit.
     */
    public long swapEntanglement(final int first, final int second, final boolean xxParity, final boolean zzParity)
    {
        checkLogical(first);
        checkLogical(second);
        if (first == second)
        {
            throw new IllegalArgumentException("first=" + first + ", second=" + second);
        }
        final boolean xFrames = frame.x(first) ^ frame.x(second);
        final boolean zFrames = frame.z(first) ^ frame.z(second);
        frame.reset(first);
        frame.reset(second);
        return bellCorrection(xxParity ^ zFrames, zzParity ^ xFrames);
    }

    /** @param logical index of a logical qubit that was reset or discarded; its frame becomes the identity. */
    public void reset(final int logical)
    {
        checkLogical(logical);
        frame.reset(logical);
    }

    /** Set the frame to the identity on every logical qubit. */
    public void resetAll()
    {
        frame.resetAll();
    }

    /**
     * @param o another object.
     * @return true when {@code o} is a frame over as many logical qubits holding the same Pauli on each.
     */
    public boolean equals(final Object o)
    {
        return this == o || (o instanceof LogicalFrame && frame.equals(((LogicalFrame)o).frame));
    }

    /** @return hash of the logical count and the bits; it changes whenever the frame does. */
    public int hashCode()
    {
        return frame.hashCode();
    }

    /** @return the frame as one letter (I, X, Y, Z) per logical qubit, 0 first; allocates, for diagnostics only. */
    public String toString()
    {
        return "LogicalFrame{logicalCount=" + frame.qubitCount() + ", paulis=" + frame.paulis() + "}";
    }

    // Named for logical qubits, so a bad index reads "logical=..." rather than the frame's "qubit=...".
    private void checkLogical(final int logical)
    {
        if (logical < 0 || logical >= frame.qubitCount())
        {
            throw new IndexOutOfBoundsException("logical=" + logical + ", logicalCount=" + frame.qubitCount());
        }
    }
}
