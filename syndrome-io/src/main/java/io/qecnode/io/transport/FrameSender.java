package io.qecnode.io.transport;

import org.agrona.DirectBuffer;

/**
 * Where a hot path hands a finished frame: the bus ({@link FramePublisher}) in production, anything else in tests and
 * benchmarks.
 */
@FunctionalInterface
public interface FrameSender
{
    /**
     * @param buffer holding the frame.
     * @param offset where it starts.
     * @param length its length.
     * @return true if the frame was sent, false if it was counted as not sent.
     */
    boolean send(DirectBuffer buffer, int offset, int length);
}
