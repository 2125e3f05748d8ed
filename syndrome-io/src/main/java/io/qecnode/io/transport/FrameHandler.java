package io.qecnode.io.transport;

import org.agrona.DirectBuffer;

/**
 * Receives frames in place. The buffer is only valid during the call: read what is needed, never keep it.
 */
@FunctionalInterface
public interface FrameHandler
{
    /**
     * @param buffer holding the frame (the term buffer itself).
     * @param offset where the frame starts.
     * @param length frame length in bytes.
     */
    void onFrame(DirectBuffer buffer, int offset, int length);
}
