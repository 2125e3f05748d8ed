package io.qecnode.pauli;

import java.util.SplittableRandom;

/**
 * A random sequence of frame operations generated up front into flat arrays, so the same steps can be replayed on a
 * {@link PauliFrame} without allocating and on a {@link ReferenceFrame} for comparison.
 */
final class FrameScript
{
    static final int APPLY_X = 0;
    static final int APPLY_Y = 1;
    static final int APPLY_Z = 2;
    static final int APPLY_X_LIST = 3;
    static final int APPLY_Z_LIST = 4;
    static final int H = 5;
    static final int S = 6;
    static final int S_DAGGER = 7;
    static final int CNOT = 8;
    static final int CZ = 9;
    static final int MEASURE_Z = 10;
    static final int MEASURE_X = 11;
    static final int MEASURE_Z_AND_RESET = 12;
    static final int MEASURE_X_AND_RESET = 13;
    static final int RESET = 14;
    static final int XOR = 15;
    static final int RESET_ALL = 16;
    static final int COPY_FROM = 17;
    static final int OP_COUNT = 18;

    static final String[] OP_NAMES = {
        "applyX", "applyY", "applyZ", "applyXList", "applyZList", "h", "s", "sDagger", "cnot", "cz",
        "measureZ", "measureX", "measureZAndReset", "measureXAndReset", "reset", "xor", "resetAll", "copyFrom"};

    private static final int MAX_LIST_LENGTH = 8;

    final int qubitCount;
    final int[] op;
    final int[] a;
    final int[] b;
    final int[][] lists;

    private FrameScript(final int qubitCount, final int steps)
    {
        this.qubitCount = qubitCount;
        op = new int[steps];
        a = new int[steps];
        b = new int[steps];
        lists = new int[steps][];
    }

    /**
     * @param random     source of randomness.
     * @param qubitCount qubits of the frames the script runs on.
     * @param steps      number of operations.
     * @param poolSize   number of other frames XOR and COPY_FROM pick from.
     * @return the script.
     */
    static FrameScript random(final SplittableRandom random, final int qubitCount, final int steps, final int poolSize)
    {
        final FrameScript script = new FrameScript(qubitCount, steps);
        for (int i = 0; i < steps; i++)
        {
            final int op = pickOp(random, qubitCount);
            script.op[i] = op;
            script.a[i] = random.nextInt(qubitCount);
            script.b[i] = (op == CNOT || op == CZ) ? otherQubit(random, qubitCount, script.a[i]) : 0;
            if (op == XOR || op == COPY_FROM)
            {
                script.a[i] = random.nextInt(poolSize);
            }
            if (op == APPLY_X_LIST || op == APPLY_Z_LIST)
            {
                script.b[i] = random.nextInt(MAX_LIST_LENGTH + 1);
                script.lists[i] = randomList(random, qubitCount, script.b[i]);
            }
        }
        return script;
    }

    /**
     * @return 1 when the step is a measurement whose outcome the frame flips, else 0.
     */
    long run(final int step, final PauliFrame frame, final PauliFrame[] pool)
    {
        final int a = this.a[step];
        final int b = this.b[step];
        switch (op[step])
        {
            case APPLY_X: frame.applyX(a); return 0;
            case APPLY_Y: frame.applyY(a); return 0;
            case APPLY_Z: frame.applyZ(a); return 0;
            case APPLY_X_LIST: frame.applyX(lists[step], b); return 0;
            case APPLY_Z_LIST: frame.applyZ(lists[step], b); return 0;
            case H: frame.h(a); return 0;
            case S: frame.s(a); return 0;
            case S_DAGGER: frame.sDagger(a); return 0;
            case CNOT: frame.cnot(a, b); return 0;
            case CZ: frame.cz(a, b); return 0;
            case MEASURE_Z: return frame.measureZ(a) ? 1 : 0;
            case MEASURE_X: return frame.measureX(a) ? 1 : 0;
            case MEASURE_Z_AND_RESET: return frame.measureZAndReset(a) ? 1 : 0;
            case MEASURE_X_AND_RESET: return frame.measureXAndReset(a) ? 1 : 0;
            case RESET: frame.reset(a); return 0;
            case XOR: frame.xor(pool[a]); return 0;
            case RESET_ALL: frame.resetAll(); return 0;
            case COPY_FROM: frame.copyFrom(pool[a]); return 0;
            default: throw new IllegalStateException("op=" + op[step]);
        }
    }

    /**
     * Same as {@link #run(int, PauliFrame, PauliFrame[])}, on the reference; S† is S there, as on any frame.
     */
    long run(final int step, final ReferenceFrame frame, final ReferenceFrame[] pool)
    {
        final int a = this.a[step];
        final int b = this.b[step];
        switch (op[step])
        {
            case APPLY_X: frame.applyX(a); return 0;
            case APPLY_Y: frame.applyY(a); return 0;
            case APPLY_Z: frame.applyZ(a); return 0;
            case APPLY_X_LIST: applyEach(frame, lists[step], b, true); return 0;
            case APPLY_Z_LIST: applyEach(frame, lists[step], b, false); return 0;
            case H: frame.h(a); return 0;
            case S: case S_DAGGER: frame.s(a); return 0;
            case CNOT: frame.cnot(a, b); return 0;
            case CZ: frame.cz(a, b); return 0;
            case MEASURE_Z: return frame.measureZ(a) ? 1 : 0;
            case MEASURE_X: return frame.measureX(a) ? 1 : 0;
            case MEASURE_Z_AND_RESET: return measureThenReset(frame, a, frame.measureZ(a));
            case MEASURE_X_AND_RESET: return measureThenReset(frame, a, frame.measureX(a));
            case RESET: frame.reset(a); return 0;
            case XOR: frame.xor(pool[a]); return 0;
            case RESET_ALL: frame.resetAll(); return 0;
            case COPY_FROM: frame.copyFrom(pool[a]); return 0;
            default: throw new IllegalStateException("op=" + op[step]);
        }
    }

    String describe(final int step)
    {
        return OP_NAMES[op[step]] + "(a=" + a[step] + ", b=" + b[step] + ")";
    }

    private static long measureThenReset(final ReferenceFrame frame, final int q, final boolean flip)
    {
        frame.reset(q);
        return flip ? 1 : 0;
    }

    private static void applyEach(final ReferenceFrame frame, final int[] qubits, final int count, final boolean x)
    {
        for (int i = 0; i < count; i++)
        {
            if (x)
            {
                frame.applyX(qubits[i]);
            }
            else
            {
                frame.applyZ(qubits[i]);
            }
        }
    }

    // Resets of the whole frame and copies are rare so that frames grow busy between them.
    private static int pickOp(final SplittableRandom random, final int qubitCount)
    {
        while (true)
        {
            final int op = random.nextInt(OP_COUNT);
            if ((op == CNOT || op == CZ) && qubitCount < 2)
            {
                continue;
            }
            if ((op == RESET_ALL || op == COPY_FROM) && random.nextInt(10) != 0)
            {
                continue;
            }
            return op;
        }
    }

    private static int otherQubit(final SplittableRandom random, final int qubitCount, final int qubit)
    {
        final int other = random.nextInt(qubitCount - 1);
        return other >= qubit ? other + 1 : other;
    }

    // Lists may repeat a qubit, and carry junk past the count that must never be read.
    private static int[] randomList(final SplittableRandom random, final int qubitCount, final int count)
    {
        final int[] list = new int[count + random.nextInt(3)];
        for (int i = 0; i < list.length; i++)
        {
            list[i] = i < count ? random.nextInt(qubitCount) : -1 - i;
        }
        return list;
    }
}
