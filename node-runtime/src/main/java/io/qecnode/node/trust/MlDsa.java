package io.qecnode.node.trust;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.util.HexFormat;

/**
 * The ML-DSA algorithm through Bouncy Castle's JCA provider, registered once on first use.
 */
public final class MlDsa
{
    /** JCA name of the key and signature algorithm. */
    public static final String ALGORITHM = "ML-DSA";

    static
    {
        // Java 17 has no ML-DSA of its own: Bouncy Castle's provider, added once, last in preference order.
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null)
        {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private MlDsa()
    {
    }

    /**
     * @return the provider's name, registering the provider if it is not yet.
     */
    public static String provider()
    {
        return BouncyCastleProvider.PROVIDER_NAME;
    }

    /**
     * @return a new ML-DSA signature engine; init it with a key before use.
     */
    public static Signature signature()
    {
        try
        {
            return Signature.getInstance(ALGORITHM, provider());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("ML-DSA is not available from " + provider(), ex);
        }
    }

    static KeyFactory keyFactory()
    {
        try
        {
            return KeyFactory.getInstance(ALGORITHM, provider());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("ML-DSA is not available from " + provider(), ex);
        }
    }

    /**
     * @param key a public key.
     * @return {@code SHA256:} and the lowercase hex SHA-256 of its X.509 encoding, what an operator compares.
     */
    public static String fingerprint(final PublicKey key)
    {
        try
        {
            return "SHA256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }
}
