package io.qecnode.node.decode;

import io.qecnode.node.pipeline.BlockDecoder;
import io.qecnode.node.platform.PinnedAgent;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;

import java.util.function.Supplier;

/**
 * The hot thread's face of the decode threads: a {@link BlockDecoder} that decodes nothing itself but hands each
 * round to the worker owning its block (the k-th block started goes to worker k mod N), and from which the hot thread
 * takes each finished block's result, worker by worker, in the order it handed the blocks out.
 * <p>
 * Each worker has its own block decoder, a one-to-one ring of rounds in (1 MiB, preallocated) and a one-to-one ring
 * of results out with room for {@link #PENDING_BLOCKS} results: the hot thread never has more blocks finished and
 * not yet folded, so a worker never waits to hand over a result. A full ring of rounds makes the hot thread wait for
 * its worker: backpressure, which the node's backlog measures.
 * <p>
 * <b>Note:</b> the {@link BlockDecoder} methods and the result methods are for the hot thread only; they allocate
 * nothing. {@link #close()} stops and joins the workers.
 */
public final class DecodeWorkers implements BlockDecoder, MessageHandler, AutoCloseable
{
    /** Most decode threads a node takes. */
    public static final int MAX_THREADS = 64;
    /** Most blocks finished but not yet folded, over all workers. */
    public static final int PENDING_BLOCKS = 1024;
    /** No pinning of the decode threads. */
    public static final int PIN_NONE = -1;

    private static final int ROUND_RING_BYTES = 1 << 20;
    private static final int RESULT_RING_BYTES = BitUtil.findNextPositivePowerOfTwo(
        PENDING_BLOCKS * BitUtil.align(RecordDescriptor.HEADER_LENGTH + DecodeMessages.RESULT_LENGTH,
        RecordDescriptor.ALIGNMENT));

    private final DecodeWorker[] workers;
    private final OneToOneRingBuffer[] rounds;
    private final OneToOneRingBuffer[] results;
    private final AgentRunner[] runners;
    private final int roundsPerBlock;
    private long blocksStarted;
    private int current;
    private boolean shed;
    private long dispatched;
    private long resultFlips;
    private long resultDecodeNs;
    private long resultLastWindowNs;
    private boolean resultFallback;

    /**
     * Build the workers, not yet running: see {@link #start()}.
     *
     * @param threads   decode threads, 1..{@link #MAX_THREADS}.
     * @param decoders  makes each worker's block decoder.
     * @param detectors most detectors of one round.
     * @param idle      makes each worker's idle strategy.
     * @param firstCpu  worker k runs on CPU firstCpu + k; {@link #PIN_NONE} for no pinning.
     * @param errors    receives what a worker throws.
     */
    public DecodeWorkers(
        final int threads, final Supplier<BlockDecoder> decoders, final int detectors,
        final Supplier<IdleStrategy> idle, final int firstCpu, final ErrorHandler errors)
    {
        if (threads < 1 || threads > MAX_THREADS)
        {
            throw new IllegalArgumentException("decode threads must be in [1, " + MAX_THREADS + "]: " + threads);
        }
        workers = new DecodeWorker[threads];
        rounds = new OneToOneRingBuffer[threads];
        results = new OneToOneRingBuffer[threads];
        runners = new AgentRunner[threads];
        int perBlock = 0;
        for (int k = 0; k < threads; k++)
        {
            final BlockDecoder decoder = decoders.get();
            perBlock = decoder.roundsPerBlock();
            rounds[k] = new OneToOneRingBuffer(DecodeMessages.ringBuffer(ROUND_RING_BYTES));
            results[k] = new OneToOneRingBuffer(DecodeMessages.ringBuffer(RESULT_RING_BYTES));
            workers[k] = new DecodeWorker(k, decoder, rounds[k], results[k], detectors);
            final Agent agent = firstCpu == PIN_NONE ? workers[k] : new PinnedAgent(workers[k], firstCpu + k);
            runners[k] = new AgentRunner(idle.get(), errors, null, agent);
        }
        if (DecodeMessages.roundLength(detectors) > rounds[0].maxMsgLength())
        {
            throw new IllegalArgumentException("a round of " + detectors + " detectors does not fit the ring");
        }
        roundsPerBlock = perBlock;
    }

