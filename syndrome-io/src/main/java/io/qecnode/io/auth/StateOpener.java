package io.qecnode.io.auth;

import io.qecnode.io.frame.LogicalStateWriter;
import org.agrona.DirectBuffer;

/**
 * Opens received states of one link direction on the hot thread: checks the seal's length, that the link is admitted,
 * that the key generation is still accepted, and the MAC. Allocates nothing, takes no lock.
 * <p>
 * Generations grow with each install (the holder numbers them), so "older" is "smaller".
 * <p>
 * Rotation without a lost state: the holder installs a new key before the sender seals with it, so for a while
 * states still arrive under the one before. The opener therefore keeps, besides the newest generation, the previous
 * one: accepted without a time limit until the first state opens under the newest (the sender has switched), then
 * for the overlap more, for states that were already in flight. Anything older is refused as {@link SealCheck#OLD_KEY}
 * even if {@link SessionKeys} still holds it.
 * <p>
 * The policy lives here, on the hot thread, not in {@link SessionKeys}: the opener reads the volatile
 * {@link SessionKeys#newestGeneration()} on each call and notices a new install by its change; the previous is the
 * one the holder installed before the newest ({@link SessionKeys#previousGeneration()}), even when no state came
 * under it yet (states may start flowing in the middle of a rotation). Neither a revocation's call nor an install
 * after a revocation keeps a previous generation, so a later re-admission does not accept the key from before the
 * revocation.
 * <p>
 * Replay is not checked here: the caller checks the epoch of an {@link SealCheck#OPENED} state.
 * <p>
 * Single-threaded: the hot thread that receives on the link.
 */
public final class StateOpener
{
    private final SessionKeys keys;
    private final long overlapNs;
    private int newest = SessionKeys.NO_GENERATION;
    private int previous = SessionKeys.NO_GENERATION;
    private boolean newestOpened;
    private long overlapEndsNs;
    private long opened;

    /**
     * @param keys      the receive keys of the link direction.
     * @param overlapNs how long the previous generation is still accepted after the first state under the newest.
     * @throws IllegalArgumentException if the overlap is negative.
     */
    public StateOpener(final SessionKeys keys, final long overlapNs)
    {
        if (overlapNs < 0)
        {
            throw new IllegalArgumentException("overlap " + overlapNs + " ns < 0");
        }
        this.keys = keys;
        this.overlapNs = overlapNs;
    }

    /**
     * Check a received state.
     *
     * @param buffer holding the received bytes.
     * @param offset of the state (its frame) in the buffer.
     * @param length received, the whole message.
     * @param epoch  the frame carries; its checksum is the caller's to verify first.
     * @param nowNs  the hot thread's clock, for the overlap.
     * @return {@link SealCheck#OPENED} if the state may be used, else why not.
     */
    public SealCheck open(
        final DirectBuffer buffer, final int offset, final int length, final long epoch, final long nowNs)
    {
        if (length == LogicalStateWriter.FRAME_LENGTH)
        {
            return SealCheck.NO_MAC;
        }
        if (length != SealedState.LENGTH)
        {
            return SealCheck.BAD_LENGTH;
        }
        if (!keys.isAdmitted())
        {
            newest = SessionKeys.NO_GENERATION;
            previous = SessionKeys.NO_GENERATION;
            return SealCheck.NOT_ADMITTED;
        }
        followInstalls();

        final int generation = SealedState.generation(buffer, offset);
        final boolean isNewest = generation == newest;
        if (!isNewest)
        {
            if (generation < 0 || generation > newest)
            {
                return SealCheck.WRONG_MAC;
            }
            if (generation != previous || !withinOverlap(nowNs))
            {
                return SealCheck.OLD_KEY;
            }
        }
        final StateMac mac = keys.mac(generation);
        if (mac == null || !mac.verify(buffer, offset, LogicalStateWriter.FRAME_LENGTH, epoch,
            buffer, offset + SealedState.MAC_OFFSET))
        {
            return SealCheck.WRONG_MAC;
        }
        if (isNewest && !newestOpened)
        {
            // The sender has switched: states under the previous key may only still be in flight.
            newestOpened = true;
            overlapEndsNs = nowNs + overlapNs;
        }
        opened++;

        return SealCheck.OPENED;
    }

    /**
     * @return the newest generation as of the last call, {@link SessionKeys#NO_GENERATION} before the first admitted
     * one and after a call that found the link revoked.
     */
    public int newestGeneration()
    {
        return newest;
    }

    /**
     * @return when the previous generation stops being accepted, on the {@code nowNs} clock; {@link Long#MAX_VALUE}
     * while no state has opened under the newest yet.
     */
    public long overlapEndsNs()
    {
        return newestOpened ? overlapEndsNs : Long.MAX_VALUE;
    }

    /**
     * @return states opened so far.
     */
    public long opened()
    {
        return opened;
    }

    private void followInstalls()
    {
        final int installed = keys.newestGeneration();
        if (installed != newest)
        {
            // The holder's previous key, even if this opener never saw it as newest (no state came under it yet).
            previous = keys.previousGeneration();
            newest = installed;
            newestOpened = false;
        }
    }

    /** Compared as {@link System#nanoTime()} values are: by difference, so a clock that wraps still works. */
    private boolean withinOverlap(final long nowNs)
    {
        return !newestOpened || nowNs - overlapEndsNs < 0;
    }
}
