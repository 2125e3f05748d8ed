package io.qecnode.node.topology;

import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.node.cli.CommandFailure;
import io.qecnode.node.cli.ConfigErrors;
import io.qecnode.node.pipeline.NodeContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainTopologyTest
{
    private static final Path FILE = Paths.get("conf/chain.properties");

    @Test
    void shouldFillEveryDefaultAroundTheSize()
    {
        final ChainTopology topology = ChainTopology.parse(FILE, "repeaters=2\n");

        assertEquals(4, topology.nodeCount());
        assertEquals(2, topology.repeaterCount());
        assertEquals(3, topology.linkCount());
        assertEquals(NodeRole.A, topology.role(0));
        assertEquals(NodeRole.REPEATER, topology.role(1));
        assertEquals(NodeRole.REPEATER, topology.role(2));
        assertEquals(NodeRole.B, topology.role(3));
        assertEquals(ChainTopology.NO_NODE, topology.leftNeighbour(0));
        assertEquals(0, topology.leftNeighbour(1));
        assertEquals(2, topology.rightNeighbour(1));
        assertEquals(ChainTopology.NO_NODE, topology.rightNeighbour(3));
        assertEquals("aeron:udp?endpoint=127.0.0.1:40101|so-rcvbuf=2m", topology.stateChannel(0));
        assertEquals("aeron:udp?endpoint=127.0.0.1:40104|so-rcvbuf=2m", topology.stateChannel(3));
        assertEquals(topology.stateChannel(3), topology.bindChannel(3));
        assertEquals(40104, topology.bindPort(3));
        assertEquals("aeron:udp?endpoint=127.0.0.1:40100|so-rcvbuf=2m", topology.verifierChannel());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(50), topology.neighbourDeadlineNs());
        assertEquals(1_000, topology.roundPeriodNs());
        assertEquals(0, topology.pathId());
        final NodeContext context = topology.applyLink(2, new NodeContext());
        assertEquals(NodeContext.DISTANCE_DEFAULT, context.code().distance());
        assertThrows(IndexOutOfBoundsException.class, () -> topology.role(4));
        assertThrows(IndexOutOfBoundsException.class, () -> topology.link(3));
    }

    @Test
    void shouldTakeALinksOwnSettingOverTheOneForAllLinks()
    {
        final ChainTopology topology = ChainTopology.parse(FILE, String.join("\n",
            "nodes=3", "repeaters=1", "seed=-7", "path=12", "base-port=50000", "neighbour-deadline=2ms",
            "period=5us", "node.1.host=10.77.0.2", "node.1.port=6000", "verifier.host=10.77.0.254",
            "link.*.distance=7", "link.*.p=0.002", "link.1.distance=9", "link.1.decoder=unweighted",
            "link.1.window=batch"));

        assertEquals(-7, topology.seed());
        assertEquals(12, topology.pathId());
        assertEquals(2_000_000, topology.neighbourDeadlineNs());
        assertEquals(5_000, topology.roundPeriodNs());
        assertEquals("aeron:udp?endpoint=127.0.0.1:50001|so-rcvbuf=2m", topology.stateChannel(0));
        assertEquals("aeron:udp?endpoint=10.77.0.2:6000|so-rcvbuf=2m", topology.stateChannel(1));
        assertEquals("aeron:udp?endpoint=127.0.0.1:50003|so-rcvbuf=2m", topology.stateChannel(2));
        assertEquals("aeron:udp?endpoint=10.77.0.254:50000|so-rcvbuf=2m", topology.verifierChannel());
        final NodeContext link0 = topology.applyLink(0, new NodeContext());
        final NodeContext link1 = topology.applyLink(1, new NodeContext());
        assertEquals(7, link0.code().distance());
        assertEquals(9, link1.code().distance());
        assertEquals(DecoderMode.DEFAULT, link0.growth());
        assertEquals(DecoderMode.UNWEIGHTED, link1.growth());
        assertEquals("batch", link1.window());
        assertEquals(0.002, topology.link(1).p());
    }

    @Test
    void shouldResolveADemAgainstTheTopologysDirectory(@TempDir final Path dir) throws IOException
    {
        Files.createDirectories(dir.resolve("dems"));
        try (InputStream dem = getClass().getResourceAsStream("/golden-fixture/circuit_d03_r03_p0.005/model.dem"))
        {
            assertNotNull(dem, "the decoder-core test jar's golden fixture");
            Files.copy(dem, dir.resolve("dems/link0.dem"));
        }
        final Path file = dir.resolve("chain.properties");
        Files.writeString(file, "repeaters=0\nlink.0.dem=dems/link0.dem\n");

        final ChainTopology topology = ChainTopology.read(file);

        assertEquals(dir.resolve("dems/link0.dem").toAbsolutePath(), topology.link(0).dem());
        assertEquals(3, topology.applyLink(0, new NodeContext()).code().distance());
        assertNull(topology.link(0).model());
    }

    @Test
    void shouldReceiveOnTheBindPortWhileNeighboursSendToTheAdvertisedOne()
    {
        final ChainTopology topology = ChainTopology.parse(FILE, String.join("\n",
            "repeaters=1", "node.1.port=41000", "node.1.bind-port=41001", "node.2.bind-port=41002"));

        assertEquals("aeron:udp?endpoint=127.0.0.1:41000|so-rcvbuf=2m", topology.stateChannel(1));
        assertEquals("aeron:udp?endpoint=127.0.0.1:41001|so-rcvbuf=2m", topology.bindChannel(1));
        assertEquals(41001, topology.bindPort(1));
        assertEquals(40103, topology.port(2));
        assertEquals(41002, topology.bindPort(2));
        assertEquals(topology.stateChannel(0), topology.bindChannel(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "repeaters=1;repeatrs=1                 | unknown key, file=conf/chain.properties key=repeatrs value=1",
        "repeaters=1;node.01.host=10.0.0.1     | unknown key, file=conf/chain.properties key=node.01.host " +
            "value=10.0.0.1",
        "repeaters=1;link.0.distanse=5          | unknown link setting (known: model, dem, distance, rounds, p, " +
            "decoder, window), file=conf/chain.properties key=link.0.distanse value=5",
        "seed=3                                 | the chain's size is missing: give repeaters=n (or nodes=n+2), " +
            "file=conf/chain.properties key=repeaters",
        "repeaters=1;nodes=4                    | does not match repeaters=1 (nodes = repeaters + 2), " +
            "file=conf/chain.properties key=nodes value=4",
        "nodes=1                                | must be in [2, 250], file=conf/chain.properties key=nodes value=1",
        "repeaters=x                            | not a whole number, file=conf/chain.properties key=repeaters " +
            "value=x",
        "repeaters=1;node.3.host=10.0.0.1       | no such node: the chain has nodes 0..2, file=conf/chain.properties " +
            "key=node.3.host value=10.0.0.1",
        "repeaters=1;link.2.p=0.01              | no such link: the chain has links 0..1, file=conf/chain.properties " +
            "key=link.2.p value=0.01",
        "repeaters=1;path=-1                    | must be in [0, 4294967294], file=conf/chain.properties key=path " +
            "value=-1",
        "repeaters=1;neighbour-deadline=50      | a duration needs a unit (ns, us, ms, s, m, h), " +
            "file=conf/chain.properties key=neighbour-deadline value=50",
        "repeaters=1;period=2s                  | must be between 0 and 1s, file=conf/chain.properties key=period " +
            "value=2s",
        "repeaters=1;base-port=65534            | must be in [1, 65532], file=conf/chain.properties key=base-port " +
            "value=65534",
        "repeaters=1;node.0.host=a?b            | not a host name or address, file=conf/chain.properties " +
            "key=node.0.host value=a?b",
        "repeaters=1;node.2.port=40102          | the same endpoint 127.0.0.1:40102 as node 1's, " +
            "file=conf/chain.properties key=node.2.port value=40102",
        "repeaters=1;verifier.port=40101        | the same endpoint 127.0.0.1:40101 as the verifier's, " +
            "file=conf/chain.properties key=node.0.port value=40101",
        "repeaters=1;node.1.bind-port=x         | not a whole number, file=conf/chain.properties " +
            "key=node.1.bind-port value=x",
        "repeaters=1;node.1.bind-port=0         | must be in [1, 65535], file=conf/chain.properties " +
            "key=node.1.bind-port value=0",
        "repeaters=1;node.1.bind-port=40103     | the same endpoint 127.0.0.1:40103 as node 1's bind port, " +
            "file=conf/chain.properties key=node.2.port value=40103",
        "repeaters=1;node.0.bind-port=40100     | the same endpoint 127.0.0.1:40100 as the verifier's, " +
            "file=conf/chain.properties key=node.0.bind-port value=40100",
        "repeaters=1;node.3.bind-port=40200     | no such node: the chain has nodes 0..2, " +
            "file=conf/chain.properties key=node.3.bind-port value=40200",
        "repeaters=1;link.*.p=0.7               | must be a probability in (0, 0.5), file=conf/chain.properties " +
            "key=link.*.p value=0.7",
        "repeaters=1;link.*.p=0.01;link.1.p=nan | not a number, file=conf/chain.properties key=link.1.p value=nan",
        "repeaters=1;link.*.decoder=greedy      | unknown decoder: name='greedy', accepted=unweighted, weighted, " +
            "exact-small, correlated, file=conf/chain.properties key=link.*.decoder value=greedy",
        "repeaters=1;link.*.model=ising         | unknown noise model 'ising': expected code-capacity " +
            "or phenomenological, file=conf/chain.properties key=link.*.model value=ising",
        "repeaters=1;seed=1;seed=2              | given twice (the last would silently win), " +
            "file=conf/chain.properties key=seed value=2",
        "repeaters=1;trust.state-mac=md5        | must be siphash-128 or hmac-sha256-128, " +
            "file=conf/chain.properties key=trust.state-mac value=md5",
        "repeaters=1;trust.key-rotation=500ms   | must be between 1s and 24h, file=conf/chain.properties " +
            "key=trust.key-rotation value=500ms",
        "repeaters=1;trust.dead-interval=150ms  | must be between 200ms and 1h, file=conf/chain.properties " +
            "key=trust.dead-interval value=150ms",
        "repeaters=1;trust.keys=k               | unknown key, file=conf/chain.properties key=trust.keys value=k",
    })
    void shouldRefuseEachFaultWithOneLineNamingFileAndKey(final String lines, final String expected)
    {
        final TopologyException ex = assertThrows(TopologyException.class,
            () -> ChainTopology.parse(FILE, lines.trim().replace(';', '\n')));
        assertEquals(expected.trim(), ex.getMessage());
        assertFalse(ex.unreadableFile());
    }

    @Test
    void shouldRunOnlyBetweenAdmittedNodes(@TempDir final Path dir)
    {
        final ChainTopology bare = ChainTopology.parse(dir.resolve("chain.properties"), "repeaters=1\n");
        final TopologyException ex = assertThrows(TopologyException.class, () -> bare.trust().context(1));
        assertTrue(ex.getMessage().startsWith("a chain runs only between admitted nodes"), ex.getMessage());
        assertEquals(ChainTrust.STORE_PROP, ex.key());

        final ChainTopology named = ChainTopology.parse(dir.resolve("chain.properties"),
            "repeaters=1\ntrust.store=trust\ntrust.identities=keys\ntrust.state-mac=HMAC-SHA256-128\n");
        assertEquals(dir.resolve("trust").toAbsolutePath(), named.trust().store());
        assertEquals(StateMacAlgorithm.HMAC_SHA256_128, named.trust().mac());
        final TopologyException missing = assertThrows(TopologyException.class, () -> named.trust().context(1));
        assertTrue(missing.getMessage().startsWith("cannot load node 1's identity"), missing.getMessage());
        assertTrue(missing.unreadableFile());
    }

    @Test
    void shouldNameTheKeyALinksBadValueCameFrom()
    {
        final TopologyException own = assertThrows(TopologyException.class, () -> ChainTopology.parse(FILE,
            "repeaters=2\nlink.*.distance=5\nlink.1.distance=4\n"));
        assertTrue(own.getMessage().startsWith("must be an odd distance in ["), own.getMessage());
        assertTrue(own.getMessage().endsWith(", file=conf/chain.properties key=link.1.distance value=4"),
            own.getMessage());

        final TopologyException all = assertThrows(TopologyException.class, () -> ChainTopology.parse(FILE,
            "repeaters=2\nlink.*.rounds=0\nlink.1.distance=7\n"));
        assertTrue(all.getMessage().endsWith(", file=conf/chain.properties key=link.*.rounds value=0"),
            all.getMessage());
        assertEquals("link.*.rounds", all.key());
    }

    @Test
    void shouldTellAFileThatCannotBeReadFromABadValue(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("none.properties");
        final TopologyException file = assertThrows(TopologyException.class, () -> ChainTopology.read(missing));
        assertTrue(file.unreadableFile());
        assertTrue(file.getMessage().endsWith(", file=" + missing), file.getMessage());
        assertNull(file.key());

        final Path topology = dir.resolve("chain.properties");
        final TopologyException dem = assertThrows(TopologyException.class,
            () -> ChainTopology.parse(topology, "repeaters=1\nlink.*.dem=gone.dem\n"));
        assertTrue(dem.unreadableFile());
        assertTrue(dem.getMessage().startsWith("cannot read the DEM"), dem.getMessage());
        assertTrue(dem.getMessage().endsWith("file=" + topology + " key=link.*.dem value=gone.dem"),
            dem.getMessage());
        assertFalse(dem.getMessage().contains("\n"));
    }

    @Test
    void shouldBeABadFlagOnTheCommandLineOrARuntimeFailureForAFileThatCannotBeRead(@TempDir final Path dir)
    {
        final CommandSpec spec = new CommandLine(CommandSpec.create()).getCommandSpec();

        final ParameterException bad = assertThrows(ParameterException.class,
            () -> ConfigErrors.checked(spec, () -> ChainTopology.parse(FILE, "repeaters=-1\n")));
        assertEquals("must be in [0, 248], file=conf/chain.properties key=repeaters value=-1", bad.getMessage());

        final Path missing = dir.resolve("none.properties");
        final CommandFailure unreadable = assertThrows(CommandFailure.class,
            () -> ConfigErrors.checked(spec, () -> ChainTopology.read(missing)));
        assertTrue(unreadable.getMessage().startsWith("cannot read the topology ("), unreadable.getMessage());
    }

    @Test
    void shouldReadBackWhatItGenerates()
    {
        final String text = ChainTopology.generate(5, Map.of("seed", "42", "link.*.distance", "9",
            "link.3.p", "0.002", "node.2.host", "10.77.0.3", "verifier.host", "10.77.0.254",
            "node.3.port", "41000"));
        for (final String key : new String[]{"nodes=5", "seed=42", "path=0", "neighbour-deadline=50ms", "period=1us",
            "base-port=40100", "verifier.port=40100", "node.4.host=127.0.0.1", "node.4.port=40105",
            "node.4.bind-port=40105", "node.3.bind-port=41000",
            "link.*.model=phenomenological", "link.*.p=0.001", "link.*.window=auto"})
        {
            assertTrue(text.contains("\n" + key + "\n"), "every key written out: " + key);
        }

        final ChainTopology topology = ChainTopology.parse(FILE, text);

        assertEquals(5, topology.nodeCount());
        assertEquals(42, topology.seed());
        assertEquals("10.77.0.3", topology.host(2));
        assertEquals(40103, topology.port(2));
        assertEquals(topology.stateChannel(3), topology.bindChannel(3));
        assertEquals("10.77.0.254", topology.verifierHost());
        for (int link = 0; link < topology.linkCount(); link++)
        {
            assertEquals(9, topology.applyLink(link, new NodeContext()).code().distance());
            assertEquals(link == 3 ? 0.002 : 0.001, topology.link(link).p());
        }
    }

    @Test
    void shouldWriteOnlyATopologyThatReadsBack(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("chain.properties");
        final ChainTopology written = ChainTopology.write(file, 4, Map.of("link.*.distance", "7"));

        final ChainTopology read = ChainTopology.read(file);
        assertEquals(4, read.nodeCount());
        assertEquals(written.stateChannel(3), read.stateChannel(3));
        assertEquals(7, read.applyLink(2, new NodeContext()).code().distance());

        final Path bad = dir.resolve("bad.properties");
        final TopologyException ex = assertThrows(TopologyException.class,
            () -> ChainTopology.write(bad, 4, Map.of("link.*.distance", "8")));
        assertEquals("link.*.distance", ex.key());
        assertFalse(Files.exists(bad), "nothing written");
    }

    @Test
    void shouldRefuseABadSettingOfAGeneratedTopologyByItsKey()
    {
        final String text = ChainTopology.generate(3, Map.of("link.*.distanse", "9"));
        final TopologyException ex = assertThrows(TopologyException.class, () -> ChainTopology.parse(FILE, text));
        assertEquals("link.*.distanse", ex.key());
    }
}