    /**
     * Start every worker on a daemon thread of its own.
     *
     * @return this.
     */
    public DecodeWorkers start()
    {
        for (final AgentRunner runner : runners)
        {
            AgentRunner.startOnThread(runner, runnable ->
            {
                final Thread thread = new Thread(runnable);
                thread.setDaemon(true);
                return thread;
            });
        }
        return this;
    }

    /** @return decode threads. */
    public int threads()
    {
        return workers.length;
    }

    @Override
    public void shed(final boolean on)
    {
        shed = on;
    }

    @Override
    public void addRound(final int round, final int[] firedLocal, final int count)
    {
        if (round == 0)
        {
            current = (int)(blocksStarted++ % workers.length);
        }
        final OneToOneRingBuffer ring = rounds[current];
        final int claim = claim(ring, DecodeMessages.ROUND, DecodeMessages.roundLength(count));
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putInt(claim + DecodeMessages.ROUND_INDEX_OFFSET, round);
        buffer.putInt(claim + DecodeMessages.SHED_OFFSET, shed ? 1 : 0);
        buffer.putInt(claim + DecodeMessages.COUNT_OFFSET, count);
        final int firstFired = claim + DecodeMessages.FIRED_OFFSET;
        for (int i = 0; i < count; i++)
        {
            buffer.putInt(firstFired + (i << 2), firedLocal[i]);
        }
        ring.commit(claim);
        dispatched++;
    }

    /**
     * Hand the block's end to its worker; its result comes later, through {@link #pollResult(int)}.
     *
     * @return 0: nothing is known yet.
     */
    @Override
    public long finishBlock()
    {
        signal(DecodeMessages.FINISH);
        return 0;
    }

    @Override
    public void abandonBlock()
    {
        signal(DecodeMessages.ABANDON);
    }

    private void signal(final int type)
    {
        final OneToOneRingBuffer ring = rounds[current];
        ring.commit(claim(ring, type, 0));
    }

    // A full ring waits for its worker, which never waits for the hot thread (see the class comment).
    private static int claim(final OneToOneRingBuffer ring, final int type, final int length)
    {
        int claim;
        while ((claim = ring.tryClaim(type, length)) <= 0)
        {
            Thread.onSpinWait();
        }
        return claim;
    }

    /** @return the worker the block in hand (or last finished) went to. */
    public int currentWorker()
    {
        return current;
    }

    /**
     * Take the next result of a worker, if it is there: its fields are then readable until the next poll.
     *
     * @param worker the worker.
     * @return true if a result was taken.
     */
    public boolean pollResult(final int worker)
    {
        return results[worker].read(this, 1) > 0;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        resultFlips = buffer.getLong(index + DecodeMessages.FLIPS_OFFSET);
        resultDecodeNs = buffer.getLong(index + DecodeMessages.DECODE_NS_OFFSET);
        resultLastWindowNs = buffer.getLong(index + DecodeMessages.LAST_WINDOW_NS_OFFSET);
        resultFallback = buffer.getInt(index + DecodeMessages.FALLBACK_OFFSET) != 0;
    }

    /** @return the logical flips of the result last taken. */
    public long resultFlips()
    {
        return resultFlips;
    }

    /** @return ns its worker spent decoding the block of the result last taken. */
    public long resultDecodeNs()
    {
        return resultDecodeNs;
    }

    /** @return ns its worker spent on that block after its last round. */
    public long resultLastWindowNs()
    {
        return resultLastWindowNs;
    }

    /** @return true if that block needed the fallback (or was shed). */
    public boolean resultFallback()
    {
        return resultFallback;
    }

    /** @return rounds handed to the workers that they have not taken in yet: their share of the node's backlog. */
    public long roundsInFlight()
    {
        long taken = 0;
        for (final DecodeWorker worker : workers)
        {
            taken += worker.roundsTaken();
        }
        return dispatched - taken;
    }

    /** The decode window's time is the workers' to report, per result. */
    @Override
    public long lastWindowNs()
    {
        return 0;
    }

    /** The decode time is the workers' to report, per result. */
    @Override
    public long blockDecodeNs()
    {
        return 0;
    }

    /** Known per result only. */
    @Override
    public boolean blockUsedFallback()
    {
        return false;
    }

    @Override
    public int roundsPerBlock()
    {
        return roundsPerBlock;
    }

    /** Stop every worker and join its thread. */
    @Override
    public void close()
    {
        CloseHelper.closeAll(runners);
    }
}
