package io.qecnode.node.trust;

import io.qecnode.io.auth.SealCheck;
import io.qecnode.io.auth.SealedState;
import io.qecnode.io.auth.SessionKeys;
import io.qecnode.io.auth.StateOpener;
import io.qecnode.io.auth.StateSealer;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.pipeline.NodeCounters;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two chain nodes' Hello agents on one media driver (each node's endpoint an IPC stream of its own), driven by this
 * thread on the real clock: they agree on a session key for their link through signed Hellos, rotate it, and a node
 * taken out of the trust store is cut off within one dead interval.
 */
class HelloAgentTest
{
    private static final long HELLO_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long DEAD_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long ROTATION_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long PATH = 3;

    @TempDir
    Path directory;

    private MessageBus bus;
    private HelloAgent sender;
    private HelloAgent holder;
    private HelloContext senderContext;
    private HelloContext holderContext;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException
    {
        final Path identities = Files.createDirectory(directory.resolve("keys"));
        final Path trust = Files.createDirectory(directory.resolve("trust"));
        for (int node = 0; node < 2; node++)
        {
            final Path publicKey = NodeIdentity.generate(node).write(identities);
            Files.copy(publicKey, trust.resolve(publicKey.getFileName()));
        }
        bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace);
        senderContext = context(0, identities, trust).rightNode(1)
            .rightHellos(bus.publication("aeron:ipc", endpoint(1))).conclude();
        holderContext = context(1, identities, trust).leftNode(0)
            .leftHellos(bus.publication("aeron:ipc", endpoint(0))).conclude();
        sender = new HelloAgent(senderContext);
        holder = new HelloAgent(holderContext);
        sender.onStart();
        holder.onStart();
    }

    @AfterEach
    void stop()
    {
        if (bus != null)
        {
            bus.close();
        }
    }

    private HelloContext context(final int node, final Path identities, final Path trust)
    {
        return new HelloContext().identity(NodeIdentity.load(identities, node)).trustStore(trust).pathId(PATH)
            .helloIntervalNs(HELLO_NS).deadIntervalNs(DEAD_NS).rotationNs(ROTATION_NS)
            .hellos(bus.subscription("aeron:ipc", endpoint(node)))
            .counters(HelloCounters.allocate(NodeCounters.inMemoryManager(), String.valueOf(node)))
            .log(log::add);
    }

    private static int endpoint(final int node)
    {
        return ChainStreams.HELLO_STREAM + 10 * (node + 1);
    }

    @Test
    void shouldAgreeOnTheLinksKeyAndRotateIt()
    {
        assertTrue(runUntil(() -> sender.linksUp() && holder.linksUp(), TimeUnit.SECONDS.toNanos(10)), log.toString());
        final SessionKeys sendKeys = senderContext.rightKeys();
        final SessionKeys receiveKeys = holderContext.leftKeys();
        assertEquals(SealCheck.OPENED, sealAndOpen(sendKeys, receiveKeys, 7));
        assertTrue(log.contains("trust: node 1: every link authenticated"), log.toString());

        final int first = sendKeys.newestGeneration();
        assertTrue(runUntil(() -> sendKeys.newestGeneration() > first, 3 * ROTATION_NS + DEAD_NS), log.toString());
        assertEquals(SealCheck.OPENED, sealAndOpen(sendKeys, receiveKeys, 8), "the rotated key at both ends");
        assertEquals(0, holderContext.counters().count(HelloCheck.BAD_SIGNATURE));
        assertTrue(holderContext.counters().count(HelloCheck.ACCEPTED) > 0);
        assertTrue(holderContext.admittedNodes().contains(0));
    }

    @Test
    void shouldCutOffANodeTakenOutOfTheTrustStoreWithinOneDeadInterval() throws IOException
    {
        assertTrue(runUntil(() -> sender.linksUp() && holder.linksUp(), TimeUnit.SECONDS.toNanos(10)), log.toString());

        Files.delete(directory.resolve("trust").resolve("node-0.pub"));
        final long removedNs = System.nanoTime();
        assertTrue(runUntil(() -> !holderContext.leftKeys().isAdmitted(), DEAD_NS), "cut off within " +
            TimeUnit.NANOSECONDS.toMillis(DEAD_NS) + " ms\n" + log);
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - removedNs);
        assertFalse(holderContext.admittedNodes().contains(0));
        assertEquals(SealCheck.NOT_ADMITTED, sealAndOpen(senderContext.rightKeys(), holderContext.leftKeys(), 9),
            "cut off after " + tookMs + " ms");
        // Its Hellos are refused from then on, and no new session starts.
        runUntil(() -> false, 3 * HELLO_NS);
        assertTrue(holderContext.counters().count(HelloCheck.UNKNOWN_KEY) > 0, log.toString());
        assertFalse(holderContext.leftKeys().isAdmitted());
    }

    private boolean runUntil(final BooleanSupplier done, final long limitNs)
    {
        final long deadline = System.nanoTime() + limitNs;
        while (System.nanoTime() - deadline < 0)
        {
            sender.doWork();
            holder.doWork();
            if (done.getAsBoolean())
            {
                return true;
            }
            Thread.onSpinWait();
        }
        return done.getAsBoolean();
    }

    private static SealCheck sealAndOpen(final SessionKeys send, final SessionKeys receive, final long epoch)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SealedState.LENGTH]);
        for (int i = 0; i < LogicalStateWriter.FRAME_LENGTH; i++)
        {
            buffer.putByte(i, (byte)(i * 13 + epoch));
        }
        if (new StateSealer(send).seal(buffer, 0, LogicalStateWriter.FRAME_LENGTH, epoch) < 0)
        {
            return SealCheck.NOT_ADMITTED;
        }
        return new StateOpener(receive, 1_000_000).open(buffer, 0, SealedState.LENGTH, epoch, System.nanoTime());
    }
}
