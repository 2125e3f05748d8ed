package io.qecnode.node.pipeline;

/**
 * Blocks whose rounds have all been handed to the decode threads, in the order they finished, with what the hot
 * thread knows of each (block, qubit, rounds, flags, arrival of its last round, its emit time, its worker) until its
 * result comes back to be folded into the Pauli frame.
 * <p>
 * <b>Note:</b> hot thread only; a fixed ring of parallel arrays, allocated once.
 */
final class FoldQueue
{
    private final int mask;
    private final long[] block;
    private final long[] qubit;
    private final long[] arrivedNs;
    private final long[] originNs;
    private final int[] rounds;
    private final int[] flags;
    private final int[] worker;
    private long head;
    private long tail;

    /**
     * @param capacity most blocks held, a power of two.
     */
    FoldQueue(final int capacity)
    {
        mask = capacity - 1;
        block = new long[capacity];
        qubit = new long[capacity];
        arrivedNs = new long[capacity];
        originNs = new long[capacity];
        rounds = new int[capacity];
        flags = new int[capacity];
        worker = new int[capacity];
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    boolean isFull()
    {
        return tail - head == block.length;
    }

    void add(
        final long block, final long qubit, final int rounds, final int flags, final long arrivedNs,
        final long originNs, final int worker)
    {
        final int i = (int)(tail++ & mask);
        this.block[i] = block;
        this.qubit[i] = qubit;
        this.rounds[i] = rounds;
        this.flags[i] = flags;
        this.arrivedNs[i] = arrivedNs;
        this.originNs[i] = originNs;
        this.worker[i] = worker;
    }

    void removeHead()
    {
        head++;
    }

    long block()
    {
        return block[(int)(head & mask)];
    }

    long qubit()
    {
        return qubit[(int)(head & mask)];
    }

    int rounds()
    {
        return rounds[(int)(head & mask)];
    }

    int flags()
    {
        return flags[(int)(head & mask)];
    }

    long arrivedNs()
    {
        return arrivedNs[(int)(head & mask)];
    }

    long originNs()
    {
        return originNs[(int)(head & mask)];
    }

    int worker()
    {
        return worker[(int)(head & mask)];
    }
}
