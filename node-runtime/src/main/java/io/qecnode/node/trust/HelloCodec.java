package io.qecnode.node.trust;

import io.qecnode.io.codec.MessageHeaderDecoder;
import io.qecnode.io.codec.MessageHeaderEncoder;
import io.qecnode.io.codec.QHelloDecoder;
import io.qecnode.io.codec.QHelloEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The {@code QHello} wire frame: header, fixed fields, KEM bytes, then an ML-DSA signature over every byte before
 * the signature field (message header included). One instance per cold thread: its signature engine and scratch
 * arrays are reused from Hello to Hello, and nothing here is thread safe.
 * <p>
 * {@link #decode} trusts nothing it reads: every length is checked against the frame before it is used, and any
 * bad frame is {@link HelloCheck#MALFORMED}, never an exception.
 */
public final class HelloCodec
{
    /** Longest KEM bytes accepted: an ML-KEM-768 encapsulation key (1184 B) even in its X.509 form fits. */
    public static final int MAX_KEM_LENGTH = 2048;
    /** Longest signature accepted: ML-DSA-65's, 3309 B. */
    public static final int MAX_SIGNATURE_LENGTH = 3309;
    /** Longest whole frame. */
    public static final int MAX_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + QHelloEncoder.BLOCK_LENGTH +
        QHelloEncoder.kemHeaderLength() + MAX_KEM_LENGTH + QHelloEncoder.signatureHeaderLength() +
        MAX_SIGNATURE_LENGTH;

    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int VAR_HEADER_LENGTH = QHelloEncoder.kemHeaderLength();

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final QHelloEncoder encoder = new QHelloEncoder();
    private final QHelloDecoder decoder = new QHelloDecoder();
    private final Signature engine = MlDsa.signature();
    private final byte[] signed = new byte[MAX_LENGTH];
    private final byte[] signature = new byte[MAX_SIGNATURE_LENGTH];
    private PrivateKey signingKey;
    private PublicKey verifyingKey;

    /**
     * Encode and sign a Hello.
     *
     * @param fields what to say; {@link HelloFields#kemLength} at most {@link #MAX_KEM_LENGTH}.
     * @param buffer to write into, with room for {@link #MAX_LENGTH} bytes from {@code offset}.
     * @param offset where the frame starts.
     * @param key    the sender's ML-DSA private key.
     * @return the frame's length.
     * @throws IllegalArgumentException if the KEM bytes are too long or a node id is negative.
     * @throws IllegalStateException    if the key cannot sign.
     */
    public int encode(
        final HelloFields fields, final MutableDirectBuffer buffer, final int offset, final PrivateKey key)
    {
        if (fields.kemLength > MAX_KEM_LENGTH || fields.nodeId < 0 || fields.neighbourId < 0)
        {
            throw new IllegalArgumentException("cannot encode " + fields);
        }
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sequence(fields.sequence)
            .timestampNs(fields.timestampNs)
            .echoTimestampNs(fields.echoTimestampNs)
            .echoHoldNs(fields.echoHoldNs)
            .pathId(fields.pathId)
            .linkFidelity(fields.linkFidelity)
            .latencyNs(fields.latencyNs)
            .nodeId(fields.nodeId)
            .neighbourId(fields.neighbourId)
            .kemKind((short)fields.kemKind)
            .kemGeneration(fields.kemGeneration)
            .installedGeneration(fields.installedGeneration)
            .putKem(fields.kem, 0, fields.kemLength);
        final int signedLength = encoder.limit() - offset;
        final int signatureLength;
        try
        {
            if (key != signingKey)
            {
                engine.initSign(key);
                signingKey = key;
                verifyingKey = null;
            }
            buffer.getBytes(offset, signed, 0, signedLength);
            engine.update(signed, 0, signedLength);
            signatureLength = engine.sign(signature, 0, signature.length);
        }
        catch (final GeneralSecurityException ex)
        {
            signingKey = null;
            throw new IllegalStateException("cannot sign a Hello with this key (" + ex.getMessage() + ")", ex);
        }
        encoder.putSignature(signature, 0, signatureLength);
        return encoder.limit() - offset;
    }

    /**
     * Parse a frame without trusting it: the fields are not yet authentic (see {@link #verify}).
     *
     * @param buffer holding the frame.
     * @param offset where it starts.
     * @param length its length.
     * @param out    filled with the fields when well formed; cleared otherwise.
     * @return {@link HelloCheck#ACCEPTED} if well formed, else {@link HelloCheck#MALFORMED}.
     */
    public HelloCheck decode(final DirectBuffer buffer, final int offset, final int length, final HelloFields out)
    {
        out.clear();
        if (signatureField(buffer, offset, length) < 0)
        {
            return HelloCheck.MALFORMED;
        }
        // signatureField left the decoder wrapped over the frame and checked every length.
        final long nodeId = decoder.nodeId();
        final long neighbourId = decoder.neighbourId();
        final int kemKind = decoder.kemKind();
        final int kemLength = decoder.kemLength();
        if (nodeId > Integer.MAX_VALUE || neighbourId > Integer.MAX_VALUE || !kemFits(kemKind, kemLength))
        {
            return HelloCheck.MALFORMED;
        }
        out.nodeId = (int)nodeId;
        out.neighbourId = (int)neighbourId;
        out.pathId = decoder.pathId();
        out.sequence = decoder.sequence();
        out.timestampNs = decoder.timestampNs();
        out.echoTimestampNs = decoder.echoTimestampNs();
        out.echoHoldNs = decoder.echoHoldNs();
        out.linkFidelity = decoder.linkFidelity();
        out.latencyNs = decoder.latencyNs();
        out.kemKind = kemKind;
        out.kemGeneration = decoder.kemGeneration();
        out.installedGeneration = decoder.installedGeneration();
        if (out.kem.length < kemLength)
        {
            out.kem = new byte[MAX_KEM_LENGTH];
        }
        out.kemLength = decoder.getKem(out.kem, 0, kemLength);
        return HelloCheck.ACCEPTED;
    }

    /**
     * Check a frame's signature.
     *
     * @param buffer holding the frame.
     * @param offset where it starts.
     * @param length its length.
     * @param key    the public key of the node the frame claims to come from.
     * @return true only if the frame is well formed and signed by {@code key}'s private key.
     */
    public boolean verify(final DirectBuffer buffer, final int offset, final int length, final PublicKey key)
    {
        final int signatureField = signatureField(buffer, offset, length);
        if (signatureField < 0)
        {
            return false;
        }
        final int signedLength = signatureField - offset;
        final int signatureLength = length - signedLength - VAR_HEADER_LENGTH;
        buffer.getBytes(offset, signed, 0, signedLength);
        buffer.getBytes(signatureField + VAR_HEADER_LENGTH, signature, 0, signatureLength);
        try
        {
            if (key != verifyingKey)
            {
                engine.initVerify(key);
                verifyingKey = key;
                signingKey = null;
            }
            engine.update(signed, 0, signedLength);
            return engine.verify(signature, 0, signatureLength);
        }
        catch (final GeneralSecurityException | RuntimeException ex)
        {
            // A garbled signature may throw rather than answer false; either way it is not the sender's. The engine
            // may be left mid-operation: init it again next time.
            verifyingKey = null;
            return false;
        }
    }

    private static boolean kemFits(final int kemKind, final int kemLength)
    {
        return kemKind == HelloFields.KEM_NONE ? kemLength == 0 :
            (kemKind == HelloFields.KEM_OFFER || kemKind == HelloFields.KEM_ANSWER) && kemLength > 0;
    }

    /**
     * Walk the frame's structure, every length checked before use, and leave the decoder wrapped over it.
     *
     * @return the offset of the signature field's length, or -1 if the frame is not a whole QHello ending with a
     * signature of 1 to {@link #MAX_SIGNATURE_LENGTH} bytes.
     */
    private int signatureField(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < HEADER_LENGTH + QHelloDecoder.BLOCK_LENGTH + 2 * VAR_HEADER_LENGTH ||
            length > MAX_LENGTH || offset > buffer.capacity() - length)
        {
            return -1;
        }
        headerDecoder.wrap(buffer, offset);
        final int blockLength = headerDecoder.blockLength();
        if (headerDecoder.schemaId() != QHelloDecoder.SCHEMA_ID || headerDecoder.templateId() !=
            QHelloDecoder.TEMPLATE_ID || headerDecoder.version() < QHelloDecoder.SCHEMA_VERSION ||
            blockLength < QHelloDecoder.BLOCK_LENGTH)
        {
            return -1;
        }
        final int end = offset + length;
        final int kemField = offset + HEADER_LENGTH + blockLength;
        if (kemField > end - 2 * VAR_HEADER_LENGTH)
        {
            return -1;
        }
        final int kemLength = buffer.getShort(kemField, QHelloDecoder.BYTE_ORDER) & 0xFFFF;
        final int signatureField = kemField + VAR_HEADER_LENGTH + kemLength;
        if (kemLength > MAX_KEM_LENGTH || signatureField > end - VAR_HEADER_LENGTH)
        {
            return -1;
        }
        final int signatureLength = buffer.getShort(signatureField, QHelloDecoder.BYTE_ORDER) & 0xFFFF;
        if (signatureLength == 0 || signatureLength > MAX_SIGNATURE_LENGTH ||
            signatureField + VAR_HEADER_LENGTH + signatureLength != end)
        {
            return -1;
        }
        decoder.wrap(buffer, offset + HEADER_LENGTH, blockLength, headerDecoder.version());
        return signatureField;
    }
}
