package io.qecnode.io.transport;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramePublisherTest
{
    private static final int FRAME_LENGTH = 48;
    private final BusFixture fixture = new BusFixture();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aeron:ipc", "aeron:udp?endpoint=localhost:24325"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldDeliverAMillionFramesCompleteAndInOrder(final String channel) throws Exception
    {
        final int frames = 1_000_000;
        try (MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
            Subscription subscription = bus.subscription(channel, 1001);
            ExclusivePublication publication = bus.publication(channel, 1001))
        {
            final SequenceCheck check = new SequenceCheck();
            final FrameSubscriber subscriber = new FrameSubscriber(subscription, check);
            final AtomicCounter notSent = fixture.counter("not sent");
            final FramePublisher publisher = new FramePublisher(publication, new YieldingIdleStrategy(), 1_000_000,
                fixture.counter("sent"), fixture.counter("back pressured"), notSent);
            BusFixture.awaitConnected(publisher);

            final Thread reader = new Thread(() ->
            {
                while (check.received < frames && !check.broken)
                {
                    if (subscriber.poll(256) == 0)
                    {
                        Thread.yield();
                    }
                }
            });
            reader.start();
            final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(FRAME_LENGTH));
            for (long sequence = 0; sequence < frames; sequence++)
            {
                frame.putLong(0, sequence);
                frame.putLong(FRAME_LENGTH - 8, ~sequence);
                assertTrue(publisher.send(frame, 0, FRAME_LENGTH), "frame " + sequence + " not sent");
            }
            reader.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(check.broken, "frame out of order or damaged at " + check.received);
            assertEquals(frames, check.received);
            assertEquals(0, notSent.get());
        }
    }

    @Test
    @Timeout(30)
    void shouldCountFramesThatNobodyReceivesInsteadOfSpinning()
    {
        try (MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
            ExclusivePublication publication = bus.publication("aeron:ipc", 1002))
        {
            final AtomicCounter notSent = fixture.counter("not sent");
            final AtomicCounter sent = fixture.counter("sent");
            final FramePublisher publisher = new FramePublisher(publication, new NoOpIdleStrategy(), 10, sent,
                fixture.counter("back pressured"), notSent);
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_LENGTH]);
            assertFalse(publisher.send(frame, 0, FRAME_LENGTH));
            assertEquals(1, notSent.get());
            assertEquals(0, sent.get());
        }
    }

    @Test
    @Timeout(60)
    void shouldGiveUpAfterBoundedRetriesWhenTheReaderStopsReading()
    {
        try (MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
            Subscription subscription = bus.subscription("aeron:ipc?term-length=64k", 1003);
            ExclusivePublication publication = bus.publication("aeron:ipc?term-length=64k", 1003))
        {
            final AtomicCounter notSent = fixture.counter("not sent");
            final AtomicCounter backPressured = fixture.counter("back pressured");
            final FramePublisher publisher = new FramePublisher(publication, new NoOpIdleStrategy(), 5,
                fixture.counter("sent"), backPressured, notSent);
            BusFixture.awaitConnected(publisher);
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_LENGTH]);
            int refused = 0;
            for (int i = 0; i < 100_000 && refused == 0; i++)
            {
                refused += publisher.send(frame, 0, FRAME_LENGTH) ? 0 : 1;
            }
            assertEquals(1, refused, "a reader that never polls must eventually back-pressure the publisher");
            assertEquals(1, notSent.get());
            assertEquals(5, backPressured.get(), "exactly the configured tries, then give up");

            // The reader returns: once it has caught up and the driver has moved the limit, sending works again.
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean resumed = false;
            while (!resumed && System.nanoTime() < deadline)
            {
                subscription.poll((buffer, offset, length, header) -> { }, 1000);
                resumed = publisher.send(frame, 0, FRAME_LENGTH);
            }
            assertTrue(resumed, "publisher never recovered after the reader returned");
        }
    }

    @Test
    @Timeout(60)
    void shouldSendAndReceiveWithoutAllocating()
    {
        try (MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
            Subscription subscription = bus.subscription("aeron:ipc", 1004);
            ExclusivePublication publication = bus.publication("aeron:ipc", 1004))
        {
            final SequenceCheck check = new SequenceCheck();
            final FrameSubscriber subscriber = new FrameSubscriber(subscription, check);
            final FramePublisher publisher = new FramePublisher(publication, new NoOpIdleStrategy(), 100,
                fixture.counter("sent"), fixture.counter("back pressured"), fixture.counter("not sent"));
            BusFixture.awaitConnected(publisher);
            final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(FRAME_LENGTH));
            final AtomicLong sequence = new AtomicLong();
            final Runnable exchange = () ->
            {
                for (int i = 0; i < 100_000; i++)
                {
                    final long s = sequence.getAndIncrement();
                    frame.putLong(0, s);
                    frame.putLong(FRAME_LENGTH - 8, ~s);
                    publisher.send(frame, 0, FRAME_LENGTH);
                    while (subscriber.poll(10) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            };
            exchange.run();
            // A real per-frame allocation shows in every window (100,000 frames, megabytes); a one-off while the JIT
            // settles shows in one. So the best of three windows must be exactly zero.
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < 3 && allocated != 0; window++)
            {
                allocated = Math.min(allocated, allocatedBy(exchange));
            }
            assertFalse(check.broken);
            assertEquals(0, allocated, "bytes allocated sending and receiving 100,000 frames");
        }
    }

    private static long allocatedBy(final Runnable section)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long overhead = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++)
        {
            final long first = threads.getCurrentThreadAllocatedBytes();
            overhead = Math.min(overhead, threads.getCurrentThreadAllocatedBytes() - first);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        section.run();
        return threads.getCurrentThreadAllocatedBytes() - before - overhead;
    }

    /** Checks frames carry consecutive sequence numbers and their complement. */
    private static final class SequenceCheck implements FrameHandler
    {
        volatile long received;
        volatile boolean broken;

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            final long sequence = buffer.getLong(offset);
            if (length != FRAME_LENGTH || sequence != received || buffer.getLong(offset + length - 8) != ~sequence)
            {
                broken = true;
            }
            received = received + 1;
        }
    }
}
