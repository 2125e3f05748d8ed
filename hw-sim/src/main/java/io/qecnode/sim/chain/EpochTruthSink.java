package io.qecnode.sim.chain;

import org.agrona.DirectBuffer;

/**
 * Receives each epoch's ground truth of one node as an {@link EpochTruth} record, ready to publish as is (for
 * example with {@code Publication.offer(buffer, offset, length)}); read it with {@link EpochTruth#wrap}.
 * <p>
 * <b>Note:</b> the buffer belongs to the hardware and is overwritten by the next epoch; copy what must outlive the
 * call. Called on the thread that runs the epochs.
 */
@FunctionalInterface
public interface EpochTruthSink
{
    /** Ignores every record. */
    EpochTruthSink NONE = (buffer, offset, length) -> { };

    /**
     * @param buffer holds the record.
     * @param offset where it starts.
     * @param length {@link EpochTruth#LENGTH}.
     */
    void onEpochTruth(DirectBuffer buffer, int offset, int length);
}
