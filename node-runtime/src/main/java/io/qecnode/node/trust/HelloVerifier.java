package io.qecnode.node.trust;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.security.PublicKey;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A node's checks of the Q-HELLOs it receives, on the cold Hello thread, cheapest first so that a flood costs little:
 * {@link HelloCheck#MALFORMED}, {@link HelloCheck#WRONG_LINK}, {@link HelloCheck#UNKNOWN_KEY},
 * {@link HelloCheck#STALE}, {@link HelloCheck#REPLAYED}, {@link HelloCheck#THROTTLED}, and only then the ML-DSA
 * signature ({@link HelloCheck#BAD_SIGNATURE}). Every outcome is counted; the first refusal of each kind is reported
 * once with its facts, later ones only counted.
 * <p>
 * Signature verifications are budgeted per Aeron image (per sending publication): forged Hellos flooding in on an
 * attacker's image use up that image's budget only, so the real neighbour's Hellos, on its own image, still verify.
 * Not thread safe.
 */
public final class HelloVerifier
{
    /** Default freshness window: a Hello whose timestamp is further than this from our wall clock is stale. */
    public static final long DEFAULT_FRESHNESS_NS = 5_000_000_000L;
    /** Images with a budget of their own; past this, budgets of images quiet for a second are dropped first. */
    static final int MAX_IMAGES = 256;

    private static final long SECOND_NS = 1_000_000_000L;

    private final int myNodeId;
    private final long pathId;
    private final int[] neighbours;
    private final long[] lastSequence;
    private final boolean[] sequenceSeen;
    private final long freshnessNs;
    private final int verifiesPerSecond;
    private final HelloCounters counters;
    private final Consumer<String> report;
    private final LongSupplier wallClockNs;
    private final HelloCodec codec = new HelloCodec();
    private final Int2ObjectHashMap<Budget> budgets = new Int2ObjectHashMap<>();
    private final Budget overflow = new Budget(0);
    private final boolean[] reported = new boolean[HelloCheck.values().length];
    private volatile TrustStore trustStore;

    /**
     * A verifier that admits no one until it is given a trust store ({@link #trustStore(TrustStore)}).
     *
     * @param myNodeId          this node's id: Hellos must be addressed to it.
     * @param pathId            the chain's path id: Hellos must carry it.
     * @param neighbours        the ids of the nodes this one links to (copied).
     * @param freshnessNs       the freshness window, e.g. {@link #DEFAULT_FRESHNESS_NS}.
     * @param verifiesPerSecond signature verifications allowed per image and second, {@code >= 1}.
     * @param counters          where each outcome is counted.
     * @param report            takes the one line reported for the first refusal of each kind.
     * @param wallClockNs       wall clock, ns since the Unix epoch, for {@link #check(DirectBuffer, int, int, int,
     *                          HelloFields)}.
     */
    public HelloVerifier(
        final int myNodeId,
        final long pathId,
        final int[] neighbours,
        final long freshnessNs,
        final int verifiesPerSecond,
        final HelloCounters counters,
        final Consumer<String> report,
        final LongSupplier wallClockNs)
    {
        if (freshnessNs <= 0 || verifiesPerSecond < 1)
        {
            throw new IllegalArgumentException("freshness and verifications per second must be positive: " +
                freshnessNs + " ns, " + verifiesPerSecond);
        }
        this.myNodeId = myNodeId;
        this.pathId = pathId;
        this.neighbours = neighbours.clone();
        this.lastSequence = new long[neighbours.length];
        this.sequenceSeen = new boolean[neighbours.length];
        this.freshnessNs = freshnessNs;
        this.verifiesPerSecond = verifiesPerSecond;
        this.counters = counters;
        this.report = report;
        this.wallClockNs = wallClockNs;
    }

    /**
     * Set or replace the admitted keys, e.g. after the operator changed the trust store: a node removed from it is
     * refused ({@link HelloCheck#UNKNOWN_KEY}) from its next Hello on. Safe to call from another thread.
     *
     * @param trustStore the new store.
     */
    public void trustStore(final TrustStore trustStore)
    {
        this.trustStore = trustStore;
    }

    /** @return the admitted keys in use, null if none were given yet. */
    public TrustStore trustStore()
    {
        return trustStore;
    }

    /**
     * {@link #check(DirectBuffer, int, int, int, long, HelloFields)} at the wall clock's now.
     *
     * @param buffer         holding the frame.
     * @param offset         where it starts.
     * @param length         its length.
     * @param imageSessionId session id of the Aeron image it came on.
     * @param out            the Hello's fields, to be used only if accepted.
     * @return the outcome.
     */
    public HelloCheck check(
        final DirectBuffer buffer, final int offset, final int length, final int imageSessionId, final HelloFields out)
    {
        return check(buffer, offset, length, imageSessionId, wallClockNs.getAsLong(), out);
    }

    /**
     * Check one received Hello, count the outcome, report the first refusal of its kind.
     *
     * @param buffer         holding the frame.
     * @param offset         where it starts.
     * @param length         its length.
     * @param imageSessionId session id of the Aeron image it came on.
     * @param nowWallNs      our wall clock, ns since the Unix epoch.
     * @param out            the Hello's fields, to be used only if accepted.
     * @return the outcome.
     */
    public HelloCheck check(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int imageSessionId,
        final long nowWallNs,
        final HelloFields out)
    {
        final HelloCheck outcome = evaluate(buffer, offset, length, imageSessionId, nowWallNs, out);
        counters.increment(outcome);
        if (outcome.refused() && !reported[outcome.ordinal()])
        {
            reported[outcome.ordinal()] = true;
            report.accept(describe(outcome, out, length, imageSessionId, nowWallNs));
        }
        return outcome;
    }

    /**
     * Forget an image's budget, e.g. when Aeron says the image went away.
     *
     * @param imageSessionId session id of the image.
     */
    public void imageGone(final int imageSessionId)
    {
        budgets.remove(imageSessionId);
    }

    private HelloCheck evaluate(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int imageSessionId,
        final long nowWallNs,
        final HelloFields out)
    {
        if (codec.decode(buffer, offset, length, out) != HelloCheck.ACCEPTED)
        {
            return HelloCheck.MALFORMED;
        }
        final int neighbour = neighbourIndex(out.nodeId);
        if (out.neighbourId != myNodeId || out.pathId != pathId || neighbour < 0)
        {
            return HelloCheck.WRONG_LINK;
        }
        final TrustStore admitted = trustStore;
        final PublicKey key = admitted == null ? null : admitted.publicKey(out.nodeId);
        if (key == null)
        {
            return HelloCheck.UNKNOWN_KEY;
        }
        // Not Math.abs: the age of a timestamp 2^63 ns off is Long.MIN_VALUE, whose absolute value is negative.
        final long ageNs = nowWallNs - out.timestampNs;
        if (ageNs > freshnessNs || ageNs < -freshnessNs)
        {
            return HelloCheck.STALE;
        }
        if (sequenceSeen[neighbour] && out.sequence <= lastSequence[neighbour])
        {
            return HelloCheck.REPLAYED;
        }
        if (!budget(imageSessionId, nowWallNs).take(nowWallNs, verifiesPerSecond))
        {
            return HelloCheck.THROTTLED;
        }
        if (!codec.verify(buffer, offset, length, key))
        {
            return HelloCheck.BAD_SIGNATURE;
        }
        lastSequence[neighbour] = out.sequence;
        sequenceSeen[neighbour] = true;
        return HelloCheck.ACCEPTED;
    }

    private int neighbourIndex(final int nodeId)
    {
        for (int i = 0; i < neighbours.length; i++)
        {
            if (neighbours[i] == nodeId)
            {
                return i;
            }
        }
        return -1;
    }

    private Budget budget(final int imageSessionId, final long nowWallNs)
    {
        Budget budget = budgets.get(imageSessionId);
        if (budget == null)
        {
            if (budgets.size() >= MAX_IMAGES)
            {
                // Many images (an attacker's publications come and go): drop those quiet for a second.
                budgets.values().removeIf(quiet -> nowWallNs - quiet.windowStartNs >= SECOND_NS);
            }
            if (budgets.size() >= MAX_IMAGES)
            {
                // Still full: the images past the bound share one budget, so they cannot outspend it together.
                return overflow;
            }
            budget = new Budget(nowWallNs);
            budgets.put(imageSessionId, budget);
        }
        return budget;
    }

    private String describe(
        final HelloCheck outcome, final HelloFields hello, final int length, final int imageSessionId,
        final long nowWallNs)
    {
        if (outcome == HelloCheck.MALFORMED)
        {
            return String.format(Locale.ROOT, "hello refused, %s: %d bytes, image session %d (first of its kind; " +
                "later ones only counted)", outcome.label(), length, imageSessionId);
        }
        return String.format(Locale.ROOT, "hello refused, %s: claimed node %d, sequence %d, timestamp age %.3f s, " +
            "image session %d (first of its kind; later ones only counted)", outcome.label(), hello.nodeId,
            hello.sequence, (nowWallNs - hello.timestampNs) / 1e9, imageSessionId);
    }

    /** Signature verifications an image may still spend in its current one-second window. */
    private static final class Budget
    {
        long windowStartNs;
        int spent;

        Budget(final long nowNs)
        {
            windowStartNs = nowNs;
        }

        boolean take(final long nowNs, final int perSecond)
        {
            // A window over, or a wall clock stepped back: a new window.
            if (nowNs - windowStartNs >= SECOND_NS || nowNs < windowStartNs)
            {
                windowStartNs = nowNs;
                spent = 0;
            }
            if (spent >= perSecond)
            {
                return false;
            }
            spent++;
            return true;
        }
    }
}
