package io.qecnode.node.trust;

import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.logbuffer.Header;
import io.qecnode.io.auth.SessionKeys;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A chain node's cold trust thread: every Hello interval it sends each neighbour a signed Q-HELLO, and it checks
 * every Hello it receives ({@link HelloVerifier}); accepted ones feed the link's liveness ({@link NeighbourLink}) and
 * key exchange ({@link LinkKeyExchange}), whose keys the hot thread uses. It re-reads the trust store when the
 * directory changes: a node taken out of it is cut off at once (its link's keys revoked, its id no longer admitted),
 * and a store that cannot be read admits nobody until it can. A neighbour silent for the dead interval is dead, and
 * its link's keys are revoked until a new exchange. Signing and verifying run here, never on the hot thread.
 * <p>
 * Built from a concluded {@link HelloContext}; run it on its own thread (an {@code AgentRunner} with a sleeping idle
 * strategy).
 */
public final class HelloAgent implements Agent
{
    /** The side of the left link, as {@link HelloContext#fidelity()} is asked. */
    public static final int LEFT = 0;
    /** The side of the right link. */
    public static final int RIGHT = 1;

    private static final int FRAGMENT_LIMIT = 16;

    private final HelloContext context;
    private final int nodeId;
    private final EpochNanoClock clock;
    private final Consumer<String> log;
    private final HelloCodec codec = new HelloCodec();
    private final HelloVerifier verifier;
    private final TrustStoreWatch watch;
    private final List<Link> links = new ArrayList<>();
    private final HelloFields outgoing = new HelloFields();
    private final HelloFields incoming = new HelloFields();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[HelloCodec.MAX_LENGTH]);
    private final FragmentAssembler assembler = new FragmentAssembler(this::onHello);
    private long nextHelloNs;
    private boolean linksUpReported;

    /**
     * @param context a concluded context.
     */
    public HelloAgent(final HelloContext context)
    {
        this.context = context;
        this.nodeId = context.nodeId();
        this.clock = context.clock();
        this.log = context.log();
        final int[] neighbours = context.leftNode() == HelloContext.NO_NEIGHBOUR ?
            new int[]{context.rightNode()} : context.rightNode() == HelloContext.NO_NEIGHBOUR ?
            new int[]{context.leftNode()} : new int[]{context.leftNode(), context.rightNode()};
        this.verifier = new HelloVerifier(nodeId, context.pathId(), neighbours, context.freshnessNs(),
            context.verifiesPerSecond(), context.counters(), line -> log.accept("trust: node " + nodeId + ": " + line),
            clock::nanoTime);
        this.watch = new TrustStoreWatch(context.trustStore());
        final SecureRandom random = new SecureRandom();
        final long startNs = clock.nanoTime();
        if (context.leftNode() != HelloContext.NO_NEIGHBOUR)
        {
            links.add(new Link(context.leftNode(), LEFT, context.leftHellos(), context.leftKeys(),
                new LinkKeyExchange(LinkKeyExchange.LinkSide.HOLDER, context.leftKeys(), context.pathId(),
                context.leftNode(), nodeId, context.rotationNs(), random),
                new NeighbourLink(nodeId, context.leftNode(), context.pathId(), context.deadIntervalNs(), startNs)));
        }
        if (context.rightNode() != HelloContext.NO_NEIGHBOUR)
        {
            links.add(new Link(context.rightNode(), RIGHT, context.rightHellos(), context.rightKeys(),
                new LinkKeyExchange(LinkKeyExchange.LinkSide.SENDER, context.rightKeys(), context.pathId(),
                nodeId, context.rightNode(), context.rotationNs(), random),
                new NeighbourLink(nodeId, context.rightNode(), context.pathId(), context.deadIntervalNs(), startNs)));
        }
    }

    @Override
    public void onStart()
    {
        reloadTrustStore(true);
    }

    @Override
    public int doWork()
    {
        int work = context.hellos() == null ? 0 : context.hellos().poll(assembler, FRAGMENT_LIMIT);
        final long nowNs = clock.nanoTime();
        if (nowNs - nextHelloNs >= 0)
        {
            nextHelloNs = nowNs + context.helloIntervalNs();
            reloadTrustStore(false);
            for (final Link link : links)
            {
                checkAlive(link, nowNs);
                sendHello(link, nowNs);
            }
            work++;
        }
        return work;
    }

    /** @return true once every link has its key in place at both ends (this node's side of each is installed). */
    public boolean linksUp()
    {
        for (final Link link : links)
        {
            if (!link.keys.isAdmitted())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return one line per link: neighbour, alive, latency and fidelity estimates, key generation; allocates.
     */
    public String summary()
    {
        final StringBuilder line = new StringBuilder();
        final long nowNs = clock.nanoTime();
        for (final Link link : links)
        {
            line.append(line.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                "node %d %s, latency %s, fidelity %.4f, key %d (%d installed)", link.neighbour,
                link.state.alive(nowNs) ? "alive" : "dead", latencyText(link.state.latencyNs()),
                link.state.neighbourFidelity(), link.keys.newestGeneration(), link.exchange.rotations()));
        }
        return line.toString();
    }

    private static String latencyText(final long ns)
    {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.1f us", ns / 1000.0);
    }

    private void sendHello(final Link link, final long nowNs)
    {
        if (link.publication == null)
        {
            return;
        }
        final HelloFields out = outgoing;
        out.clear();
        out.nodeId = nodeId;
        out.neighbourId = link.neighbour;
        out.pathId = context.pathId();
        link.state.fillOutgoing(out, nowNs, context.fidelity().applyAsDouble(link.side));
        link.exchange.outgoing(nowNs, out);
        final int length = codec.encode(out, buffer, 0, context.identity().privateKey());
        final long result = link.publication.offer(buffer, 0, length);
        if (result < 0 && result != Publication.NOT_CONNECTED)
        {
            context.counters().helloNotSent();
        }
    }

    private void onHello(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long nowNs = clock.nanoTime();
        final HelloCheck check = verifier.check(buffer, offset, length, header.sessionId(), nowNs, incoming);
        if (check != HelloCheck.ACCEPTED)
        {
            return;
        }
        for (final Link link : links)
        {
            if (link.neighbour == incoming.nodeId)
            {
                final boolean wasAlive = link.state.alive(nowNs);
                link.state.onAccepted(incoming, nowNs);
                if (!wasAlive)
                {
                    log.accept("trust: node " + nodeId + ": neighbour " + link.neighbour + " alive");
                }
                final int before = link.keys.newestGeneration();
                final boolean admittedBefore = link.keys.isAdmitted();
                link.exchange.incoming(incoming, nowNs);
                if (link.keys.newestGeneration() != before || link.keys.isAdmitted() != admittedBefore)
                {
                    log.accept("trust: node " + nodeId + ": key " + link.keys.newestGeneration() + " of the link " +
                        "with node " + link.neighbour + " installed");
                }
            }
        }
        if (!linksUpReported && linksUp())
        {
            linksUpReported = true;
            log.accept("trust: node " + nodeId + ": every link authenticated");
        }
    }

    private void checkAlive(final Link link, final long nowNs)
    {
        if (link.state.becameDead(nowNs))
        {
            link.exchange.reset();
            log.accept("trust: node " + nodeId + ": neighbour " + link.neighbour + " dead (no Hello accepted for " +
                context.deadIntervalNs() / 1_000_000 + " ms): its link's keys are revoked");
        }
    }

    private void reloadTrustStore(final boolean first)
    {
        if (!first && !watch.changed())
        {
            return;
        }
        TrustStore store;
        try
        {
            store = TrustStore.load(context.trustStore());
        }
        catch (final TrustException ex)
        {
            store = null;
            log.accept("trust: node " + nodeId + ": " + ex.getMessage() + ": nobody is admitted until it can be read");
        }
        verifier.trustStore(store);
        context.admittedNodes().replace(store == null ? List.of() : store.keys().keySet());
        for (final Link link : links)
        {
            if ((store == null || store.publicKey(link.neighbour) == null) && link.keys.isAdmitted())
            {
                link.exchange.reset();
                log.accept("trust: node " + nodeId + ": neighbour " + link.neighbour + " is no longer admitted: its " +
                    "link's keys are revoked");
            }
        }
        if (store != null)
        {
            log.accept("trust: node " + nodeId + ": " + store);
        }
    }

    @Override
    public String roleName()
    {
        return "qec-hello-" + nodeId;
    }

    private static final class Link
    {
        final int neighbour;
        final int side;
        final Publication publication;
        final SessionKeys keys;
        final LinkKeyExchange exchange;
        final NeighbourLink state;

        Link(
            final int neighbour, final int side, final Publication publication, final SessionKeys keys,
            final LinkKeyExchange exchange, final NeighbourLink state)
        {
            this.neighbour = neighbour;
            this.side = side;
            this.publication = publication;
            this.keys = keys;
            this.exchange = exchange;
            this.state = state;
        }
    }
}
