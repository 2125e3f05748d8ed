package io.qecnode.io;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Proves that Aeron, Agrona and Chronicle Queue start and move data on this JVM with the flags from the parent pom.
 * Each message is a sequence number followed by its bitwise complement, so a torn or misplaced payload is caught.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportStackTest
{
    private static final int MESSAGE_COUNT = 10_000;
    private static final int MESSAGE_LENGTH = 2 * SIZE_OF_LONG;
    private static final String CHANNEL = "aeron:ipc";
    private static final int STREAM_ID = 1001;
    private static final int FRAGMENT_LIMIT = 256;
    private static final int MAX_OFFER_ATTEMPTS = 100_000;
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void shouldDeliverEveryMessageInOrderOverAeronIpc()
    {
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .aeronDirectoryName(uniqueAeronDirectoryName());
        final SequenceRecorder recorder = new SequenceRecorder(MESSAGE_COUNT);
        final UnsafeBuffer sendBuffer = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);

        try (MediaDriver driver = MediaDriver.launchEmbedded(driverContext);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            Subscription subscription = aeron.addSubscription(CHANNEL, STREAM_ID);
            Publication publication = aeron.addPublication(CHANNEL, STREAM_ID))
        {
            awaitConnected(publication, subscription);
            for (long sequence = 0; sequence < MESSAGE_COUNT; sequence++)
            {
                sendBuffer.putLong(0, sequence);
                sendBuffer.putLong(SIZE_OF_LONG, ~sequence);
                offer(publication, subscription, recorder, sendBuffer);
            }

            final long deadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS;
            while (recorder.count() < MESSAGE_COUNT && deadlineNs - System.nanoTime() > 0)
            {
                if (subscription.poll(recorder, FRAGMENT_LIMIT) == 0)
                {
                    Thread.yield();
                }
            }
        }

        assertEquals(0, recorder.malformedCount(), "fragments with a wrong length or complement, or surplus ones");
        assertEquals(MESSAGE_COUNT, recorder.count());
        for (int i = 0; i < MESSAGE_COUNT; i++)
        {
            assertEquals(i, recorder.sequence(i), "sequence at position " + i);
        }
    }

    @Test
    void shouldReadBackEveryEntryAppendedToChronicleQueue(@TempDir final Path queueDir)
    {
        long readCount = 0;
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(queueDir).build();
            ExcerptAppender appender = queue.createAppender();
            ExcerptTailer tailer = queue.createTailer())
        {
            for (long sequence = 0; sequence < MESSAGE_COUNT; sequence++)
            {
                try (DocumentContext context = appender.writingDocument())
                {
                    context.wire().bytes().writeLong(sequence).writeLong(~sequence);
                }
            }

            boolean present = true;
            while (present)
            {
                try (DocumentContext context = tailer.readingDocument())
                {
                    present = context.isPresent();
                    if (present)
                    {
                        final Bytes<?> bytes = context.wire().bytes();
                        assertEquals(MESSAGE_LENGTH, bytes.readRemaining(), "length of entry " + readCount);
                        assertEquals(readCount, bytes.readLong());
                        assertEquals(~readCount, bytes.readLong());
                        readCount++;
                    }
                }
            }
        }

        assertEquals(MESSAGE_COUNT, readCount);
    }

    private static String uniqueAeronDirectoryName()
    {
        // A RAM disk keeps the driver's mapped files off the real disk; the UUID keeps parallel runs apart.
        final Path shm = Path.of("/dev/shm");
        final Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("qec-node-transport-test-" + UUID.randomUUID()).toString();
    }

    private static void awaitConnected(final Publication publication, final Subscription subscription)
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!publication.isConnected() || !subscription.isConnected())
        {
            if (deadlineNs - System.nanoTime() <= 0)
            {
                fail("not connected within " + CONNECT_TIMEOUT_NS + " ns: channel=" + CHANNEL + ", streamId=" +
                    STREAM_ID);
            }
            Thread.yield();
        }
    }

    private static void offer(
        final Publication publication,
        final Subscription subscription,
        final FragmentHandler handler,
        final DirectBuffer buffer)
    {
        int attempts = 0;
        long result;
        while ((result = publication.offer(buffer, 0, MESSAGE_LENGTH)) < 0)
        {
            assertTrue(result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION,
                "offer failed: result=" + result);
            assertTrue(++attempts < MAX_OFFER_ATTEMPTS, "still back pressured after attempts=" + attempts);
            // Publisher and subscriber share this thread, so draining here is what relieves the back pressure.
            subscription.poll(handler, FRAGMENT_LIMIT);
        }
    }

    private static final class SequenceRecorder implements FragmentHandler
    {
        private final long[] sequences;
        private int count;
        private int malformedCount;

        SequenceRecorder(final int capacity)
        {
            sequences = new long[capacity];
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final boolean wellFormed = length == MESSAGE_LENGTH && count < sequences.length &&
                buffer.getLong(offset + SIZE_OF_LONG) == ~buffer.getLong(offset);
            if (wellFormed)
            {
                sequences[count++] = buffer.getLong(offset);
            }
            else
            {
                malformedCount++;
            }
        }

        int count()
        {
            return count;
        }

        int malformedCount()
        {
            return malformedCount;
        }

        long sequence(final int index)
        {
            return sequences[index];
        }
    }
}
