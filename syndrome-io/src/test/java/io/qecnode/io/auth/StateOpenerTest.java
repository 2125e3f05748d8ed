package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each {@link SealCheck} from a real case: states sealed by a {@link StateSealer} and then tampered with, cut short,
 * sent bare, or sealed under keys the holder no longer (or not yet) accepts; and rotation under a stream of states
 * that loses none.
 */
class StateOpenerTest
{
    private static final int OFFSET = 4;
    private static final long EPOCH = 4242L;
    private static final long OVERLAP_NS = SealedLink.OVERLAP_NS;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + SealedState.LENGTH + 4]);

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldOpenWhatItsPeerSealedAndRefuseAnyFlippedBit(final StateMacAlgorithm algorithm)
    {
        final SealedLink link = new SealedLink(algorithm);
        link.install(0);
        seal(link, EPOCH);
        assertEquals(SealCheck.OPENED, open(link, SealedState.LENGTH, EPOCH, 0));
        assertEquals(1, link.opener.opened());

        flip(OFFSET + SealedState.MAC_OFFSET + 5, 3);
        assertEquals(SealCheck.WRONG_MAC, open(link, SealedState.LENGTH, EPOCH, 0), "a MAC bit");
        flip(OFFSET + SealedState.MAC_OFFSET + 5, 3);
        flip(OFFSET + 30, 0);
        assertEquals(SealCheck.WRONG_MAC, open(link, SealedState.LENGTH, EPOCH, 0), "a frame bit");
        flip(OFFSET + 30, 0);
        assertEquals(SealCheck.WRONG_MAC, open(link, SealedState.LENGTH, EPOCH + 1, 0), "another epoch");
        assertEquals(SealCheck.OPENED, open(link, SealedState.LENGTH, EPOCH, 0), "restored");
        assertEquals(2, link.opener.opened());
    }

    @Test
    void shouldRefuseBareFramesOddLengthsAndLinksNotAdmitted()
    {
        final SealedLink link = new SealedLink(StateMacAlgorithm.SIPHASH_128);
        seal(link, EPOCH);
        assertEquals(SealCheck.NOT_ADMITTED, open(link, SealedState.LENGTH, EPOCH, 0), "never admitted");

        link.install(0);
        seal(link, EPOCH);
        assertEquals(SealCheck.NO_MAC, open(link, LogicalStateWriter.FRAME_LENGTH, EPOCH, 0));
        assertEquals(SealCheck.BAD_LENGTH, open(link, 100, EPOCH, 0));
        assertEquals(SealCheck.BAD_LENGTH, open(link, SealedState.LENGTH + 1, EPOCH, 0));
        assertEquals(SealCheck.OPENED, open(link, SealedState.LENGTH, EPOCH, 0));

        link.receiveKeys.revoke();
        assertEquals(SealCheck.NOT_ADMITTED, open(link, SealedState.LENGTH, EPOCH, 0), "revoked");
        assertEquals(1, link.opener.opened());
    }

    @Test
    void shouldAcceptThePreviousGenerationUntilTheOverlapAfterTheFirstStateUnderTheNewest()
    {
        final SealedLink link = new SealedLink(StateMacAlgorithm.HMAC_SHA256_128);
        link.install(0);
        final UnsafeBuffer underZero = new UnsafeBuffer(new byte[SealedState.LENGTH]);
        link.encode(underZero, 0, EPOCH);
        link.sealer.seal(underZero, 0, LogicalStateWriter.FRAME_LENGTH, EPOCH);
        assertEquals(SealCheck.OPENED, link.opener.open(underZero, 0, SealedState.LENGTH, EPOCH, 0));

        link.holderInstalls(1);
        // The sender has not switched yet: generation 0 is accepted however long that takes.
        assertEquals(SealCheck.OPENED, link.opener.open(underZero, 0, SealedState.LENGTH, EPOCH, 10));
        assertEquals(SealCheck.OPENED, link.opener.open(underZero, 0, SealedState.LENGTH, EPOCH, 1L << 50));
        assertEquals(Long.MAX_VALUE, link.opener.overlapEndsNs());
        assertEquals(1, link.opener.newestGeneration());

        link.senderInstalls(1);
        final long firstUnderOne = (1L << 50) + 7;
        seal(link, EPOCH + 1);
        assertEquals(SealCheck.OPENED, open(link, SealedState.LENGTH, EPOCH + 1, firstUnderOne));
        assertEquals(firstUnderOne + OVERLAP_NS, link.opener.overlapEndsNs());

        assertEquals(SealCheck.OPENED,
            link.opener.open(underZero, 0, SealedState.LENGTH, EPOCH, firstUnderOne + OVERLAP_NS - 1), "in flight");
        assertEquals(SealCheck.OLD_KEY,
            link.opener.open(underZero, 0, SealedState.LENGTH, EPOCH, firstUnderOne + OVERLAP_NS), "past overlap");
        assertEquals(SealCheck.OPENED, open(link, SealedState.LENGTH, EPOCH + 1, firstUnderOne + 2 * OVERLAP_NS));
        assertEquals(6, link.opener.opened());
    }

    @Test
    void shouldRefuseAGenerationTwoBehindEvenIfStillHeldAndOneNotYetInstalled()
    {
        final SealedLink link = new SealedLink(StateMacAlgorithm.SIPHASH_128);
        link.install(0);
        seal(link, EPOCH);
        link.holderInstalls(1);
        link.holderInstalls(2);
        assertNotNull(link.receiveKeys.mac(0), "generation 0 is still held");
        assertEquals(SealCheck.OLD_KEY, open(link, SealedState.LENGTH, EPOCH, 0));

        final SealedLink ahead = new SealedLink(StateMacAlgorithm.SIPHASH_128);
        ahead.install(0);
        ahead.senderInstalls(1);
        seal(ahead, EPOCH);
        assertEquals(1, SealedState.generation(buffer, OFFSET));
        assertEquals(SealCheck.WRONG_MAC, open(ahead, SealedState.LENGTH, EPOCH, 0));
        assertEquals(0, link.opener.opened() + ahead.opener.opened());
    }

    @Test
    void shouldForgetThePreviousGenerationOnceRevoked()
    {
        final SealedLink link = new SealedLink(StateMacAlgorithm.SIPHASH_128);
        link.install(0);
        seal(link, EPOCH);
        link.receiveKeys.revoke();
        assertEquals(SealCheck.NOT_ADMITTED, open(link, SealedState.LENGTH, EPOCH, 0));
        link.holderInstalls(1);
        assertEquals(SealCheck.OLD_KEY, open(link, SealedState.LENGTH, EPOCH, 0), "the key from before revocation");
    }

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void shouldOpenEveryStateOfAStreamWhileKeysRotate(final StateMacAlgorithm algorithm)
    {
        final SealedLink link = new SealedLink(algorithm);
        link.install(0);
        final int states = 6_000;
        final long periodNs = 1_000;
        // Two states in flight at once, delivered swapped: the first under a new key overtakes the last under the old.
        final UnsafeBuffer[] inFlight = { new UnsafeBuffer(new byte[SealedState.LENGTH]),
            new UnsafeBuffer(new byte[SealedState.LENGTH]) };
        final int[] sealedUnder = new int[3];
        for (int i = 0; i < states; i++)
        {
            rotate(link, i);
            final UnsafeBuffer wire = inFlight[i & 1];
            final int frameLength = link.encode(wire, 0, i);
            assertEquals(SealedState.LENGTH, link.sealer.seal(wire, 0, frameLength, i));
            sealedUnder[link.sealer.generation()]++;
            if ((i & 1) == 1)
            {
                final long nowNs = i * periodNs;
                assertOpened(link, inFlight[1], i, nowNs);
                assertOpened(link, inFlight[0], i - 1, nowNs);
            }
        }
        assertEquals(states, link.opener.opened());
        assertEquals(2, link.opener.newestGeneration());
        for (int generation = 0; generation < 3; generation++)
        {
            assertTrue(sealedUnder[generation] > 1_000, "states sealed under " + generation);
        }
    }

    /** The holder installs a generation and the sender follows a few states later, twice. */
    private static void rotate(final SealedLink link, final int state)
    {
        switch (state)
        {
            case 2_000 -> link.holderInstalls(1);
            case 2_101 -> link.senderInstalls(1);
            case 4_000 -> link.holderInstalls(2);
            case 4_003 -> link.senderInstalls(2);
            default ->
            {
            }
        }
    }

    private static void assertOpened(
        final SealedLink link, final UnsafeBuffer wire, final long epoch, final long nowNs)
    {
        assertEquals(SealCheck.OPENED, link.opener.open(wire, 0, SealedState.LENGTH, epoch, nowNs),
            "epoch " + epoch + " under " + SealedState.generation(wire, 0));
    }

    private void seal(final SealedLink link, final long epoch)
    {
        final int frameLength = link.encode(buffer, OFFSET, epoch);
        final int sealed = link.sealer.seal(buffer, OFFSET, frameLength, epoch);
        assertTrue(sealed == SealedState.LENGTH || !link.sendKeys.isAdmitted(), "sealed " + sealed);
    }

    private SealCheck open(final SealedLink link, final int length, final long epoch, final long nowNs)
    {
        return link.opener.open(buffer, OFFSET, length, epoch, nowNs);
    }

    private void flip(final int index, final int bit)
    {
        buffer.putByte(index, (byte)(buffer.getByte(index) ^ (1 << bit)));
    }
}
