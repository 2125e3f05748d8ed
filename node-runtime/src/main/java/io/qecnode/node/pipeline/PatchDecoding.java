package io.qecnode.node.pipeline;

import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.pauli.LogicalFrame;

/**
 * One surface-code patch's blocks, round by round: the part of a decoding node that turns validated rounds into each
 * block's decoded logical flips, shared by the memory node ({@link NodeAgent}) and the chain node, which decodes one
 * patch per side.
 * <p>
 * A round of a new block starts it; a round already added, or one of the block just finished, is skipped and
 * counted as repeated; rounds lost on the way (a gap inside a block) are filled in empty and counted, so the block
 * can still be decoded and is flagged {@link LogicalStateFlags#INCOMPLETE}; a block whose end never arrives is
 * abandoned when the next one starts, counted as incomplete, and never finished. When a round ends its block
 * ({@link #onRound} returns true) the block's results stay readable until the next round.
 * <p>
 * <b>Note:</b> single-threaded, on the node's hot thread; allocates nothing after construction.
 */
public final class PatchDecoding
{
    private final BlockDecoder decoder;
    private final NodeCounters counters;
    private final int roundsPerBlock;
    private final int[] fired;
    private final boolean deferred;
    private boolean shedding;
    private long currentBlock = -1;
    private long logicalQubit;
    private int nextRound;
    private boolean inBlock;
    private boolean roundsLost;
    private boolean blocksMissedBefore;
    private boolean anyDefect;
    private int blockDefects;
    private long lastBlockFinished = -1;
    private long flips;
    private int blockFlags;

    /**
     * @param decoder              decodes the patch's blocks.
     * @param counters             counts rounds decoded, lost and repeated, blocks incomplete and decoded by the
     *                             fallback.
     * @param maxDetectorsPerRound most detectors of one round of the patch's code.
     */
    public PatchDecoding(final BlockDecoder decoder, final NodeCounters counters, final int maxDetectorsPerRound)
    {
        this(decoder, counters, maxDetectorsPerRound, false);
    }

    /**
     * @param decoder              decodes the patch's blocks.
     * @param counters             counts rounds lost and repeated, blocks incomplete and shed; and, unless deferred,
     *                             rounds decoded and blocks decoded by the fallback.
     * @param maxDetectorsPerRound most detectors of one round of the patch's code.
     * @param deferred             true when the decoder hands each block on and its result comes later (decode
     *                             threads): {@link #flips()} and the fallback flag are then not known here, and
     *                             whoever takes the result counts the rounds decoded and the fallback.
     */
    public PatchDecoding(
        final BlockDecoder decoder, final NodeCounters counters, final int maxDetectorsPerRound, final boolean deferred)
    {
        this.deferred = deferred;
        this.decoder = decoder;
        this.counters = counters;
        this.roundsPerBlock = decoder.roundsPerBlock();
        this.fired = new int[maxDetectorsPerRound];
    }

    /**
     * Add one round, already validated.
     *
     * @param view the round, wrapped.
     * @return true if the round ended its block: the block's results ({@link #flips()}, {@link #blockFlags()}, ...)
     *         are then readable.
     */
    public boolean onRound(final SyndromeRoundView view)
    {
        final long block = view.blockIndex();
        final int round = view.roundIndex();
        if (!inBlock && block == lastBlockFinished)
        {
            // A round of the block just decoded, resent under a new sequence: its result has gone already.
            counters.roundsRepeated.incrementOrdered();
            return false;
        }
        if (inBlock && block != currentBlock)
        {
            // The previous block's last round never came: it cannot be finished.
            decoder.abandonBlock();
            counters.blocksIncomplete.incrementOrdered();
            inBlock = false;
        }
        if (!inBlock)
        {
            inBlock = true;
            currentBlock = block;
            logicalQubit = view.logicalQubit();
            nextRound = 0;
            roundsLost = false;
            blocksMissedBefore = lastBlockFinished >= 0 && block != lastBlockFinished + 1;
            anyDefect = false;
            blockDefects = 0;
            decoder.shed(shedding);
            if (shedding)
            {
                counters.blocksShed.incrementOrdered();
            }
        }
        if (round < nextRound)
        {
            counters.roundsRepeated.incrementOrdered();
            return false;
        }
        while (nextRound < round)
        {
            decoder.addRound(nextRound++, fired, 0);
            counters.roundsLost.incrementOrdered();
            roundsLost = true;
        }
        final int count = view.firedDetectors(fired);
        anyDefect |= count > 0;
        blockDefects += count;
        decoder.addRound(round, fired, count);
        nextRound++;
        if (view.endOfBlock() || nextRound == roundsPerBlock)
        {
            finishBlock();
            return true;
        }
        return false;
    }

