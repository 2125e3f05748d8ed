package io.qecnode.node.pipeline;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.decoder.window.WindowConfig;
import io.qecnode.io.frame.LogicalStateFlags;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decode threads change where blocks are decoded, not what the node sends: the same frames, with rounds lost,
 * repeated, a block abandoned and one missed, and windows over the defect cap, give the same states (block, qubit,
 * frame, rounds, flags, origin) and the same counts on the hot thread alone as with one or three decode threads.
 */
class ParallelDecodingTest
{
    private static final CodeDescription CODE = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 5, 11, 0.01);
    private static final int BLOCKS = 80;
    private static final long PERIOD_NS = 1_000;

    @Test
    void shouldSendTheSameStatesWithZeroOneAndThreeDecodeThreads()
    {
        final List<int[]> script = script(new Random(14));
        final Result sequential = run(script, 0);
        final Result oneThread = run(script, 1);
        final Result threeThreads = run(script, 3);

        assertEquals(sequential.states, oneThread.states);
        assertEquals(sequential.states, threeThreads.states);
        assertEquals(sequential.counts, oneThread.counts);
        assertEquals(sequential.counts, threeThreads.counts);
        // The script exercises what it means to: flags of each kind, and results that differ from block to block.
        assertTrue(sequential.flagged(LogicalStateFlags.FALLBACK), sequential.states.toString());
        assertTrue(sequential.flagged(LogicalStateFlags.INCOMPLETE), sequential.states.toString());
        assertTrue(sequential.flagged(LogicalStateFlags.CLEAN_BLOCK), sequential.states.toString());
        assertTrue(sequential.states.stream().map(state -> state.replaceAll(".*frame=(\\d+).*", "$1")).distinct()
            .count() > 1, "the frame changes over the run");
    }

    private static Result run(final List<int[]> script, final int threads)
    {
        // Streaming, window by window, with a defect cap low enough that the dense blocks go to the fallback.
        final NodeContext context = new NodeContext().decodeThreads(threads).backlogLimit(0).blockDecoders(() ->
            new StreamingBlockDecoder(CODE.graph(), CODE.rounds(), WindowConfig.of(5, 2).maxDefectsPerWindow(6)));
        try (FrameFeed feed = new FrameFeed(CODE, context))
        {
            for (final int[] event : script)
            {
                feed.clock.advance(PERIOD_NS);
                feed.round(event[0], event[1], feed.clock.nanoTime() - 100,
                    IntStream.of(event).skip(2).toArray());
            }
            final List<String> states = feed.stateFields();
            final NodeCounters c = feed.counters;
            return new Result(states, List.of(c.roundsDecoded(), c.blocksOut(), c.blocksFallback(),
                c.blocksIncomplete(), c.roundsLost(), c.roundsRepeated(), c.blocksShed()));
        }
    }

    // Each event: block, round, then the detectors fired.
    private static List<int[]> script(final Random random)
    {
        final int rounds = CODE.rounds().roundCount();
        final List<int[]> events = new ArrayList<>();
        for (int block = 0; block < BLOCKS; block++)
        {
            if (block == 40)
            {
                continue;
            }
            final int lastRound = block == 10 ? 5 : rounds - 1;
            for (int round = 0; round <= lastRound; round++)
            {
                if (block == 20 && (round == 3 || round == 4))
                {
                    continue;
                }
                final int[] event = event(block, round, fired(random, round, block % 25 == 7 ? 0.5 : block % 9 == 4 ? 0 : 0.04));
                events.add(event);
                if (block == 30 && (round == 2 || round == lastRound))
                {
                    events.add(event);
                }
            }
        }
        return events;
    }

    private static int[] fired(final Random random, final int round, final double p)
    {
        return IntStream.range(0, CODE.rounds().detectorCount(round)).filter(d -> random.nextDouble() < p).toArray();
    }

    private static int[] event(final int block, final int round, final int[] fired)
    {
        final int[] event = new int[fired.length + 2];
        event[0] = block;
        event[1] = round;
        System.arraycopy(fired, 0, event, 2, fired.length);
        return event;
    }

    private static final class Result
    {
        final List<String> states;
        final List<Long> counts;

        Result(final List<String> states, final List<Long> counts)
        {
            this.states = states;
            this.counts = counts;
        }

        boolean flagged(final int flag)
        {
            return states.stream().anyMatch(state ->
                (Integer.parseInt(state.replaceAll(".*flags=(\\d+).*", "$1")) & flag) != 0);
        }
    }
}
