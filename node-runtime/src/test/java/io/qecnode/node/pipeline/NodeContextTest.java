package io.qecnode.node.pipeline;

import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.io.transport.FrameSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeContextTest
{
    private static final FrameSender DISCARD = (buffer, offset, length) -> true;

    @Test
    void shouldFillEveryDefaultOnConclude()
    {
        final NodeContext context = new NodeContext().conclude();
        assertEquals(NodeContext.DISTANCE_DEFAULT, context.code().distance());
        assertEquals(NodeContext.DISTANCE_DEFAULT + 1, context.code().rounds().roundCount(), "d noisy rounds and " +
            "a closing one");
        assertEquals(NodeContext.NODE_ID_DEFAULT, context.nodeId());
        assertEquals(NodeContext.ROUNDS_STREAM_DEFAULT, context.inStream());
        assertEquals(NodeContext.STATES_STREAM_DEFAULT, context.outStream());
        assertEquals(NodeContext.CHANNEL_DEFAULT, context.inChannel());
        assertEquals(DecoderMode.WEIGHTED, context.growth());
        assertNotNull(context.idleStrategy());
        assertNotNull(context.counters());
        assertNotNull(context.frameCounters());
        assertNotNull(context.clock());
        assertNotNull(context.roundRecorder());
        assertNotNull(context.telemetry());
        assertInstanceOf(StreamingBlockDecoder.class, context.newBlockDecoder(), "auto is a streaming window");
    }

    @Test
    void shouldKeepWhatTheWiringSiteHandsIn()
    {
        final NodeContext first = new NodeContext().conclude();
        final NodeContext context = new NodeContext().counters(first.counters()).telemetry(first.telemetry())
            .clock(first.clock()).conclude();
        assertSame(first.counters(), context.counters());
        assertSame(first.telemetry(), context.telemetry());
        assertSame(first.clock(), context.clock());
    }

    @Test
    void shouldLeaveWhatTheWiringSiteHandsInOpenWhenOnlyCheckingSettings()
    {
        // A command checks the settings before its bus exists; the counters it hands in later must be the ones the
        // telemetry ring counts its overflow in, or stat would never show it.
        final NodeContext context = new NodeContext().telemetryCapacity(1024).checkSettings();
        assertEquals(null, context.telemetry());
        assertEquals(null, context.counters());
        final NodeCounters counters = NodeCounters.allocate(NodeCounters.inMemoryManager(), "t");
        context.counters(counters).conclude();
        for (int i = 0; i < 1000; i++)
        {
            context.telemetry().offer(i, 1, 1, 1, 0);
        }
        assertTrue(counters.telemetryOverflow().get() > 0, "the overflow is counted in the node's counters");
    }

    @Test
    void shouldRecordTheDecodingSettingsAsJournalsAlwaysHave()
    {
        // Journals written before the context existed must still match a node started with the same settings.
        assertEquals("model=phenomenological\nrounds=5\np=0.001\ndistance=5\ndecoder=weighted\nwindow=auto\n",
            new NodeContext().decodingSettings());
        assertEquals("model=code-capacity\nrounds=2\np=0.01\ndistance=7\ndecoder=unweighted\nwindow=batch\n",
            new NodeContext().model("code-capacity").distance(7).rounds(2).p(0.01)
                .growth(DecoderMode.UNWEIGHTED).window("batch").decodingSettings());
    }

    @Test
    void shouldNameTheSettingOfEveryBadValue()
    {
        assertRefused("must be an odd distance in [3, 51], --distance=4", c -> c.distance(4));
        assertRefused("must be an odd distance in [3, 51], --distance=0", c -> c.distance(0));
        assertRefused("must be in [1, 10000], --rounds=0", c -> c.rounds(0));
        assertRefused("must be a probability in (0, 0.5), --p=0.5", c -> c.p(0.5));
        assertRefused("must be >= 0, --node=-1", c -> c.nodeId(-1));
        assertRefused("must be >= 1, --in-stream=0", c -> c.in("aeron:ipc", 0));
        assertRefused("must be >= 1, --out-stream=0", c -> c.out("aeron:ipc", 0));
        assertRefused("expected auto, batch or W,C, --window=wide", c -> c.window("wide"));
        assertRefused("not a whole number, --window=a,b", c -> c.window("a,b"));
        assertRefused("--idle=nap", c -> c.idle("nap"));
        assertRefused("--model=noisy", c -> c.model("noisy"));
        assertRefused("must be in [0, 64], --decode-threads=65", c -> c.decodeThreads(65));
        assertRefused("must be in [0, 64], --decode-threads=-1", c -> c.decodeThreads(-1));
        assertRefused("must be >= 0 (0: never shed), --backlog-limit=-2", c -> c.backlogLimit(-2));
        assertRefused("goes with --decode-threads > 0, --decode-pin=0", c -> c.decodePinCpu(0));
    }

    @Test
    void shouldTellAnUnreadableDemFromABadValue(@TempDir final Path dir) throws Exception
    {
        final NodeConfigException missing = assertThrows(NodeConfigException.class,
            () -> new NodeContext().dem(dir.resolve("none.dem")).conclude());
        assertTrue(missing.unreadableFile(), missing.getMessage());
        assertEquals(NodeContext.DEM_PROP, missing.setting());
        assertTrue(missing.getMessage().endsWith("--dem=" + dir.resolve("none.dem")), missing.getMessage());

        final Path bad = Files.writeString(dir.resolve("bad.dem"), "error(2) D0\n");
        assertTrue(assertThrows(NodeConfigException.class, () -> new NodeContext().dem(bad).conclude())
            .unreadableFile());
        assertFalse(assertThrows(NodeConfigException.class, () -> new NodeContext().distance(2).conclude())
            .unreadableFile());
    }

    @Test
    void shouldBuildTheNodeOnlyWithASender()
    {
        assertThrows(IllegalStateException.class, () -> NodeFactory.newNodeAgent(new NodeContext()));
        final NodeAgent agent = NodeFactory.newNodeAgent(new NodeContext().nodeId(7).sender(DISCARD));
        assertEquals("qec-node-7", agent.roleName());
        assertTrue(agent.betweenBlocks());
    }

    private static void assertRefused(final String message, final UnaryOperator<NodeContext> setting)
    {
        final NodeConfigException ex = assertThrows(NodeConfigException.class,
            () -> setting.apply(new NodeContext()).conclude());
        assertTrue(ex.getMessage().endsWith(message), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }
}
