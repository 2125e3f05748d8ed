package io.qecnode.node.trust;

import io.qecnode.io.codec.MessageHeaderEncoder;
import io.qecnode.io.codec.QHelloEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelloCodecTest
{
    private static final NodeIdentity SENDER = NodeIdentity.generate(1);
    private static final NodeIdentity OTHER = NodeIdentity.generate(2);
    private static final int OFFSET = 16;
    private static final int FIXED = MessageHeaderEncoder.ENCODED_LENGTH + QHelloEncoder.BLOCK_LENGTH + 2 + 2;

    private final HelloCodec codec = new HelloCodec();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + HelloCodec.MAX_LENGTH]);
    private final HelloFields decoded = new HelloFields();

    static HelloFields hello(final int from, final int to, final long sequence, final long timestampNs)
    {
        final HelloFields fields = new HelloFields();
        fields.nodeId = from;
        fields.neighbourId = to;
        fields.pathId = 7;
        fields.sequence = sequence;
        fields.timestampNs = timestampNs;
        fields.echoTimestampNs = timestampNs - 100_000_000L;
        fields.echoHoldNs = 1_234;
        fields.linkFidelity = 0.987;
        fields.latencyNs = 52_000;
        fields.installedGeneration = 3;
        return fields;
    }

    @Test
    void roundTripWithoutKemBytes()
    {
        final HelloFields sent = hello(1, 2, 41, 1_765_000_000_000_000_000L);

        final int length = codec.encode(sent, buffer, OFFSET, SENDER.privateKey());

        assertEquals(FIXED + HelloCodec.MAX_SIGNATURE_LENGTH, length, "ML-DSA-65 signs in 3309 bytes");
        assertEquals(HelloCheck.ACCEPTED, codec.decode(buffer, OFFSET, length, decoded));
        assertSameFields(sent, decoded);
        assertTrue(codec.verify(buffer, OFFSET, length, SENDER.publicKey()));
        assertFalse(codec.verify(buffer, OFFSET, length, OTHER.publicKey()));
    }

    @Test
    void roundTripWithAnEncapsulationKey()
    {
        final byte[] key = new byte[1184];
        new SplittableRandom(13).nextBytes(key);
        final HelloFields sent = hello(1, 2, 42, 1_765_000_000_000_000_000L).kem(HelloFields.KEM_OFFER, 5, key);

        final int length = codec.encode(sent, buffer, OFFSET, SENDER.privateKey());

        assertEquals(FIXED + key.length + HelloCodec.MAX_SIGNATURE_LENGTH, length);
        assertEquals(HelloCheck.ACCEPTED, codec.decode(buffer, OFFSET, length, decoded));
        assertSameFields(sent, decoded);
        assertArrayEquals(key, decoded.kemBytes());
        assertTrue(codec.verify(buffer, OFFSET, length, SENDER.publicKey()));

        // The KEM bytes are signed too: a swapped byte of the key fails the signature.
        final int kemByte = OFFSET + FIXED - 2 + 100;
        buffer.putByte(kemByte, (byte)(buffer.getByte(kemByte) ^ 1));
        assertEquals(HelloCheck.ACCEPTED, codec.decode(buffer, OFFSET, length, decoded));
        assertFalse(codec.verify(buffer, OFFSET, length, SENDER.publicKey()));
    }

    @Test
    void everySignedFieldIsCoveredAndTheSignatureItselfToo()
    {
        final int length = codec.encode(hello(1, 2, 43, 99), buffer, OFFSET, SENDER.privateKey());
        final int[] positions = {
            OFFSET + 8 + QHelloEncoder.sequenceEncodingOffset(),
            OFFSET + 8 + QHelloEncoder.linkFidelityEncodingOffset() + 7,
            OFFSET + 8 + QHelloEncoder.installedGenerationEncodingOffset(),
            OFFSET + length - 1};
        for (final int position : positions)
        {
            buffer.putByte(position, (byte)(buffer.getByte(position) ^ 0x10));
            assertFalse(codec.verify(buffer, OFFSET, length, SENDER.publicKey()), "byte " + position);
            buffer.putByte(position, (byte)(buffer.getByte(position) ^ 0x10));
            assertTrue(codec.verify(buffer, OFFSET, length, SENDER.publicKey()), "byte " + position + " restored");
        }
    }

    @Test
    void refusesBadFramesAsMalformedWithoutThrowing()
    {
        final int length = codec.encode(hello(1, 2, 44, 99), buffer, OFFSET, SENDER.privateKey());
        final byte[] good = new byte[length];
        buffer.getBytes(OFFSET, good);

        assertMalformed(good, length - 1, "truncated");
        assertMalformed(good, 40, "truncated in the fixed fields");
        assertMalformed(good, 0, "empty");
        assertMalformed(withShort(good, 2, 3), length, "the old Hello template");
        assertMalformed(withShort(good, 4, 20804), length, "another schema");
        assertMalformed(withShort(good, 6, 1), length, "version 1, which has no QHello");
        assertMalformed(withShort(good, 0, 75), length, "a block shorter than the fields");
        assertMalformed(withByte(good, 8 + QHelloEncoder.kemKindEncodingOffset(), 7), length, "KEM kind 7");
        assertMalformed(withByte(good, 8 + QHelloEncoder.kemKindEncodingOffset(), HelloFields.KEM_OFFER), length,
            "an offer without a key");
        assertMalformed(withShort(good, FIXED - 4, 3000), length, "KEM length past the frame");
        assertMalformed(withShort(good, FIXED - 2, 0), length, "no signature");
        assertMalformed(withShort(good, FIXED - 2, 4000), length, "signature past the maximum");
        assertMalformed(withByte(good, 8 + QHelloEncoder.nodeIdEncodingOffset() + 3, 0x80), length,
            "a node id past int");

        final byte[] trailing = new byte[length + 1];
        System.arraycopy(good, 0, trailing, 0, length);
        assertMalformed(trailing, length + 1, "a byte after the signature");

        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++)
        {
            final byte[] garbage = new byte[random.nextInt(1, 5000)];
            random.nextBytes(garbage);
            assertMalformed(garbage, garbage.length, "garbage " + i);
        }
    }

    private void assertMalformed(final byte[] frame, final int length, final String what)
    {
        final UnsafeBuffer wrapped = new UnsafeBuffer(frame);
        assertEquals(HelloCheck.MALFORMED, codec.decode(wrapped, 0, length, decoded), what);
        assertFalse(codec.verify(wrapped, 0, length, SENDER.publicKey()), what);
        assertEquals(0, decoded.nodeId, what + ": nothing decoded");
    }

    private static byte[] withShort(final byte[] frame, final int index, final int value)
    {
        final byte[] copy = frame.clone();
        new UnsafeBuffer(copy).putShort(index, (short)value, ByteOrder.LITTLE_ENDIAN);
        return copy;
    }

    private static byte[] withByte(final byte[] frame, final int index, final int value)
    {
        final byte[] copy = frame.clone();
        copy[index] = (byte)value;
        return copy;
    }

    static void assertSameFields(final HelloFields expected, final HelloFields actual)
    {
        assertEquals(expected.toString(), actual.toString());
        assertEquals(expected.echoTimestampNs, actual.echoTimestampNs);
        assertEquals(expected.echoHoldNs, actual.echoHoldNs);
        assertEquals(expected.linkFidelity, actual.linkFidelity);
        assertEquals(expected.latencyNs, actual.latencyNs);
        assertArrayEquals(expected.kemBytes(), actual.kemBytes());
    }
}
