package io.qecnode.node.trust;

import io.qecnode.node.pipeline.NodeCounters;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.qecnode.node.trust.HelloCodecTest.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@link HelloCheck} from a real, crafted Hello. This node is 2 on path 7, between 1 and 3; 4 is a neighbour
 * the operator has not admitted; 9 is no one's neighbour.
 */
class HelloVerifierTest
{
    private static final int ME = 2;
    private static final long NOW = 1_765_000_000_000_000_000L;
    private static final int BUDGET = 3;
    private static final int NEIGHBOUR_IMAGE = 100;
    private static final int ATTACKER_IMAGE = 666;
    private static final NodeIdentity LEFT = NodeIdentity.generate(1);
    private static final NodeIdentity RIGHT = NodeIdentity.generate(3);
    private static final NodeIdentity NOT_ADMITTED = NodeIdentity.generate(4);
    private static final NodeIdentity IMPOSTOR = NodeIdentity.generate(1);

    @TempDir
    Path store;

    private final HelloCodec codec = new HelloCodec();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[HelloCodec.MAX_LENGTH]);
    private final HelloFields out = new HelloFields();
    private final List<String> reports = new ArrayList<>();
    private final HelloCounters counters = HelloCounters.allocate(NodeCounters.inMemoryManager(), "2");
    private HelloVerifier verifier;
    private int length;

    @BeforeEach
    void admitLeftAndRight()
    {
        LEFT.write(store);
        RIGHT.write(store);
        verifier = new HelloVerifier(ME, 7, new int[]{1, 3, 4}, HelloVerifier.DEFAULT_FRESHNESS_NS, BUDGET,
            counters, reports::add, () -> NOW);
        verifier.trustStore(TrustStore.load(store));
    }

    @Test
    void acceptsHellosFromAdmittedNeighboursAndTheirFields()
    {
        final HelloFields sent = hello(1, ME, 10, NOW - 3_000_000L).kem(HelloFields.KEM_ANSWER, 2, new byte[1088]);
        sign(sent, LEFT);
        assertEquals(HelloCheck.ACCEPTED, check(NEIGHBOUR_IMAGE, NOW));
        HelloCodecTest.assertSameFields(sent, out);
        sign(hello(3, ME, 1, NOW + 1_000_000L), RIGHT);
        assertEquals(HelloCheck.ACCEPTED, verifier.check(frame, 0, length, 101, out), "at the clock's now");
        sign(hello(1, ME, 11, NOW), LEFT);
        assertEquals(HelloCheck.ACCEPTED, check(NEIGHBOUR_IMAGE, NOW));
        assertEquals(3, counters.count(HelloCheck.ACCEPTED));
        assertEquals(List.of(), reports);
    }

    @Test
    void refusesMalformedFrames()
    {
        sign(hello(1, ME, 10, NOW), LEFT);
        assertEquals(HelloCheck.MALFORMED, verifier.check(frame, 0, length - 1, NEIGHBOUR_IMAGE, NOW, out),
            "truncated");
        frame.putShort(2, (short)2);
        assertEquals(HelloCheck.MALFORMED, check(NEIGHBOUR_IMAGE, NOW), "a LogicalState's template");
        final UnsafeBuffer garbage = new UnsafeBuffer(new byte[500]);
        garbage.setMemory(0, 500, (byte)0x5A);
        assertEquals(HelloCheck.MALFORMED, verifier.check(garbage, 0, 500, ATTACKER_IMAGE, NOW, out), "garbage");
        assertEquals(3, counters.count(HelloCheck.MALFORMED));
        assertEquals(List.of("hello refused, malformed: " + (length - 1) + " bytes, image session 100 (first of " +
            "its kind; later ones only counted)"), reports);
    }

    @Test
    void refusesHellosForAnotherLink()
    {
        sign(hello(1, 5, 10, NOW), LEFT);
        assertEquals(HelloCheck.WRONG_LINK, check(NEIGHBOUR_IMAGE, NOW), "addressed to node 5");
        final HelloFields otherPath = hello(1, ME, 11, NOW);
        otherPath.pathId = 8;
        sign(otherPath, LEFT);
        assertEquals(HelloCheck.WRONG_LINK, check(NEIGHBOUR_IMAGE, NOW), "path 8");
        sign(hello(9, ME, 12, NOW), NodeIdentity.generate(9));
        assertEquals(HelloCheck.WRONG_LINK, check(ATTACKER_IMAGE, NOW), "node 9 is not a neighbour");
        assertEquals(3, counters.count(HelloCheck.WRONG_LINK));
        assertEquals(1, reports.size(), reports.toString());
    }

    @Test
    void refusesANeighbourWhoseKeyIsNotAdmitted()
    {
        sign(hello(4, ME, 10, NOW), NOT_ADMITTED);
        assertEquals(HelloCheck.UNKNOWN_KEY, check(ATTACKER_IMAGE, NOW));
        assertEquals(List.of("hello refused, unknown key: claimed node 4, sequence 10, timestamp age 0.000 s, " +
            "image session 666 (first of its kind; later ones only counted)"), reports);
    }

    @Test
    void admitsNoOneBeforeItIsGivenATrustStore()
    {
        final HelloVerifier fresh = new HelloVerifier(ME, 7, new int[]{1}, HelloVerifier.DEFAULT_FRESHNESS_NS, 1,
            counters, reports::add, () -> NOW);
        sign(hello(1, ME, 10, NOW), LEFT);
        assertEquals(HelloCheck.UNKNOWN_KEY, fresh.check(frame, 0, length, NEIGHBOUR_IMAGE, out));
        fresh.trustStore(TrustStore.load(store));
        assertEquals(HelloCheck.ACCEPTED, fresh.check(frame, 0, length, NEIGHBOUR_IMAGE, out));
    }

    @Test
    void cutsOffANodeRemovedFromTheTrustStore() throws Exception
    {
        sign(hello(1, ME, 10, NOW), LEFT);
        assertEquals(HelloCheck.ACCEPTED, check(NEIGHBOUR_IMAGE, NOW));

        Files.delete(NodeIdentity.publicKeyFile(store, 1));
        verifier.trustStore(TrustStore.load(store));

        sign(hello(1, ME, 11, NOW), LEFT);
        assertEquals(HelloCheck.UNKNOWN_KEY, check(NEIGHBOUR_IMAGE, NOW));
        sign(hello(3, ME, 1, NOW), RIGHT);
        assertEquals(HelloCheck.ACCEPTED, check(101, NOW), "the other neighbour is still admitted");
    }

    @Test
    void refusesStaleHellosBothWays()
    {
        sign(hello(1, ME, 10, NOW - 5_000_000_001L), LEFT);
        assertEquals(HelloCheck.STALE, check(NEIGHBOUR_IMAGE, NOW), "sent more than 5 s ago");
        sign(hello(1, ME, 11, NOW + 6_000_000_000L), LEFT);
        assertEquals(HelloCheck.STALE, check(NEIGHBOUR_IMAGE, NOW), "from 6 s in the future");
        sign(hello(1, ME, 12, NOW - 4_900_000_000L), LEFT);
        assertEquals(HelloCheck.ACCEPTED, check(NEIGHBOUR_IMAGE, NOW), "within the window");
        sign(hello(1, ME, 13, NOW - Long.MIN_VALUE), LEFT);
        assertEquals(HelloCheck.STALE, check(NEIGHBOUR_IMAGE, NOW), "2^63 ns off, an age that overflows");
        sign(hello(1, ME, 14, Long.MIN_VALUE), LEFT);
        assertEquals(HelloCheck.STALE, check(NEIGHBOUR_IMAGE, NOW), "the earliest timestamp");
        assertEquals(4, counters.count(HelloCheck.STALE));
        assertEquals(List.of("hello refused, stale: claimed node 1, sequence 10, timestamp age 5.000 s, image " +
            "session 100 (first of its kind; later ones only counted)"), reports);
    }

    @Test
    void refusesTheSameBytesTwiceAndOlderSequences()
    {
        sign(hello(1, ME, 10, NOW), LEFT);
        assertEquals(HelloCheck.ACCEPTED, check(NEIGHBOUR_IMAGE, NOW));
        assertEquals(HelloCheck.REPLAYED, check(ATTACKER_IMAGE, NOW + 1_000_000L), "the same bytes again");
        sign(hello(1, ME, 9, NOW), LEFT);
        assertEquals(HelloCheck.REPLAYED, check(NEIGHBOUR_IMAGE, NOW), "an older sequence, properly signed");
        sign(hello(3, ME, 10, NOW), RIGHT);
        assertEquals(HelloCheck.ACCEPTED, check(101, NOW), "sequences are per sender");
        assertEquals(2, counters.count(HelloCheck.REPLAYED));
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).startsWith("hello refused, replayed: claimed node 1, sequence 10,"), reports.get(0));
    }

    @Test
    void refusesForgedSignaturesOnceReportedAndDoesNotLetThemMoveTheSequence()
    {
        sign(hello(1, ME, 10, NOW), LEFT);
        final int signatureByte = length - 100;
        frame.putByte(signatureByte, (byte)(frame.getByte(signatureByte) ^ 1));
        assertEquals(HelloCheck.BAD_SIGNATURE, check(ATTACKER_IMAGE, NOW), "a flipped signature byte");
        sign(hello(1, ME, 1_000_000, NOW), IMPOSTOR);
        assertEquals(HelloCheck.BAD_SIGNATURE, check(ATTACKER_IMAGE, NOW), "node 1's id, another key");

        sign(hello(1, ME, 11, NOW), LEFT);
        assertEquals(HelloCheck.ACCEPTED, check(NEIGHBOUR_IMAGE, NOW), "the forged sequence 1000000 was not taken");
        assertEquals(2, counters.count(HelloCheck.BAD_SIGNATURE));
        assertEquals(List.of("hello refused, bad signature: claimed node 1, sequence 10, timestamp age 0.000 s, " +
            "image session 666 (first of its kind; later ones only counted)"), reports);
    }

    @Test
    void throttlesAFloodingImageWhileTheNeighboursImageStillVerifies()
    {
        for (int i = 0; i < BUDGET; i++)
        {
            sign(hello(1, ME, 1000 + i, NOW), IMPOSTOR);
            assertEquals(HelloCheck.BAD_SIGNATURE, check(ATTACKER_IMAGE, NOW + i), "forgery " + i);
        }
        for (int i = 0; i < 5; i++)
        {
            sign(hello(1, ME, 2000 + i, NOW), IMPOSTOR);
            assertEquals(HelloCheck.THROTTLED, check(ATTACKER_IMAGE, NOW + 500_000_000L), "past the budget " + i);
        }
        sign(hello(1, ME, 10, NOW), LEFT);
        assertEquals(HelloCheck.ACCEPTED, check(NEIGHBOUR_IMAGE, NOW + 500_000_000L), "the neighbour's own image");

        sign(hello(1, ME, 3000, NOW), IMPOSTOR);
        assertEquals(HelloCheck.BAD_SIGNATURE, check(ATTACKER_IMAGE, NOW + 1_000_000_000L), "a new second");
        assertEquals(5, counters.count(HelloCheck.THROTTLED));
        assertEquals(BUDGET + 1, counters.count(HelloCheck.BAD_SIGNATURE));
        assertEquals(2, reports.size(), reports.toString());
        assertTrue(reports.get(1).startsWith("hello refused, throttled: claimed node 1, sequence 2000,"),
            reports.get(1));
    }

    @Test
    void imagesPastTheBoundShareOneBudget()
    {
        verifier = new HelloVerifier(ME, 7, new int[]{1}, HelloVerifier.DEFAULT_FRESHNESS_NS, 1,
            counters, reports::add, () -> NOW);
        verifier.trustStore(TrustStore.load(store));
        sign(hello(1, ME, 1000, NOW), IMPOSTOR);
        for (int image = 0; image < HelloVerifier.MAX_IMAGES; image++)
        {
            assertEquals(HelloCheck.BAD_SIGNATURE, check(image, NOW), "image " + image + " has its own budget");
        }
        assertEquals(HelloCheck.BAD_SIGNATURE, check(HelloVerifier.MAX_IMAGES, NOW), "the first past the bound");
        assertEquals(HelloCheck.THROTTLED, check(HelloVerifier.MAX_IMAGES + 1, NOW), "the shared budget is spent");

        assertEquals(HelloCheck.BAD_SIGNATURE, check(HelloVerifier.MAX_IMAGES + 2, NOW + 1_000_000_000L),
            "a second later the quiet images' budgets are dropped: a new image has its own again");
        assertEquals(HelloCheck.THROTTLED, check(HelloVerifier.MAX_IMAGES + 2, NOW + 1_000_000_000L));
        sign(hello(1, ME, 10, NOW), LEFT);
        assertEquals(HelloCheck.ACCEPTED, check(HelloVerifier.MAX_IMAGES + 3, NOW + 1_000_000_000L));
    }

    private void sign(final HelloFields fields, final NodeIdentity signer)
    {
        length = codec.encode(fields, frame, 0, signer.privateKey());
    }

    private HelloCheck check(final int image, final long nowNs)
    {
        return verifier.check(frame, 0, length, image, nowNs, out);
    }
}
