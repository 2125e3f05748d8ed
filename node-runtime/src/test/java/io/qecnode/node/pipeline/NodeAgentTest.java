package io.qecnode.node.pipeline;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.rounds.RoundStructure;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import io.qecnode.decoder.window.WindowConfig;
import io.qecnode.io.codec.Basis;
import io.qecnode.io.frame.FrameCounter;
import io.qecnode.io.frame.LogicalStateFlags;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LongArrayFrameCounters;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.telemetry.BlockTelemetry;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's hot path without transport: rounds encoded as the hardware sends them are handed straight to
 * {@link NodeAgent#onFrame}, time is a cached clock the test moves, and the next hop is a sender that keeps every
 * {@code LogicalState} it is given.
 * <p>
 * Frame bits are checked on the first block after a fresh agent only, where they are that block's decoded flips
 * whether or not the Pauli frame outlives a block.
 */
class NodeAgentTest
{
    private static final int NODE_ID = 3;
    private static final long SOURCE = 1;
    private static final long QUBIT = 9;
    private static final long ROUND_GAP_NS = 1_000;
    private static final long SEND_NS = 700;

    private final CodeDescription code = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.02);
    private final RoundStructure rounds = code.rounds();
    private final int roundsPerBlock = rounds.roundCount();
    private final CachedNanoClock clock = new CachedNanoClock();
    private final CapturingSender sender = new CapturingSender(clock);
    private final LongArrayFrameCounters frameCounters = new LongArrayFrameCounters();
    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));
    private final NodeCounters counters = NodeCounters.allocate(countersManager, "test");
    private final BlockTelemetry telemetry = new BlockTelemetry(1 << 12, countersManager.newCounter("dropped"));
    private final SyndromeRoundWriter roundWriter = new SyndromeRoundWriter();
    private final UnsafeBuffer roundFrame = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final long[] detectorWords = new long[4];
    private NodeAgent agent;
    private long sequence;

    @Test
    void shouldSendACleanStateNamingNodeBlockAndQubitForABlockWithNoDefects()
    {
        agent = newAgent(wholeBlockDecoder());
        deliverBlock(0, new int[0]);

        assertEquals(1, sender.states.size());
        final LogicalStateView state = sender.state(0);
        assertTrue(state.isChecksumValid());
        assertIdentity(state, 0);
        assertEquals(LogicalStateFlags.CLEAN_BLOCK, state.flags());
        assertEquals(0, state.frameBits());
        assertEquals(roundsPerBlock, state.roundsDecoded());
        assertEquals(1, counters.blocksOut());
        assertEquals(roundsPerBlock, counters.roundsDecoded());
        assertEquals(0, counters.blocksIncomplete());
        assertEquals(0, counters.roundsLost());
    }

    @Test
    void shouldForwardTheFlipsAnOfflineDecodeOfTheSameDefectsGives()
    {
        final ErrorSampler sampler = new ErrorSampler(code.graph(), 17);
        final SampledShot shot = new SampledShot(code.graph());
        int flipped = 0;
        int defective = 0;
        for (int i = 0; i < 300; i++)
        {
            sampler.sample(shot);
            final int[] defects = Arrays.copyOf(shot.defects(), shot.defectCount());
            agent = newAgent(wholeBlockDecoder());
            sender.states.clear();
            deliverBlock(i, defects);

            final LogicalStateView state = sender.state(0);
            final long expected = offlineDecode(defects);
            assertEquals(expected, state.frameBits(), "block " + i + " defects " + Arrays.toString(defects));
            assertEquals(defects.length == 0 ? LogicalStateFlags.CLEAN_BLOCK : 0, state.flags(), "block " + i);
            assertIdentity(state, i);
            flipped += expected != 0 ? 1 : 0;
            defective += defects.length > 0 ? 1 : 0;
        }
        assertTrue(flipped > 30 && defective > flipped, "shots with a flip " + flipped + ", with defects " + defective);
    }

    @Test
    void shouldFillALostRoundEmptyFlagTheStateIncompleteAndCountTheLoss()
    {
        agent = newAgent(wholeBlockDecoder());
        // Round 1's frame never arrives (its sequence is skipped); its defects must play no part in the decode.
        final int[] kept = {globalDetector(0, 0), globalDetector(2, 1)};
        for (int round = 0; round < roundsPerBlock; round++)
        {
            if (round == 1)
            {
                sequence++;
                continue;
            }
            deliver(sequence++, 0, round, localDefects(kept, round));
        }

        assertEquals(1, sender.states.size());
        final LogicalStateView state = sender.state(0);
        assertEquals(LogicalStateFlags.INCOMPLETE, state.flags());
        assertEquals(roundsPerBlock, state.roundsDecoded(), "the lost round was filled in and decoded");
        assertEquals(offlineDecode(kept), state.frameBits());
        assertEquals(1, counters.roundsLost());
        assertEquals(1, counters.blocksIncomplete());
        assertEquals(1, frameCounters.value(FrameCounter.GAPS));
        assertEquals(1, frameCounters.value(FrameCounter.MISSING));
    }

    @Test
    void shouldFlagABlockWithALostRoundAndNoDefectsBothCleanAndIncomplete()
    {
        agent = newAgent(wholeBlockDecoder());
        sequence++;
        for (int round = 1; round < roundsPerBlock; round++)
        {
            deliver(sequence++, 0, round);
        }

        assertEquals(LogicalStateFlags.CLEAN_BLOCK | LogicalStateFlags.INCOMPLETE, sender.state(0).flags());
        assertEquals(1, counters.roundsLost());
    }

    @Test
    void shouldAbandonABlockWhoseEndNeverCameAndSendNoStateForIt()
    {
        agent = newAgent(wholeBlockDecoder());
        for (int round = 0; round < roundsPerBlock - 1; round++)
        {
            deliver(sequence++, 0, round, round == 0 ? new int[]{0} : new int[0]);
        }
        sequence++;
        assertEquals(0, sender.states.size());
        assertFalse(agent.betweenBlocks(), "block 0 is still in hand");

        deliverBlock(1, new int[0]);

        assertEquals(1, sender.states.size(), "no state for the abandoned block");
        final LogicalStateView state = sender.state(0);
        assertIdentity(state, 1);
        assertEquals(LogicalStateFlags.CLEAN_BLOCK, state.flags(), "the abandoned block's defects do not carry over");
        assertEquals(0, state.frameBits());
        assertEquals(1, counters.blocksIncomplete());
        assertEquals(1, counters.blocksOut());
        assertEquals(roundsPerBlock, counters.roundsDecoded(), "only the finished block's rounds count as decoded");
        assertEquals(0, counters.roundsLost());
    }

    @Test
    void shouldIgnoreADuplicateFrameAndARepeatedRoundWithoutCountingThemTwice()
    {
        agent = newAgent(wholeBlockDecoder());
        final int[] defects = {globalDetector(0, 0), globalDetector(1, 2)};
        final long first = sequence++;
        deliver(first, 0, 0, localDefects(defects, 0));
        // The same frame again, same sequence: the validator rejects it as a duplicate.
        deliver(first, 0, 0, localDefects(defects, 0));
        deliver(sequence++, 0, 1, localDefects(defects, 1));
        // Round 0 again under a new sequence, with other defects: the validator accepts it, the node skips it.
        deliver(sequence++, 0, 0, 1, 2);
        for (int round = 2; round < roundsPerBlock; round++)
        {
            deliver(sequence++, 0, round, localDefects(defects, round));
        }

        assertEquals(1, sender.states.size());
        final LogicalStateView state = sender.state(0);
        assertEquals(0, state.flags());
        assertEquals(offlineDecode(defects), state.frameBits());
        assertEquals(roundsPerBlock, state.roundsDecoded());
        assertEquals(roundsPerBlock, counters.roundsDecoded());
        assertEquals(0, counters.roundsLost());
        assertEquals(0, counters.blocksIncomplete());
        assertEquals(1, frameCounters.value(FrameCounter.DUPLICATE));
        assertEquals(roundsPerBlock + 1, frameCounters.value(FrameCounter.ACCEPTED));
        assertEquals(1, counters.roundsRepeated(), "the repeated round is counted, not lost silently");

        // The finished block's last round resent under a new sequence: no second state, no rounds lost.
        deliver(sequence++, 0, roundsPerBlock - 1, localDefects(defects, roundsPerBlock - 1));
        assertEquals(1, sender.states.size(), "one state per block");
        assertEquals(0, counters.roundsLost());
        assertEquals(2, counters.roundsRepeated());
        assertTrue(agent.betweenBlocks());
    }

    @Test
    void shouldRejectARoundThatArrivesAfterItsBlockWasFilledInAndFinished()
    {
        agent = newAgent(wholeBlockDecoder());
        final long lostSequence = sequence + 1;
        for (int round = 0; round < roundsPerBlock; round++)
        {
            if (round == 1)
            {
                sequence++;
                continue;
            }
            deliver(sequence++, 0, round);
        }
        deliver(sequence++, 1, 0);
        // Block 0's round 1 turns up late, while block 1 is in hand: rejected, and block 1 goes on undisturbed.
        deliver(lostSequence, 0, 1, 0);
        for (int round = 1; round < roundsPerBlock; round++)
        {
            deliver(sequence++, 1, round);
        }

        assertEquals(2, sender.states.size());
        assertEquals(LogicalStateFlags.INCOMPLETE | LogicalStateFlags.CLEAN_BLOCK, sender.state(0).flags());
        assertIdentity(sender.state(1), 1);
        assertEquals(LogicalStateFlags.CLEAN_BLOCK, sender.state(1).flags());
        assertEquals(1, frameCounters.value(FrameCounter.OUT_OF_ORDER));
        assertEquals(1, counters.blocksIncomplete());
        assertEquals(1, counters.roundsLost());
        assertEquals(2L * roundsPerBlock, counters.roundsDecoded());
    }

    @Test
    void shouldFlagFallbackWhenAWindowHoldsMoreDefectsThanItsCap()
    {
        // One window over the whole block with a cap of two defects: three send the block to the bounded fallback.
        agent = newAgent(new StreamingBlockDecoder(code.graph(), rounds,
            new WindowConfig(roundsPerBlock, roundsPerBlock, 2, DecoderMode.WEIGHTED)));
        deliverBlock(0, new int[]{globalDetector(0, 0), globalDetector(1, 1)});
        deliverBlock(1, new int[]{globalDetector(0, 0), globalDetector(1, 1), globalDetector(2, 2)});

        assertEquals(2, sender.states.size());
        assertEquals(0, sender.state(0).flags(), "two defects are within the cap");
        assertEquals(LogicalStateFlags.FALLBACK, sender.state(1).flags());
        assertIdentity(sender.state(1), 1);
        assertEquals(1, counters.blocksFallback());
    }

    @Test
    void shouldHandTelemetryTheReactionFromTheLastRoundInToTheStateOffered()
    {
        agent = newAgent(wholeBlockDecoder());
        deliverBlock(0, new int[]{globalDetector(0, 0)});
        deliverBlock(1, new int[0]);

        final List<long[]> events = new ArrayList<>();
        telemetry.drain((block, reactionNs, decodeNs, lastWindowNs, flags) -> events.add(new long[]{block,
            reactionNs, decodeNs, flags}), 16);
        assertEquals(2, events.size());
        for (int i = 0; i < 2; i++)
        {
            final long[] event = events.get(i);
            final LogicalStateView state = sender.state(i);
            assertEquals(state.blockSequence(), event[0]);
            // The clock moves between rounds and while the state is sent; only the send lies in the reaction.
            assertEquals(SEND_NS, event[1], "reaction of block " + i);
            assertEquals(state.decodeTimeNs(), event[2], "the state and the telemetry agree on the decode time");
            assertEquals(state.flags(), event[3]);
        }
        assertEquals(SEND_NS, counters.maxReactionNs());
    }

    // The one place the agent is built: the constructor is about to give way to a context and a factory.
    private NodeAgent newAgent(final BlockDecoder decoder)
    {
        return NodeFactory.newNodeAgent(new NodeContext().code(code).nodeId(NODE_ID).blockDecoders(() -> decoder)
            .sender(sender).counters(counters).frameCounters(frameCounters).telemetry(telemetry).clock(clock));
    }

    // A window as long as the block: the agent's decode must then equal a batch decode of the block.
    private StreamingBlockDecoder wholeBlockDecoder()
    {
        return new StreamingBlockDecoder(code.graph(), rounds,
            WindowConfig.of(roundsPerBlock, roundsPerBlock).growth(DecoderMode.WEIGHTED));
    }

    private long offlineDecode(final int[] defects)
    {
        final int[] sorted = defects.clone();
        Arrays.sort(sorted);
        final UnionFindDecoder decoder = new UnionFindDecoder(code.graph(), DecoderMode.WEIGHTED);
        return decoder.decode(sorted, sorted.length, new DecodeResult(code.graph())) & 3;
    }

    private void deliverBlock(final long block, final int[] globalDefects)
    {
        for (int round = 0; round < roundsPerBlock; round++)
        {
            deliver(sequence++, block, round, localDefects(globalDefects, round));
        }
    }

    private void deliver(final long frameSequence, final long block, final int round, final int... localDefects)
    {
        Arrays.fill(detectorWords, 0);
        for (final int detector : localDefects)
        {
            detectorWords[detector >>> 6] |= 1L << detector;
        }
        clock.advance(ROUND_GAP_NS);
        final int length = roundWriter.encode(roundFrame, 0, SOURCE, QUBIT, frameSequence, block, round,
            round == roundsPerBlock - 1, code.distance(), Basis.Z, clock.nanoTime(), detectorWords,
            rounds.detectorCount(round));
        agent.onFrame(roundFrame, 0, length);
    }

    private int globalDetector(final int round, final int local)
    {
        return rounds.firstDetector(round) + local;
    }

    private int[] localDefects(final int[] globalDefects, final int round)
    {
        return Arrays.stream(globalDefects)
            .filter(detector -> rounds.roundOf(detector) == round)
            .map(detector -> detector - rounds.firstDetector(round))
            .sorted()
            .toArray();
    }

    private void assertIdentity(final LogicalStateView state, final long block)
    {
        assertEquals(NODE_ID, state.nodeId());
        assertEquals(block, state.blockSequence());
        assertEquals(QUBIT, state.logicalQubit());
    }

    /** The next hop: keeps a copy of every state, and takes {@link #SEND_NS} of the cached clock to send one. */
    private static final class CapturingSender implements FrameSender
    {
        private final CachedNanoClock clock;
        private final List<UnsafeBuffer> states = new ArrayList<>();

        CapturingSender(final CachedNanoClock clock)
        {
            this.clock = clock;
        }

        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            states.add(new UnsafeBuffer(copy));
            clock.advance(SEND_NS);
            return true;
        }

        LogicalStateView state(final int index)
        {
            return new LogicalStateView().wrap(states.get(index), 0);
        }
    }
}
