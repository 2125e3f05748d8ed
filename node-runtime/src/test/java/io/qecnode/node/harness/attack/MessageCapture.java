package io.qecnode.node.harness.attack;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an on-path observer learns from the Aeron DATA frames of a UDP stream: each message whole, by stream id,
 * the last few of each stream kept. The layout is Aeron's protocol (little-endian, 32-byte header, frames aligned to
 * 32 bytes, several to a datagram): frame length (int32), version (byte), flags (byte: BEGIN 0x80, END 0x40), type
 * (uint16: 0x01 DATA, 0x00 PAD), term offset, session id, stream id, term id (int32 each), reserved value (int64).
 * A message longer than a frame is split in fragments BEGIN .. END, reassembled here per session and stream.
 * <p>
 * Retransmitted frames (NAK repairs) repeat a position already seen and are skipped; a gap (a datagram the observer
 * missed) drops the message being assembled, and assembly starts again at the next BEGIN. Fed by one thread, read by
 * others: its methods are synchronized (a test tool, not a hot path).
 */
public final class MessageCapture
{
    static final int HEADER_LENGTH = 32;
    static final int FRAME_ALIGNMENT = 32;
    static final int BEGIN_FLAG = 0x80;
    static final int END_FLAG = 0x40;
    static final int TYPE_PAD = 0x00;
    static final int TYPE_DATA = 0x01;
    private static final int FLAGS_OFFSET = 5;
    private static final int TYPE_OFFSET = 6;
    private static final int TERM_OFFSET_OFFSET = 8;
    private static final int SESSION_ID_OFFSET = 12;
    private static final int STREAM_ID_OFFSET = 16;
    private static final int TERM_ID_OFFSET = 20;

    /**
     * One message as it crossed the wire.
     *
     * @param sessionId     the publication's session.
     * @param streamId      its stream.
     * @param captureTimeNs {@link System#nanoTime()} when its last fragment passed.
     * @param message       the message's bytes, without Aeron headers.
     */
    public record Captured(int sessionId, int streamId, long captureTimeNs, byte[] message)
    {
    }

    private final int keep;
    private final Map<Long, Assembly> assemblies = new HashMap<>();
    private final Map<Integer, ArrayDeque<Captured>> kept = new HashMap<>();
    private final Map<Integer, Long> counts = new HashMap<>();

    /**
     * @param keep messages kept per stream, the newest.
     */
    MessageCapture(final int keep)
    {
        if (keep < 1)
        {
            throw new IllegalArgumentException("keep must be at least 1: " + keep);
        }
        this.keep = keep;
    }

    /**
     * Take the DATA frames of one datagram; anything else (setup, status, NAK, RTT, heartbeat, pad) passes by.
     *
     * @param datagram the datagram, from its position to its limit (left as they were).
     */
    synchronized void onDatagram(final ByteBuffer datagram)
    {
        final ByteBuffer frames = datagram.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        final int end = frames.limit();
        int offset = frames.position();
        final long nowNs = System.nanoTime();
        while (end - offset >= HEADER_LENGTH)
        {
            final int frameLength = frames.getInt(offset);
            final int type = frames.getShort(offset + TYPE_OFFSET) & 0xFFFF;
            // Length 0 is a heartbeat (a DATA header with nothing behind it); a length past the datagram is not Aeron.
            if (frameLength < HEADER_LENGTH || frameLength > end - offset || (type != TYPE_DATA && type != TYPE_PAD))
            {
                return;
            }
            onFrame(frames, offset, frameLength, type, nowNs);
            offset += align(frameLength);
        }
    }

    private void onFrame(final ByteBuffer frames, final int offset, final int frameLength, final int type,
        final long nowNs)
    {
        final int sessionId = frames.getInt(offset + SESSION_ID_OFFSET);
        final int streamId = frames.getInt(offset + STREAM_ID_OFFSET);
        final int termId = frames.getInt(offset + TERM_ID_OFFSET);
        final int termOffset = frames.getInt(offset + TERM_OFFSET_OFFSET);
        final int flags = frames.get(offset + FLAGS_OFFSET) & 0xFF;
        final Assembly assembly = assemblies.computeIfAbsent(((long)sessionId << 32) | (streamId & 0xFFFF_FFFFL),
            key -> new Assembly());
        if (!assembly.advance(termId, termOffset, align(frameLength)))
        {
            return;
        }
        if (type == TYPE_PAD)
        {
            return;
        }
        if ((flags & BEGIN_FLAG) != 0)
        {
            assembly.message.reset();
            assembly.assembling = true;
        }
        if (!assembly.assembling)
        {
            return;
        }
        final byte[] payload = new byte[frameLength - HEADER_LENGTH];
        frames.get(offset + HEADER_LENGTH, payload);
        assembly.message.writeBytes(payload);
        if ((flags & END_FLAG) != 0)
        {
            assembly.assembling = false;
            keep(new Captured(sessionId, streamId, nowNs, assembly.message.toByteArray()));
        }
    }

    private void keep(final Captured captured)
    {
        final ArrayDeque<Captured> ring = kept.computeIfAbsent(captured.streamId(), id -> new ArrayDeque<>());
        if (ring.size() == keep)
        {
            ring.removeFirst();
        }
        ring.addLast(captured);
        counts.merge(captured.streamId(), 1L, Long::sum);
    }

    /**
     * @param streamId a stream.
     * @return the last messages kept of it, oldest first.
     */
    synchronized List<Captured> captured(final int streamId)
    {
        final ArrayDeque<Captured> ring = kept.get(streamId);
        return ring == null ? List.of() : new ArrayList<>(ring);
    }

    /**
     * @param streamId a stream.
     * @return messages of it captured since the start, kept or not.
     */
    synchronized long count(final int streamId)
    {
        return counts.getOrDefault(streamId, 0L);
    }

    static int align(final int length)
    {
        return (length + FRAME_ALIGNMENT - 1) & -FRAME_ALIGNMENT;
    }

    // Where the next frame of a session's stream starts; a term ends in padding, so the next term starts at 0.
    private static final class Assembly
    {
        final ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean started;
        boolean assembling;
        int nextTermId;
        int nextTermOffset;

        // False for a frame seen before (a repair); a frame past the expected one means a missed datagram.
        boolean advance(final int termId, final int termOffset, final int alignedLength)
        {
            if (started)
            {
                final int terms = termId - nextTermId;
                final boolean behind = terms < 0 || (terms == 0 && termOffset < nextTermOffset);
                if (behind)
                {
                    return false;
                }
                final boolean expected = (terms == 0 && termOffset == nextTermOffset) ||
                    (terms == 1 && termOffset == 0 && !assembling);
                if (!expected)
                {
                    assembling = false;
                }
            }
            started = true;
            nextTermId = termId;
            nextTermOffset = termOffset + alignedLength;
            return true;
        }
    }
}
