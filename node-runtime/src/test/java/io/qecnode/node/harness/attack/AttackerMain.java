package io.qecnode.node.harness.attack;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.driver.status.SenderPos;
import io.aeron.status.ReadableCounter;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.cli.Durations;
import io.qecnode.node.trust.HelloCheck;
import io.qecnode.node.trust.HelloCodec;
import io.qecnode.node.trust.HelloFields;
import io.qecnode.node.trust.NodeIdentity;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * An attacker as its own process: publishes to a node's endpoint with its own Aeron publication, on its own embedded
 * media driver (its directory removed on every exit), as fast as the publication takes, for a duration; then prints
 * {@code attacker: <mode> sent N} (N offers accepted) and exits 0. Bad arguments: one line, exit 2; a capture file
 * that cannot be read or a driver that cannot start: one line, exit 1.
 * <pre>
 * AttackerMain --target HOST:PORT --stream ID --duration 2s --mode MODE [--capture FILE]
 *              [--source N] [--destination N] [--path P] [--first-epoch E] [--seed S]
 * </pre>
 * Modes: {@code unsealed} (valid 88-byte v2 states, fresh epochs), {@code forged} (the same plus a 20-byte seal: the
 * generation of the last captured sealed state and a random MAC), {@code replay} and {@code hello-replay} (the captured
 * messages resent as they are, in turn), {@code stranger} (states from a source the target does not admit, sealed
 * with random bytes), {@code hello-forged} (the first captured Hello, each time with a fresh sequence and timestamp,
 * signed by a key of the attacker's own). The capture file holds messages as {@link #writeCapture} writes them; source, destination and
 * path default to those of the first captured state, the first epoch to one past the newest captured.
 */
public final class AttackerMain
{
    /** Bytes of a state's seal: int32 generation, little-endian, then a 16-byte MAC. */
    public static final int SEAL_LENGTH = 4 + 16;
    /** Bytes of a sealed state on the wire. */
    public static final int SEALED_LENGTH = LogicalStateWriter.FRAME_LENGTH + SEAL_LENGTH;
    static final String USAGE = "usage: AttackerMain --target HOST:PORT --stream ID --duration D --mode MODE " +
        "[--capture FILE] [--source N] [--destination N] [--path P] [--first-epoch E] [--seed S]";
    // The QHello's sequence and timestamp: the first two fields after the 8-byte message header.
    private static final int HELLO_SEQUENCE_OFFSET = 8;
    private static final int HELLO_TIMESTAMP_OFFSET = 16;

    static final Set<String> MODES = Set.of("unsealed", "forged", "replay", "stranger", "hello-replay",
        "hello-forged");
    private static final Set<String> OPTIONS = Set.of("--target", "--stream", "--duration", "--mode", "--capture",
        "--source", "--destination", "--path", "--first-epoch", "--seed");
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long LINGER_MS = 200;

    private AttackerMain()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        final Attack attack;
        try
        {
            attack = Attack.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("attacker: " + ex.getMessage());
            System.exit(2);
            return;
        }
        try
        {
            final long sent = attack.run();
            System.out.println("attacker: " + attack.mode + " sent " + sent);
            System.exit(0);
        }
        catch (final AttackFailure ex)
        {
            System.err.println("attacker: " + ex.getMessage());
            System.exit(1);
        }
    }

    /**
     * Write messages as the attacker reads them: each an int32 length (big-endian) then its bytes.
     *
     * @param file     the capture file.
     * @param messages the messages, in the order to send them.
     * @throws IOException if it cannot be written.
     */
    public static void writeCapture(final Path file, final List<byte[]> messages) throws IOException
    {
        try (OutputStream out = Files.newOutputStream(file); DataOutputStream data = new DataOutputStream(out))
        {
            for (final byte[] message : messages)
            {
                data.writeInt(message.length);
                data.write(message);
            }
        }
    }

    static List<byte[]> readCapture(final Path file) throws IOException
    {
        final List<byte[]> messages = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in))
        {
            while (true)
            {
                final int length;
                try
                {
                    length = data.readInt();
                }
                catch (final EOFException end)
                {
                    return messages;
                }
                if (length < 0 || length > 1 << 20)
                {
                    throw new IOException("a message of " + length + " bytes");
                }
                final byte[] message = new byte[length];
                data.readFully(message);
                messages.add(message);
            }
        }
    }

    private static final class AttackFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        AttackFailure(final String message)
        {
            super(message);
        }
    }

    // What to send, checked; then sending it.
    private static final class Attack
    {
        String target;
        int streamId;
        long durationNs;
        String mode;
        Path captureFile;
        List<byte[]> captured = List.of();
        Long source;
        Long destination;
        Long pathId;
        Long firstEpoch;
        long seed = System.nanoTime();

        static Attack parse(final String[] args)
        {
            final Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.length; i += 2)
            {
                if (!OPTIONS.contains(args[i]))
                {
                    throw new IllegalArgumentException("unknown option, " + args[i] + " (" + USAGE + ")");
                }
                if (i + 1 == args.length)
                {
                    throw new IllegalArgumentException("a value is missing, " + args[i]);
                }
                if (given.put(args[i], args[i + 1]) != null)
                {
                    throw new IllegalArgumentException("given twice, " + args[i] + "=" + args[i + 1]);
                }
            }
            final Attack attack = new Attack();
            attack.target = required(given, "--target");
            if (!attack.target.matches("[A-Za-z0-9._-]+:\\d{1,5}"))
            {
                throw new IllegalArgumentException("not HOST:PORT, --target=" + attack.target);
            }
            attack.streamId = (int)number(given, "--stream", Integer.MIN_VALUE, Integer.MAX_VALUE);
            final String duration = required(given, "--duration");
            try
            {
                attack.durationNs = Durations.nanos(duration);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(ex.getMessage() + ", --duration=" + duration);
            }
            attack.mode = required(given, "--mode");
            if (!MODES.contains(attack.mode))
            {
                throw new IllegalArgumentException("unknown mode (known: " + String.join(", ", MODES.stream()
                    .sorted().toList()) + "), --mode=" + attack.mode);
            }
            final String capture = given.get("--capture");
            final boolean needsCapture = !"unsealed".equals(attack.mode) && !"stranger".equals(attack.mode);
            if (capture == null && needsCapture)
            {
                throw new IllegalArgumentException("mode " + attack.mode + " sends what was captured: give it, " +
                    "--capture");
            }
            attack.captureFile = capture == null ? null : Path.of(capture);
            attack.source = given.containsKey("--source") ? number(given, "--source", 0, 0xFFFF_FFFEL) : null;
            attack.destination = given.containsKey("--destination") ?
                number(given, "--destination", 0, 0xFFFF_FFFEL) : null;
            attack.pathId = given.containsKey("--path") ? number(given, "--path", 0, 0xFFFF_FFFEL) : null;
            attack.firstEpoch = given.containsKey("--first-epoch") ?
                number(given, "--first-epoch", 0, Long.MAX_VALUE) : null;
            if (given.containsKey("--seed"))
            {
                attack.seed = number(given, "--seed", Long.MIN_VALUE, Long.MAX_VALUE);
            }
            if ("stranger".equals(attack.mode) && attack.source == null)
            {
                throw new IllegalArgumentException("mode stranger claims a source the target does not admit: " +
                    "give it, --source");
            }
            return attack;
        }

        private static String required(final Map<String, String> given, final String option)
        {
            final String value = given.get(option);
            if (value == null)
            {
                throw new IllegalArgumentException("missing, " + option + " (" + USAGE + ")");
            }
            return value;
        }

        private static long number(final Map<String, String> given, final String option, final long min,
            final long max)
        {
            final String text = required(given, option);
            final long value;
            try
            {
                value = Long.parseLong(text.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("not a whole number, " + option + "=" + text);
            }
            if (value < min || value > max)
            {
                throw new IllegalArgumentException("must be in [" + min + ", " + max + "], " + option + "=" + text);
            }
            return value;
        }

        long run()
        {
            if (captureFile != null)
            {
                try
                {
                    captured = readCapture(captureFile);
                }
                catch (final IOException ex)
                {
                    throw new AttackFailure("cannot read the capture (" + ex + "), file=" + captureFile);
                }
                if (captured.isEmpty() && !"stranger".equals(mode) && !"unsealed".equals(mode))
                {
                    throw new AttackFailure("nothing captured to send, file=" + captureFile);
                }
            }
            final Messages frames = new Messages(this);
            final AtomicBoolean stop = new AtomicBoolean();
            final CountDownLatch done = new CountDownLatch(1);
            final Thread hook = new Thread(() ->
            {
                // SIGTERM: stop sending, and let the main thread close the driver and remove its directory.
                stop.set(true);
                try
                {
                    done.await(DRAIN_TIMEOUT_NS + TimeUnit.SECONDS.toNanos(2), TimeUnit.NANOSECONDS);
                }
                catch (final InterruptedException ignore)
                {
                    Thread.currentThread().interrupt();
                }
            }, "attacker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            final String channel = "aeron:udp?endpoint=" + target + "|term-length=16m";
            try (MessageBus bus = MessageBus.launch(new BusContext().plan(channel, 1), Throwable::printStackTrace);
                ExclusivePublication publication = bus.publication(channel, streamId))
            {
                return send(bus, publication, frames, stop);
            }
            catch (final RuntimeException ex)
            {
                if (ex instanceof AttackFailure)
                {
                    throw ex;
                }
                throw new AttackFailure("cannot publish (" + ex + "), --target=" + target);
            }
            finally
            {
                done.countDown();
            }
        }

        private long send(final MessageBus bus, final ExclusivePublication publication, final Messages frames,
            final AtomicBoolean stop)
        {
            final long connectDeadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
            while (!publication.isConnected() && !stop.get() && System.nanoTime() < connectDeadlineNs)
            {
                LockSupport.parkNanos(1_000_000);
            }
            long sent = 0;
            long backPressured = 0;
            long notConnected = 0;
            final long startNs = System.nanoTime();
            while (!stop.get() && System.nanoTime() - startNs < durationNs)
            {
                final int length = frames.next();
                final long result = publication.offer(frames.buffer, 0, length);
                if (result > 0)
                {
                    sent++;
                    frames.accepted();
                }
                else if (result == Publication.NOT_CONNECTED)
                {
                    notConnected++;
                }
                else if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
                {
                    backPressured++;
                }
                else
                {
                    break;
                }
            }
            drain(bus, publication, stop);
            System.err.printf(Locale.ROOT, "attacker: %s to %s stream %d: sent %d, back-pressured %d, not connected " +
                "%d%n", mode, target, streamId, sent, backPressured, notConnected);
            return sent;
        }

        // What was accepted must leave before the driver closes: wait for the sender to reach the publication's
        // position, then a moment for repairs the receiver may still ask for.
        private static void drain(final MessageBus bus, final ExclusivePublication publication,
            final AtomicBoolean stop)
        {
            final ReadableCounter senderPosition = senderPosition(bus, publication);
            final long deadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS;
            while (senderPosition != null && publication.isConnected() && !stop.get() &&
                senderPosition.get() < publication.position() && System.nanoTime() < deadlineNs)
            {
                LockSupport.parkNanos(1_000_000);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(LINGER_MS));
        }

        private static ReadableCounter senderPosition(final MessageBus bus, final ExclusivePublication publication)
        {
            final ReadableCounter[] found = new ReadableCounter[1];
            final var counters = bus.aeron().countersReader();
            counters.forEach((counterId, typeId, key, label) ->
            {
                if (typeId == SenderPos.SENDER_POSITION_TYPE_ID &&
                    counters.getCounterRegistrationId(counterId) == publication.registrationId())
                {
                    found[0] = new ReadableCounter(counters, counterId);
                }
            });
            return found[0];
        }
    }

    // The messages of a mode, one after another, in one reused buffer.
    private static final class Messages
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 20]);
        private final String mode;
        private final List<byte[]> captured;
        private final LogicalStateWriter writer = new LogicalStateWriter();
        private final SplittableRandom random;
        private final byte[] mac = new byte[16];
        private final long source;
        private final long destination;
        private final long pathId;
        private final int generation;
        private long epoch;
        private int next;
        private final int forgedHelloLength;
        private final Path captureFile;

        Messages(final Attack attack)
        {
            mode = attack.mode;
            captured = attack.captured;
            captureFile = attack.captureFile;
            random = new SplittableRandom(attack.seed);
            final LogicalStateView view = new LogicalStateView();
            long newestEpoch = -1;
            long capturedSource = 0;
            long capturedDestination = 1;
            long capturedPath = 0;
            int capturedGeneration = random.nextInt();
            boolean first = true;
            for (final byte[] message : captured)
            {
                if (message.length < LogicalStateWriter.FRAME_LENGTH ||
                    !view.wrapAndVerify(new UnsafeBuffer(message), 0, LogicalStateWriter.FRAME_LENGTH) ||
                    !view.hasChainFields())
                {
                    continue;
                }
                newestEpoch = Math.max(newestEpoch, view.epoch());
                if (first)
                {
                    first = false;
                    capturedSource = view.sourceNode();
                    capturedDestination = view.destinationNode();
                    capturedPath = view.pathId();
                }
                // The newest key seen: a forgery under it is refused for its MAC, not for an old key.
                if (message.length >= SEALED_LENGTH)
                {
                    capturedGeneration = new UnsafeBuffer(message)
                        .getInt(LogicalStateWriter.FRAME_LENGTH, ByteOrder.LITTLE_ENDIAN);
                }
            }
            if ("forged".equals(mode) && first)
            {
                throw new AttackFailure("no state captured to take a generation from, file=" + attack.captureFile);
            }
            source = attack.source != null ? attack.source : capturedSource;
            destination = attack.destination != null ? attack.destination : capturedDestination;
            pathId = attack.pathId != null ? attack.pathId : capturedPath;
            generation = capturedGeneration;
            epoch = attack.firstEpoch != null ? attack.firstEpoch : newestEpoch + 1;
            // Signed once, before the clock starts (a cold ML-DSA key pair and signature take about a second here).
            forgedHelloLength = "hello-forged".equals(mode) ? signForgedHello() : 0;
        }

        private int signForgedHello()
        {
            final HelloFields fields = new HelloFields();
            final HelloCodec codec = new HelloCodec();
            final byte[] first = captured.get(0);
            if (codec.decode(new UnsafeBuffer(first), 0, first.length, fields) != HelloCheck.ACCEPTED)
            {
                throw new AttackFailure("the first capture is no Hello, file=" + captureFile);
            }
            return codec.encode(fields, buffer, 0, NodeIdentity.generate(fields.nodeId).privateKey());
        }

        // The next message's length, written at the buffer's start.
        int next()
        {
            switch (mode)
            {
                case "replay":
                case "hello-replay":
                    final byte[] message = captured.get(next);
                    buffer.putBytes(0, message);
                    return message.length;
                case "unsealed":
                    return state();
                case "hello-forged":
                    return forgedHello();
                default:
                    final int length = state();
                    buffer.putInt(length, generation, ByteOrder.LITTLE_ENDIAN);
                    random.nextBytes(mac);
                    buffer.putBytes(length + 4, mac);
                    return length + SEAL_LENGTH;
            }
        }

        // The message went out: the next one is the next capture, or a fresh epoch.
        void accepted()
        {
            next = (next + 1) % Math.max(1, captured.size());
            epoch++;
        }

        // A captured neighbour's Hello, fresh: a new sequence and timestamp, signed by a key the target never admitted.
        private int forgedHello()
        {
            final long nowNs = System.currentTimeMillis() * 1_000_000L;
            buffer.putLong(HELLO_SEQUENCE_OFFSET, nowNs + epoch, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(HELLO_TIMESTAMP_OFFSET, nowNs, ByteOrder.LITTLE_ENDIAN);
            return forgedHelloLength;
        }

        private int state()
        {
            return writer.encode(buffer, 0, source, ChainStreams.logicalQubit((int)source, ChainStreams.RIGHT),
                epoch, random.nextInt(4), 1, System.nanoTime(), 0, 0, epoch, source, destination,
                (int)source + 1, pathId, random.nextInt(4), 0);
        }
    }
}
