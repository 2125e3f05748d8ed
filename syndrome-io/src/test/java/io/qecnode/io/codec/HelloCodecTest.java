package io.qecnode.io.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HelloCodecTest
{
    private static final int OFFSET = 3;
    private static final int ML_DSA_44_SIGNATURE_LENGTH = 2420;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final HelloEncoder encoder = new HelloEncoder();
    private final HelloDecoder decoder = new HelloDecoder();

    @Test
    void shouldRoundTripEveryFieldWithASignatureOfMlDsa44Size()
    {
        final byte[] signature = new byte[ML_DSA_44_SIGNATURE_LENGTH];
        new SplittableRandom(44).nextBytes(signature);

        encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .nodeId(0xFFFF_FFFEL)
            .linkFidelity(0.987_654_321)
            .timestampNs(-5L)
            .putSignature(signature, 0, signature.length);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEquals(HelloDecoder.TEMPLATE_ID, headerDecoder.templateId());
        assertEquals(0xFFFF_FFFEL, decoder.nodeId());
        assertEquals(0.987_654_321, decoder.linkFidelity());
        assertEquals(-5L, decoder.timestampNs());
        assertEquals(signature.length, decoder.signatureLength());
        final byte[] decoded = new byte[decoder.signatureLength()];
        decoder.getSignature(decoded, 0, decoded.length);
        assertArrayEquals(signature, decoded);
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength());
        assertEquals(8 + 20 + 2 + ML_DSA_44_SIGNATURE_LENGTH, length);
    }

    @Test
    void shouldRoundTripAnEmptySignature()
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).nodeId(1).linkFidelity(0.5).timestampNs(2)
            .putSignature(new byte[0], 0, 0);

        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1, decoder.nodeId());
        assertEquals(0, decoder.signatureLength());
    }
}
