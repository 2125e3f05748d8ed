package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sealer appends the newest generation and the MAC a plain {@link StateMac} with that key gives, leaves the frame
 * as it was, and writes nothing while the link has no session key.
 */
class StateSealerTest
{
    private static final int OFFSET = 8;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + SealedState.LENGTH + 8]);

    @Test
    void shouldLayTheSealAfterTheFrame()
    {
        assertEquals(88, SealedState.GENERATION_OFFSET);
        assertEquals(92, SealedState.MAC_OFFSET);
        assertEquals(108, SealedState.LENGTH);
        buffer.putInt(OFFSET + 88, 0x01020304, ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x04, buffer.getByte(OFFSET + 88));
        assertEquals(0x01020304, SealedState.generation(buffer, OFFSET));
    }

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldWriteTheNewestGenerationAndItsMac(final StateMacAlgorithm algorithm)
    {
        final SealedLink link = new SealedLink(algorithm);
        link.install(3);
        link.install(7);
        final long epoch = 0x1234_5678_9ABCL;
        final int frameLength = link.encode(buffer, OFFSET, epoch);
        final byte[] frame = bytes(OFFSET, frameLength);

        assertEquals(SealedState.LENGTH, link.sealer.seal(buffer, OFFSET, frameLength, epoch));

        assertEquals(7, link.sealer.generation());
        assertEquals(7, SealedState.generation(buffer, OFFSET));
        assertArrayEquals(frame, bytes(OFFSET, frameLength), "the frame is left as it was");
        final StateMac expected = new StateMac(algorithm);
        expected.init(link.key(7));
        final UnsafeBuffer mac = new UnsafeBuffer(new byte[StateMac.MAC_LENGTH]);
        expected.compute(buffer, OFFSET, frameLength, epoch, mac, 0);
        assertArrayEquals(mac.byteArray(), bytes(OFFSET + SealedState.MAC_OFFSET, StateMac.MAC_LENGTH));
        assertTrue(new LogicalStateView().wrapAndVerify(buffer, OFFSET, frameLength), "the frame's CRC still holds");
    }

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldWriteNothingWithoutASessionKey(final StateMacAlgorithm algorithm)
    {
        final SealedLink link = new SealedLink(algorithm);
        final int frameLength = link.encode(buffer, OFFSET, 5);
        final byte[] before = bytes(0, buffer.capacity());

        assertEquals(-1, link.sealer.seal(buffer, OFFSET, frameLength, 5), "never admitted");
        link.install(0);
        link.sendKeys.revoke();
        assertEquals(-1, link.sealer.seal(buffer, OFFSET, frameLength, 5), "revoked");

        assertArrayEquals(before, bytes(0, buffer.capacity()));
        assertEquals(SessionKeys.NO_GENERATION, link.sealer.generation());
    }

    @Test
    void shouldRefuseAFrameOfAnotherLength()
    {
        final SealedLink link = new SealedLink(StateMacAlgorithm.SIPHASH_128);
        link.install(0);
        assertThrows(IllegalArgumentException.class,
            () -> link.sealer.seal(buffer, OFFSET, LogicalStateWriter.V1_FRAME_LENGTH, 5));
        assertThrows(IllegalArgumentException.class,
            () -> link.sealer.seal(buffer, OFFSET, SealedState.LENGTH, 5));
    }

    private byte[] bytes(final int offset, final int length)
    {
        return Arrays.copyOfRange(buffer.byteArray(), offset, offset + length);
    }
}
