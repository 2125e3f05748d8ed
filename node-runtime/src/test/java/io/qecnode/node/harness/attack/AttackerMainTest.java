package io.qecnode.node.harness.attack;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.harness.launch.JavaCommand;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacker as the attack tests run it, its own JVM, against a plain subscription: what it says it sent must be
 * what arrived, each message shaped as its mode says; bad arguments are one line and exit code 2.
 */
class AttackerMainTest
{
    private static final Pattern SENT = Pattern.compile("attacker: ([a-z-]+) sent (\\d+)");
    private static final long SOURCE = 1;
    private static final long DESTINATION = 2;
    private static final long PATH = 9;
    private static final long STRANGER = 77;
    private static final int GENERATION = 5;
    private static final long CAPTURED_EPOCHS = 3;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unsealed", "forged", "replay", "stranger"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldDeliverWhatItSaysItSentShapedAsItsModeSays(final String mode) throws Exception
    {
        final List<byte[]> captured = sealedStates();
        final Path capture = dir.resolve("capture.bin");
        AttackerMain.writeCapture(capture, captured);
        final InetSocketAddress endpoint = UdpTapTest.freeLocalPort();
        final List<byte[]> received = new ArrayList<>();
        final String output;
        try (MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
            Subscription subscription = bus.subscription(UdpTapTest.channel(endpoint), ChainStreams.STATES_STREAM))
        {
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final byte[] message = new byte[length];
                buffer.getBytes(offset, message);
                received.add(message);
            });
            final List<String> args = new ArrayList<>(List.of("--target", "127.0.0.1:" + endpoint.getPort(),
                "--stream", String.valueOf(ChainStreams.STATES_STREAM), "--duration", "300ms", "--mode", mode,
                "--capture", capture.toString(), "--seed", "3"));
            if ("stranger".equals(mode))
            {
                args.addAll(List.of("--source", String.valueOf(STRANGER)));
            }
            final Process attacker = start(args);
            while (attacker.isAlive())
            {
                if (subscription.poll(assembler, 256) == 0)
                {
                    Thread.yield();
                }
            }
            output = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
            assertEquals(0, attacker.exitValue(), output + Files.readString(dir.resolve("err.txt")));
            final Matcher sent = SENT.matcher(output.trim());
            assertTrue(sent.matches(), "one line: " + output);
            assertEquals(mode, sent.group(1));
            final long count = Long.parseLong(sent.group(2));
            assertTrue(count > 0, output);
            System.out.print(Files.readString(dir.resolve("err.txt")));
            // What is still in the subscriber's image after the attacker left.
            while (subscription.poll(assembler, 256) > 0)
            {
                Thread.yield();
            }
            assertEquals(count, received.size(), "received what the attacker says it sent");
            assertNoDriverLeft(attacker);
        }
        check(mode, captured, received);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseBadArgumentsInOneLineWithExitCodeTwoAndAnUnreadableCaptureWithOne() throws Exception
    {
        assertOneLine(2, "unknown mode (known: forged, hello-forged, hello-replay, replay, stranger, unsealed), --mode=flood",
            List.of("--target", "127.0.0.1:40000", "--stream", "1", "--duration", "1s", "--mode", "flood"));
        assertOneLine(2, "mode replay sends what was captured: give it, --capture",
            List.of("--target", "127.0.0.1:40000", "--stream", "1", "--duration", "1s", "--mode", "replay"));
        assertOneLine(2, "not HOST:PORT, --target=40000",
            List.of("--target", "40000", "--stream", "1", "--duration", "1s", "--mode", "unsealed"));
        final Path missing = dir.resolve("missing.bin");
        final String failure = assertOneLine(1, null, List.of("--target", "127.0.0.1:40000", "--stream", "1",
            "--duration", "1s", "--mode", "hello-replay", "--capture", missing.toString()));
        assertTrue(failure.startsWith("attacker: cannot read the capture (") &&
            failure.endsWith("file=" + missing), failure);
    }

    private String assertOneLine(final int exitCode, final String expected, final List<String> args)
        throws Exception
    {
        final Process attacker = start(args);
        assertTrue(attacker.waitFor(30, TimeUnit.SECONDS));
        final String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(exitCode, attacker.exitValue(), err);
        assertEquals("", Files.readString(dir.resolve("out.txt")));
        assertEquals(1, err.lines().count(), err);
        if (expected != null)
        {
            assertEquals("attacker: " + expected, err.trim());
        }
        return err.trim();
    }

    private Process start(final List<String> args) throws IOException
    {
        return new ProcessBuilder(JavaCommand.of(AttackerMain.class.getName(), args))
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    }

    private static void assertNoDriverLeft(final Process attacker)
    {
        final File parent = new File(new BusContext().embeddedDirectoryName()).getParentFile();
        final String prefix = BusContext.DIRECTORY_PREFIX + attacker.pid() + "-";
        final String[] left = parent.list((directory, name) -> name.startsWith(prefix));
        assertEquals(List.of(), left == null ? List.of() : Arrays.asList(left), "driver directory left behind");
    }

    private static void check(final String mode, final List<byte[]> captured, final List<byte[]> received)
    {
        final LogicalStateView view = new LogicalStateView();
        long lastEpoch = CAPTURED_EPOCHS - 1;
        for (int i = 0; i < received.size(); i++)
        {
            final byte[] message = received.get(i);
            if ("replay".equals(mode))
            {
                assertArrayEquals(captured.get(i % captured.size()), message, "replayed message " + i);
                continue;
            }
            final boolean sealed = !"unsealed".equals(mode);
            assertEquals(sealed ? AttackerMain.SEALED_LENGTH : LogicalStateWriter.FRAME_LENGTH, message.length);
            final UnsafeBuffer buffer = new UnsafeBuffer(message);
            assertTrue(view.wrapAndVerify(buffer, 0, LogicalStateWriter.FRAME_LENGTH), "a valid state " + i);
            assertEquals("stranger".equals(mode) ? STRANGER : SOURCE, view.sourceNode());
            assertEquals(DESTINATION, view.destinationNode());
            assertEquals(PATH, view.pathId());
            assertTrue(view.epoch() > lastEpoch, "fresh epoch " + view.epoch() + " after " + lastEpoch);
            lastEpoch = view.epoch();
            if (sealed)
            {
                assertEquals(GENERATION, buffer.getInt(LogicalStateWriter.FRAME_LENGTH, ByteOrder.LITTLE_ENDIAN));
            }
        }
    }

    // What a tap would have caught on link 1 -> 2: sealed states of epochs 0..2, generation 5.
    private static List<byte[]> sealedStates()
    {
        final LogicalStateWriter writer = new LogicalStateWriter();
        final List<byte[]> states = new ArrayList<>();
        for (long epoch = 0; epoch < CAPTURED_EPOCHS; epoch++)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AttackerMain.SEALED_LENGTH]);
            writer.encode(buffer, 0, SOURCE, ChainStreams.logicalQubit((int)SOURCE, ChainStreams.RIGHT), epoch, 1, 10,
                epoch, 0, 0, epoch, SOURCE, DESTINATION, 2, PATH, 1, 0);
            buffer.putInt(LogicalStateWriter.FRAME_LENGTH, GENERATION, ByteOrder.LITTLE_ENDIAN);
            buffer.setMemory(LogicalStateWriter.FRAME_LENGTH + 4, 16, (byte)(epoch + 1));
            states.add(buffer.byteArray());
        }
        return states;
    }
}
