package io.qecnode.node.harness.attack;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.MessageBus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tap on a real Aeron UDP link: a publication sends to the tap's port, the subscription listens on another, and
 * the tap relays between them. Everything sent must arrive, in order and intact, through the tap (status messages
 * going back), and the tap must hold the same messages, small and fragmented, the newest K of them.
 */
class UdpTapTest
{
    private static final int STREAM_ID = 1201;
    private static final int MESSAGES = 300;
    private static final int SMALL = 88;
    private static final int FRAGMENTED = 5 * 1024;

    @ParameterizedTest(name = "keeping {0}")
    @ValueSource(ints = {1000, 64})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryMessageThroughTheTapAndCaptureTheSame(final int keep) throws Exception
    {
        final InetSocketAddress advertised = freeLocalPort();
        final InetSocketAddress bind = freeLocalPort();
        final List<byte[]> sent = messages();
        final List<byte[]> received = new ArrayList<>();
        try (UdpTap tap = UdpTap.start(advertised, bind, keep);
            MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
            Subscription subscription = bus.subscription(channel(bind), STREAM_ID);
            ExclusivePublication publication = bus.publication(channel(advertised), STREAM_ID))
        {
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final byte[] message = new byte[length];
                buffer.getBytes(offset, message);
                received.add(message);
            });
            while (!publication.isConnected())
            {
                subscription.poll(assembler, 16);
                Thread.yield();
            }
            for (final byte[] message : sent)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(message);
                long result;
                while ((result = publication.offer(buffer, 0, message.length)) < 0)
                {
                    assertTrue(result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION,
                        "offer failed: " + result);
                    subscription.poll(assembler, 16);
                }
            }
            while (received.size() < sent.size())
            {
                if (subscription.poll(assembler, 16) == 0)
                {
                    Thread.yield();
                }
            }

            for (int i = 0; i < sent.size(); i++)
            {
                assertArrayEquals(sent.get(i), received.get(i), "message " + i + " received");
            }
            final List<MessageCapture.Captured> captured = tap.captured(STREAM_ID);
            assertEquals(MESSAGES, tap.capturedCount(STREAM_ID));
            assertEquals(Math.min(keep, MESSAGES), captured.size());
            final int first = MESSAGES - captured.size();
            for (int i = 0; i < captured.size(); i++)
            {
                assertArrayEquals(sent.get(first + i), captured.get(i).message(), "message " + (first + i) +
                    " captured");
                assertEquals(STREAM_ID, captured.get(i).streamId());
                assertEquals(publication.sessionId(), captured.get(i).sessionId());
            }
            assertEquals(List.of(), tap.captured(STREAM_ID + 1));
            assertTrue(tap.datagramsTowardsNode() > MESSAGES / 5 * (FRAGMENTED / 1408),
                "too few datagrams counted: " + tap.datagramsTowardsNode());
            assertTrue(tap.datagramsTowardsSenders() > 0, "no status message went back");
        }
    }

    // Every fifth one fragmented (about four frames at Aeron's default MTU), each with its own content.
    private static List<byte[]> messages()
    {
        final SplittableRandom random = new SplittableRandom(13);
        final List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++)
        {
            final byte[] message = new byte[i % 5 == 0 ? FRAGMENTED : SMALL];
            random.nextBytes(message);
            messages.add(message);
        }
        return messages;
    }

    static String channel(final InetSocketAddress endpoint)
    {
        return "aeron:udp?endpoint=127.0.0.1:" + endpoint.getPort() + "|so-rcvbuf=2m|term-length=1m";
    }

    static InetSocketAddress freeLocalPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }
    }
}
