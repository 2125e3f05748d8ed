package io.qecnode.node.trust;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeighbourLinkTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long DEAD_NS = 500 * MS;
    /** Our wall clock at start; the neighbour's runs 7 s ahead of it, which must not show in the latency. */
    private static final long START_NS = 1_780_000_000L * 1_000_000_000L;
    private static final long NEIGHBOUR_OFFSET_NS = TimeUnit.SECONDS.toNanos(7);

    private final NeighbourLink link = new NeighbourLink(3, 4, 77, DEAD_NS, START_NS);
    private final HelloFields out = new HelloFields();
    private final HelloFields in = new HelloFields();

    @Test
    void deadBeforeTheFirstHelloAliveAfterItDeadOnceTheIntervalPasses()
    {
        assertFalse(link.alive(START_NS));
        assertFalse(link.becameDead(START_NS + 10 * DEAD_NS), "no edge without ever being alive");

        link.onAccepted(in, START_NS + 100 * MS);
        assertTrue(link.alive(START_NS + 100 * MS));
        assertTrue(link.alive(START_NS + 100 * MS + DEAD_NS - 1));
        assertFalse(link.becameDead(START_NS + 100 * MS + DEAD_NS - 1));
        assertFalse(link.alive(START_NS + 100 * MS + DEAD_NS));
        assertTrue(link.becameDead(START_NS + 100 * MS + DEAD_NS));
        assertFalse(link.becameDead(START_NS + 100 * MS + DEAD_NS + 1), "once per edge");

        link.onAccepted(in, START_NS + 2_000 * MS);
        assertTrue(link.alive(START_NS + 2_000 * MS));
        assertTrue(link.becameDead(START_NS + 3_000 * MS), "a second edge after coming back");
    }

    @Test
    void outgoingHellosCarryIdsIncreasingSequencesAndTheEcho()
    {
        link.fillOutgoing(out, START_NS + 10 * MS, 0.93);
        assertEquals(3, out.nodeId);
        assertEquals(4, out.neighbourId);
        assertEquals(77, out.pathId);
        assertEquals(START_NS, out.sequence, "sequences start at the wall clock");
        assertEquals(START_NS + 10 * MS, out.timestampNs);
        assertEquals(0.93, out.linkFidelity);
        assertEquals(0, out.echoTimestampNs, "nothing to echo yet");
        assertEquals(HelloFields.NO_LATENCY, out.latencyNs);

        in.timestampNs = START_NS + NEIGHBOUR_OFFSET_NS + 50 * MS;
        link.onAccepted(in, START_NS + 60 * MS);
        link.fillOutgoing(out, START_NS + 110 * MS, 0.93);
        assertEquals(START_NS + 1, out.sequence);
        assertEquals(in.timestampNs, out.echoTimestampNs);
        assertEquals(50 * MS, out.echoHoldNs);
        assertEquals(START_NS + 2, link.nextSequence());

        final NeighbourLink restarted = new NeighbourLink(3, 4, 77, DEAD_NS, START_NS + TimeUnit.SECONDS.toNanos(1));
        restarted.fillOutgoing(out, START_NS + TimeUnit.SECONDS.toNanos(1), 0.93);
        assertTrue(out.sequence > START_NS + 1, "a restart continues above the last sequence sent");
    }

    @Test
    void latencyIsHalfTheEchoedRoundTripLessTheHoldSmoothed()
    {
        // Round trip 20 ms (10 ms each way), the neighbour holds our Hello 30 ms before echoing it.
        long ourSend = START_NS;
        for (int i = 0; i < 3; i++)
        {
            link.fillOutgoing(out, ourSend, 1.0);
            in.timestampNs = ourSend + NEIGHBOUR_OFFSET_NS + 40 * MS;
            in.echoTimestampNs = out.timestampNs;
            in.echoHoldNs = 30 * MS;
            in.linkFidelity = 0.8;
            in.latencyNs = 11 * MS;
            link.onAccepted(in, ourSend + 50 * MS);
            assertEquals(10 * MS, link.latencyNs());
            ourSend += 100 * MS;
        }
        assertEquals(0.8, link.neighbourFidelity());
        assertEquals(11 * MS, link.neighbourLatencyNs());

        // One sample of 18 ms one way moves the estimate by an eighth of the difference.
        link.fillOutgoing(out, ourSend, 1.0);
        in.echoTimestampNs = out.timestampNs;
        link.onAccepted(in, ourSend + 30 * MS + 36 * MS);
        assertEquals(10 * MS + MS, link.latencyNs());

        link.fillOutgoing(out, ourSend + 100 * MS, 1.0);
        assertEquals(11 * MS, out.latencyNs);
    }

    @Test
    void anEchoFromTheFutureGivesNoSample()
    {
        in.echoTimestampNs = START_NS + 100 * MS;
        in.echoHoldNs = 0;
        link.onAccepted(in, START_NS);
        assertEquals(HelloFields.NO_LATENCY, link.latencyNs());
        assertTrue(link.alive(START_NS));
    }

    @Test
    void aDeadIntervalMustBePositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new NeighbourLink(3, 4, 77, 0, START_NS));
    }
}
