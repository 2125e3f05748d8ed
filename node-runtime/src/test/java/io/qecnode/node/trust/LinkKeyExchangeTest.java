package io.qecnode.node.trust;

import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.auth.StateMac;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.node.trust.LinkKeyExchange.LinkSide;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static io.qecnode.node.trust.HelloFields.KEM_ANSWER;
import static io.qecnode.node.trust.HelloFields.KEM_NONE;
import static io.qecnode.node.trust.HelloFields.KEM_OFFER;
import static io.qecnode.node.trust.HelloFields.NO_GENERATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkKeyExchangeTest
{
    private static final long PATH = 77;
    private static final int SENDER_NODE = 1;
    private static final int HOLDER_NODE = 2;
    private static final long HELLO_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long ROTATION_NS = TimeUnit.SECONDS.toNanos(1);
    /** 2026-05-28T20:26:40Z on the wall clock. */
    private static final long START_NS = 1_780_000_000L * 1_000_000_000L;

    @ParameterizedTest
    @EnumSource(StateMacAlgorithm.class)
    void keysAgreedInHellosSealAtTheSenderAndOpenAtTheHolder(final StateMacAlgorithm algorithm)
    {
        final Link link = new Link(algorithm);
        final HelloFields offer = link.holderHello(true);
        assertEquals(KEM_OFFER, offer.kemKind);
        assertEquals(MlKem.ENCAPSULATION_KEY_LENGTH, offer.kemLength);
        assertEquals(1_780_000_000L - LinkKeyExchange.GENERATION_EPOCH_S, offer.kemGeneration);
        assertEquals(NO_GENERATION, offer.installedGeneration);

        final HelloFields answer = link.senderHello(true);
        assertEquals(KEM_ANSWER, answer.kemKind);
        assertEquals(offer.kemGeneration, answer.kemGeneration);
        assertEquals(MlKem.CIPHERTEXT_LENGTH, answer.kemLength);
        assertEquals(NO_GENERATION, answer.installedGeneration);
        assertFalse(link.senderKeys.isAdmitted(), "the sender must not seal before the holder installed the key");
        assertTrue(link.holderKeys.isAdmitted());

        final HelloFields ack = link.holderHello(true);
        assertEquals(KEM_NONE, ack.kemKind);
        assertEquals(offer.kemGeneration, ack.installedGeneration);
        assertTrue(link.senderKeys.isAdmitted());
        assertEquals(offer.kemGeneration, link.senderKeys.newestGeneration());
        assertEquals(KEM_NONE, link.senderHello(true).kemKind, "answer stops once acknowledged");
        assertEquals(1, link.holder.rotations());
        assertEquals(1, link.sender.rotations());
        assertTrue(link.interoperates());
        assertEquals(0, link.holder.staleAnswers(), "the sender's repeats before it saw the ack are expected");
    }

    @Test
    void keysDerivedForAnotherPathDirectionOrGenerationDiffer()
    {
        final byte[] secret = new byte[32];
        final byte[] key = MlKem.deriveStateKey(secret, PATH, SENDER_NODE, HOLDER_NODE, 5, 16);
        final byte[][] others = {
            MlKem.deriveStateKey(secret, PATH + 1, SENDER_NODE, HOLDER_NODE, 5, 16),
            MlKem.deriveStateKey(secret, PATH, HOLDER_NODE, SENDER_NODE, 5, 16),
            MlKem.deriveStateKey(secret, PATH, SENDER_NODE, HOLDER_NODE, 6, 16),
        };
        for (final byte[] other : others)
        {
            assertFalse(Arrays.equals(key, other));
        }
        assertEquals(32, MlKem.deriveStateKey(secret, PATH, SENDER_NODE, HOLDER_NODE, 5, 32).length);
    }

    @Test
    void rotationInstallsEachGenerationAtTheHolderBeforeTheSenderSealsWithIt()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        int lastGeneration = NO_GENERATION;
        int generationsSeen = 0;
        for (int tick = 0; tick < 60; tick++) // 6 s of Hellos, both ways
        {
            link.holderHello(true);
            link.senderHello(true);
            link.checkHolderFirst();
            final int newest = link.senderKeys.newestGeneration();
            if (newest != lastGeneration)
            {
                assertTrue(newest > lastGeneration, "generations increase");
                lastGeneration = newest;
                generationsSeen++;
            }
            link.nowNs += HELLO_NS;
        }
        assertTrue(generationsSeen >= 5, generationsSeen + " generations in 6 s with a 1 s rotation");
        assertEquals(generationsSeen, link.sender.rotations());
        assertEquals(link.holder.rotations(), link.sender.rotations());
        assertTrue(link.interoperates());
    }

    @Test
    void oneLostHelloAnywhereOnlyDelaysTheExchange()
    {
        // Hellos alternate holder, sender, holder, ...; lose the k-th one, for every k over two rotations.
        for (int lost = 0; lost < 50; lost++)
        {
            final Link link = new Link(StateMacAlgorithm.HMAC_SHA256_128);
            for (int hello = 0; hello < 80; hello++)
            {
                final boolean delivered = hello != lost;
                if (hello % 2 == 0)
                {
                    link.holderHello(delivered);
                }
                else
                {
                    link.senderHello(delivered);
                    link.nowNs += HELLO_NS;
                }
                link.checkHolderFirst();
            }
            assertTrue(link.sender.rotations() >= 3, "lost Hello " + lost + ": " + link.sender.rotations());
            assertTrue(link.interoperates(), "lost Hello " + lost);
        }
    }

    @Test
    void aReplayedOldAnswerChangesNothing()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        link.holderHello(true);
        final HelloFields oldAnswer = link.senderHello(true);
        link.holderHello(true);
        link.nowNs += ROTATION_NS;
        final HelloFields newOffer = link.holderHello(true);
        assertEquals(KEM_OFFER, newOffer.kemKind);
        assertTrue(newOffer.kemGeneration > oldAnswer.kemGeneration);

        // While the new offer is pending: the same bytes as the sender's own repeats, so quietly ignored.
        link.holder.incoming(oldAnswer, link.nowNs);
        assertEquals(newOffer.kemGeneration, link.holder.pendingGeneration());
        assertEquals(oldAnswer.kemGeneration, link.holderKeys.newestGeneration());
        assertEquals(0, link.holder.staleAnswers());

        link.senderHello(true);
        link.holderHello(true);
        final int installed = link.holder.installedGeneration();
        assertEquals(newOffer.kemGeneration, installed);
        link.holder.incoming(oldAnswer, link.nowNs); // after the new key is installed
        assertEquals(installed, link.holder.installedGeneration());
        assertEquals(installed, link.holderKeys.newestGeneration());
        assertEquals(2, link.holder.rotations());
        assertEquals(1, link.holder.staleAnswers());
        assertTrue(link.interoperates());
    }

    @Test
    void anOldOfferIsRefusedByTheSender()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        final HelloFields oldOffer = link.holderHello(true);
        link.senderHello(true);
        link.holderHello(true);
        link.nowNs += ROTATION_NS;
        link.holderHello(true);
        link.senderHello(true);
        link.holderHello(true);
        assertTrue(link.interoperates());

        link.sender.incoming(oldOffer, link.nowNs);
        assertEquals(1, link.sender.backwardOffers());
        assertEquals(NO_GENERATION, link.sender.pendingGeneration());
        assertEquals(KEM_NONE, link.senderHello(true).kemKind);
    }

    @Test
    void aMalformedOfferIsIgnored()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        final HelloFields offer = link.holderHello(false);
        offer.kemLength = 100;
        link.sender.incoming(offer, link.nowNs);
        assertEquals(1, link.sender.malformed());
        assertEquals(NO_GENERATION, link.sender.pendingGeneration());
        assertEquals(KEM_NONE, link.senderHello(false).kemKind);
    }

    @Test
    void resetRevokesAndANewSessionFollows()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        link.exchange();
        final int first = link.senderKeys.newestGeneration();

        link.holder.reset();
        link.sender.reset();
        assertFalse(link.holderKeys.isAdmitted());
        assertFalse(link.senderKeys.isAdmitted());
        assertEquals(NO_GENERATION, link.holder.installedGeneration());

        link.nowNs += HELLO_NS;
        link.exchange();
        assertTrue(link.senderKeys.newestGeneration() > first);
        assertTrue(link.holderKeys.isAdmitted());
        assertTrue(link.interoperates());
    }

    @Test
    void aSenderResetWhileItsAnswerCrossesTheAckHealsWithAFreshGeneration()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        final HelloFields offer = link.holderHello(false);
        link.sender.incoming(offer, link.nowNs);
        final HelloFields answer = link.senderHello(false);
        link.sender.reset();
        link.holder.incoming(answer, link.nowNs); // the holder installs the first answer
        link.sender.incoming(offer, link.nowNs); // an offer sent before that arrives after the reset: a new answer
        for (int tick = 0; tick < 5; tick++)
        {
            link.nowNs += HELLO_NS;
            link.senderHello(true);
            link.holderHello(true);
            link.checkHolderFirst();
        }
        assertTrue(link.holder.installedGeneration() > offer.kemGeneration, "the holder rotated at once");
        assertTrue(link.interoperates());
    }

    @Test
    void aRestartedHolderOffersAHigherGenerationAndTheSenderTakesIt()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        link.nowNs += 123 * HELLO_NS;
        link.exchange();
        final int before = link.holderKeys.newestGeneration();

        link.nowNs += TimeUnit.SECONDS.toNanos(2); // a process restart takes seconds
        link.holderKeys = new SessionKeys(StateMacAlgorithm.SIPHASH_128);
        link.holder = new LinkKeyExchange(LinkSide.HOLDER, link.holderKeys, PATH, SENDER_NODE, HOLDER_NODE,
            ROTATION_NS, new SecureRandom());
        link.exchange();
        assertTrue(link.holderKeys.newestGeneration() > before);
        assertEquals(0, link.sender.backwardOffers());
        assertTrue(link.interoperates());
    }

    @Test
    void aHolderRestartedWithinTheSameSecondIsAnsweredOneRotationLater()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        link.exchange();
        final int before = link.holderKeys.newestGeneration();

        link.holderKeys = new SessionKeys(StateMacAlgorithm.SIPHASH_128);
        link.holder = new LinkKeyExchange(LinkSide.HOLDER, link.holderKeys, PATH, SENDER_NODE, HOLDER_NODE,
            ROTATION_NS, new SecureRandom());
        final long restartNs = link.nowNs;
        while (!link.holderKeys.isAdmitted() && link.nowNs - restartNs < 3 * ROTATION_NS)
        {
            link.nowNs += HELLO_NS;
            link.exchange(); // the sender still seals with the generation the old process held, until then
        }
        assertTrue(link.holderKeys.newestGeneration() > before, "the offer of the same generation gave way");
        assertTrue(link.nowNs - restartNs > ROTATION_NS, "after one unanswered rotation period");
        assertTrue(link.interoperates());
    }

    @Test
    void aSenderResetAloneAsksForAKeyInItsNextHelloAndIsKeyedAgainAtOnce()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        link.exchange();
        link.sender.reset();
        assertFalse(link.senderKeys.isAdmitted());
        for (int tick = 0; tick < 3; tick++)
        {
            link.nowNs += HELLO_NS;
            link.exchange();
        }
        assertTrue(link.interoperates(), "keyed again within three Hello rounds, not at the next rotation");
        assertEquals(2, link.sender.rotations());
        assertEquals(1, link.holder.senderRestarts());
    }

    @Test
    void aRestartedSenderIsKeyedAgainAtOnce()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        link.exchange();
        final int before = link.holderKeys.newestGeneration();
        link.restartSender();
        for (int tick = 0; tick < 3; tick++)
        {
            link.nowNs += HELLO_NS;
            link.exchange();
        }
        assertTrue(link.interoperates());
        assertTrue(link.holderKeys.newestGeneration() > before);
    }

    @Test
    void generationsIncreaseEvenIfTheClockDoesNot()
    {
        final Link link = new Link(StateMacAlgorithm.SIPHASH_128);
        link.exchange();
        final int first = link.holder.installedGeneration();
        link.nowNs -= TimeUnit.HOURS.toNanos(1); // the wall clock steps back
        link.holder.reset();
        link.exchange();
        assertEquals(first + 1, link.holder.installedGeneration());
        assertTrue(link.interoperates());
    }

    @Test
    void rotationShorterThanASecondIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new LinkKeyExchange(LinkSide.HOLDER,
            new SessionKeys(StateMacAlgorithm.SIPHASH_128), PATH, SENDER_NODE, HOLDER_NODE,
            TimeUnit.MILLISECONDS.toNanos(999), new SecureRandom()));
    }

    private static HelloFields copy(final HelloFields from)
    {
        final HelloFields to = new HelloFields();
        to.nodeId = from.nodeId;
        to.neighbourId = from.neighbourId;
        to.pathId = from.pathId;
        to.sequence = from.sequence;
        to.timestampNs = from.timestampNs;
        to.echoTimestampNs = from.echoTimestampNs;
        to.echoHoldNs = from.echoHoldNs;
        to.linkFidelity = from.linkFidelity;
        to.latencyNs = from.latencyNs;
        to.installedGeneration = from.installedGeneration;
        return to.kem(from.kemKind, from.kemGeneration, from.kemBytes());
    }

    /** Both ends of one link, their Hellos carried in memory as copies. */
    private static final class Link
    {
        SessionKeys senderKeys;
        LinkKeyExchange sender;
        SessionKeys holderKeys;
        LinkKeyExchange holder;
        long nowNs = START_NS;
        private final HelloFields out = new HelloFields();
        private final UnsafeBuffer frame = new UnsafeBuffer(new byte[LogicalStateWriter.FRAME_LENGTH]);
        private final UnsafeBuffer mac = new UnsafeBuffer(new byte[StateMac.MAC_LENGTH]);

        Link(final StateMacAlgorithm algorithm)
        {
            senderKeys = new SessionKeys(algorithm);
            holderKeys = new SessionKeys(algorithm);
            sender = new LinkKeyExchange(LinkSide.SENDER, senderKeys, PATH, SENDER_NODE, HOLDER_NODE, ROTATION_NS,
                new SecureRandom());
            holder = new LinkKeyExchange(LinkSide.HOLDER, holderKeys, PATH, SENDER_NODE, HOLDER_NODE, ROTATION_NS,
                new SecureRandom());
            for (int i = 0; i < frame.capacity(); i++)
            {
                frame.putByte(i, (byte)(31 * i + 7));
            }
        }

        /** @return the holder's Hello as sent, delivered to the sender or lost. */
        HelloFields holderHello(final boolean delivered)
        {
            out.clear();
            holder.outgoing(nowNs, out);
            if (delivered)
            {
                sender.incoming(copy(out), nowNs);
            }
            return copy(out);
        }

        /** @return the sender's Hello as sent, delivered to the holder or lost. */
        HelloFields senderHello(final boolean delivered)
        {
            out.clear();
            sender.outgoing(nowNs, out);
            if (delivered)
            {
                holder.incoming(copy(out), nowNs);
            }
            return copy(out);
        }

        /** Offer, answer, acknowledgement. */
        void exchange()
        {
            holderHello(true);
            senderHello(true);
            holderHello(true);
        }

        void restartSender()
        {
            senderKeys = new SessionKeys(senderKeys.algorithm());
            sender = new LinkKeyExchange(LinkSide.SENDER, senderKeys, PATH, SENDER_NODE, HOLDER_NODE, ROTATION_NS,
                new SecureRandom());
        }

        /** The sender seals only with a generation the holder holds. */
        void checkHolderFirst()
        {
            final int newest = senderKeys.newestGeneration();
            if (newest != NO_GENERATION)
            {
                assertNotNull(holderKeys.mac(newest), "holder lacks generation " + newest);
            }
        }

        /** @return true if a state sealed with the sender's newest key opens at the holder, and a wrong epoch not. */
        boolean interoperates()
        {
            final int generation = senderKeys.newestGeneration();
            if (!senderKeys.isAdmitted() || !holderKeys.isAdmitted() || generation == NO_GENERATION)
            {
                return false;
            }
            final StateMac seal = senderKeys.mac(generation);
            final StateMac open = holderKeys.mac(generation);
            if (open == null)
            {
                return false;
            }
            seal.compute(frame, 0, frame.capacity(), 42, mac, 0);
            assertFalse(open.verify(frame, 0, frame.capacity(), 43, mac, 0));
            assertNull(holderKeys.mac(generation + 1000));
            return open.verify(frame, 0, frame.capacity(), 42, mac, 0);
        }
    }
}
