package io.qecnode.node.decode;

import io.qecnode.node.pipeline.BlockDecoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One decode thread's work: take the rounds of its blocks from its ring in order, hand them to its own block decoder
 * (which decodes each window as its last round arrives), and at each block's end put the block's result on its
 * result ring. Counts every round taken, so that the hot thread can tell how many rounds it has handed out that are
 * not yet decoded.
 * <p>
 * <b>Note:</b> runs on its own thread; allocates nothing after construction.
 */
final class DecodeWorker implements Agent, MessageHandler
{
    private static final int MESSAGE_LIMIT = 64;

    private final int index;
    private final BlockDecoder decoder;
    private final RingBuffer rounds;
    private final RingBuffer results;
    private final AtomicLong roundsTaken = new AtomicLong();
    private final int[] fired;
    private long taken;

    /**
     * @param index     the worker's index, for its thread's name.
     * @param decoder   decodes the worker's blocks.
     * @param rounds    rounds in, written by the hot thread only.
     * @param results   results out, read by the hot thread only; with room for every block the hot thread may
     *                  have outstanding, so that a result always fits.
     * @param detectors most detectors of a round.
     */
    DecodeWorker(
        final int index, final BlockDecoder decoder, final OneToOneRingBuffer rounds, final OneToOneRingBuffer results,
        final int detectors)
    {
        this.index = index;
        this.decoder = decoder;
        this.rounds = rounds;
        this.results = results;
        this.fired = new int[detectors];
    }

    @Override
    public int doWork()
    {
        return rounds.read(this, MESSAGE_LIMIT);
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        switch (msgTypeId)
        {
            case DecodeMessages.ROUND:
                onRound(buffer, index);
                break;
            case DecodeMessages.FINISH:
                finishBlock();
                break;
            case DecodeMessages.ABANDON:
                decoder.abandonBlock();
                break;
            default:
                throw new IllegalStateException("unknown message type " + msgTypeId);
        }
    }

    private void onRound(final MutableDirectBuffer buffer, final int index)
    {
        final int round = buffer.getInt(index + DecodeMessages.ROUND_INDEX_OFFSET);
        final int count = buffer.getInt(index + DecodeMessages.COUNT_OFFSET);
        if (round == 0)
        {
            decoder.shed(buffer.getInt(index + DecodeMessages.SHED_OFFSET) != 0);
        }
        final int[] fired = this.fired;
        final int firstFired = index + DecodeMessages.FIRED_OFFSET;
        for (int i = 0; i < count; i++)
        {
            fired[i] = buffer.getInt(firstFired + (i << 2));
        }
        decoder.addRound(round, fired, count);
        roundsTaken.lazySet(++taken);
    }

    private void finishBlock()
    {
        final long flips = decoder.finishBlock();
        int claim;
        // Sized so that it never waits (see the constructor); should it, the hot thread is draining it.
        while ((claim = results.tryClaim(DecodeMessages.RESULT, DecodeMessages.RESULT_LENGTH)) <= 0)
        {
            Thread.onSpinWait();
        }
        final MutableDirectBuffer buffer = results.buffer();
        buffer.putLong(claim + DecodeMessages.FLIPS_OFFSET, flips);
        buffer.putLong(claim + DecodeMessages.DECODE_NS_OFFSET, decoder.blockDecodeNs());
        buffer.putLong(claim + DecodeMessages.LAST_WINDOW_NS_OFFSET, decoder.lastWindowNs());
        buffer.putInt(claim + DecodeMessages.FALLBACK_OFFSET, decoder.blockUsedFallback() ? 1 : 0);
        results.commit(claim);
    }

    /** @return rounds taken from the ring so far; read from any thread. */
    long roundsTaken()
    {
        return roundsTaken.get();
    }

    @Override
    public String roleName()
    {
        return "qec-decode-" + index;
    }
}