    private void finishBlock()
    {
        flips = decoder.finishBlock() & (LogicalFrame.X_FLIP | LogicalFrame.Z_FLIP);
        int flags = roundsLost ? LogicalStateFlags.INCOMPLETE : 0;
        if (decoder.blockUsedFallback())
        {
            flags |= LogicalStateFlags.FALLBACK;
            counters.blocksFallback.incrementOrdered();
        }
        if (!anyDefect)
        {
            flags |= LogicalStateFlags.CLEAN_BLOCK;
        }
        if (roundsLost)
        {
            counters.blocksIncomplete.incrementOrdered();
        }
        blockFlags = flags;
        if (!deferred)
        {
            counters.roundsDecoded.getAndAddOrdered(nextRound);
        }
        lastBlockFinished = currentBlock;
        inBlock = false;
    }

    /**
     * Shed load or stop shedding: the blocks started from now on go to the decoder's bounded fallback (see
     * {@link BlockDecoder#shed(boolean)}) and are counted as shed.
     *
     * @param on true while the node is over its backlog bound.
     */
    public void shed(final boolean on)
    {
        shedding = on;
    }

    /** @return detectors fired in the rounds of the block just finished (or in hand). */
    public int blockDefects()
    {
        return blockDefects;
    }

    /** @return the decoded logical flips of the block just finished, an observable-flip mask (X, Z bits only). */
    public long flips()
    {
        return flips;
    }

    /**
     * @return {@link LogicalStateFlags} of the block just finished by itself: incomplete if rounds of it were lost,
     *         fallback, clean. Whether blocks were missed before it is {@link #followsLastBlock()}.
     */
    public int blockFlags()
    {
        return blockFlags;
    }

    /** @return true if rounds of the block just finished were lost and filled in empty. */
    public boolean roundsLost()
    {
        return roundsLost;
    }

    /**
     * @return false if the block in hand (or just finished) does not follow the last block finished before it: the
     *         blocks between were never finished.
     */
    public boolean followsLastBlock()
    {
        return !blocksMissedBefore;
    }

    /** @return rounds that went into the block just finished (lost ones filled in included). */
    public int roundsDecoded()
    {
        return nextRound;
    }

    /** @return ns the decoder spent on the block just finished, summed over its windows. */
    public long decodeNs()
    {
        return decoder.blockDecodeNs();
    }

    /** @return ns the decoder spent on the block just finished after its last round arrived. */
    public long lastWindowNs()
    {
        return decoder.lastWindowNs();
    }

    /** @return the logical qubit of the block in hand or just finished, as its rounds name it. */
    public long logicalQubit()
    {
        return logicalQubit;
    }

    /** @return the block in hand, or the last one finished when between blocks (-1 for none). */
    public long currentBlock()
    {
        return inBlock ? currentBlock : lastBlockFinished;
    }

    /** @return the last block finished, -1 for none. */
    public long lastBlockFinished()
    {
        return lastBlockFinished;
    }

    /** @return true between blocks: no round of an unfinished block is held. */
    public boolean betweenBlocks()
    {
        return !inBlock;
    }

    /** @return rounds of the block in hand added so far (0 between blocks). */
    public int roundsInHand()
    {
        return inBlock ? nextRound : 0;
    }

    /**
     * Take the last block finished from a checkpoint, between blocks.
     *
     * @param lastBlock the last block finished, -1 for none.
     */
    public void restore(final long lastBlock)
    {
        lastBlockFinished = lastBlock;
    }
}
