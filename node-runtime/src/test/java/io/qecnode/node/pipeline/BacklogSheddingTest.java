package io.qecnode.node.pipeline;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.frame.LogicalStateView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that falls behind says so and sheds: rounds arriving long after the hardware emitted them (stamped far in
 * the past, on a clock the test moves) make a backlog the node measures and exports; the blocks started while it is
 * over the bound go to the fallback, flagged and counted as shed, and decoding resumes once the rounds arrive on
 * time again.
 */
class BacklogSheddingTest
{
    private static final CodeDescription CODE = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 5, 5, 0.01);
    private static final long PERIOD_NS = 1_000;
    private static final long TRANSIT_NS = 100;
    private static final int LIMIT = 1_000;
    private static final int LATE_ROUNDS = 2 * LIMIT;
    private static final int BLOCKS_PER_PHASE = 10;

    private long emitNs = 1_000_000;

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void shouldShedTheBlocksStartedOverTheBoundAndResumeOnceCaughtUp(final int decodeThreads)
    {
        try (FrameFeed feed = new FrameFeed(CODE, new NodeContext().decodeThreads(decodeThreads).backlogLimit(LIMIT)))
        {
            // Rounds still with the decode threads add to the lag: at most the rounds of two phases fed before.
            final long inFlight = decodeThreads == 0 ? 0 : 2 * BLOCKS_PER_PHASE * CODE.rounds().roundCount();
            feedBlocks(feed, 0, TRANSIT_NS);
            assertTrue(feed.counters.maxBacklogRounds() <= inFlight, "on time: no backlog but rounds in flight");
            feedBlocks(feed, BLOCKS_PER_PHASE, TRANSIT_NS + LATE_ROUNDS * PERIOD_NS);
            feed.agent.awaitFolded(10_000_000_000L);
            feedBlocks(feed, 2 * BLOCKS_PER_PHASE, TRANSIT_NS);

            final List<LogicalStateView> states = feed.states();
            assertEquals(3 * BLOCKS_PER_PHASE, states.size());
            for (final LogicalStateView state : states)
            {
                final boolean late = state.blockSequence() >= BLOCKS_PER_PHASE &&
                    state.blockSequence() < 2 * BLOCKS_PER_PHASE;
                assertEquals(late, state.fallback(), "block " + state.blockSequence() + " shed: " + late);
            }
            assertEquals(BLOCKS_PER_PHASE, feed.counters.blocksShed());
            assertEquals(BLOCKS_PER_PHASE, feed.counters.blocksFallback());
            assertTrue(feed.counters.maxBacklogRounds() >= LATE_ROUNDS &&
                feed.counters.maxBacklogRounds() <= LATE_ROUNDS + inFlight, "max backlog " +
                feed.counters.maxBacklogRounds());
            assertTrue(feed.counters.backlogRounds() <= inFlight, "backlog at the end " +
                feed.counters.backlogRounds());
            assertTrue(feed.counters.describeBacklog().endsWith("shed " + BLOCKS_PER_PHASE + " blocks"),
                feed.counters.describeBacklog());
        }
    }

    @Test
    void shouldMeasureTheBacklogButNeverShedWithoutABound()
    {
        try (FrameFeed feed = new FrameFeed(CODE, new NodeContext().backlogLimit(0)))
        {
            feedBlocks(feed, 0, TRANSIT_NS);
            feedBlocks(feed, BLOCKS_PER_PHASE, TRANSIT_NS + LATE_ROUNDS * PERIOD_NS);

            assertEquals(LATE_ROUNDS, feed.counters.maxBacklogRounds());
            assertEquals(0, feed.counters.blocksShed());
            assertTrue(feed.states().stream().noneMatch(LogicalStateView::fallback));
        }
    }

    @Test
    void shouldNeverShedUnlessAskedAndBoundTheBacklogAtAThousandBlocksWhenAskedForTheDefault()
    {
        assertEquals(0, new NodeContext().code(CODE).backlogLimitRounds());
        assertEquals(1000L * CODE.rounds().roundCount(), new NodeContext().code(CODE)
            .backlogLimit(NodeContext.BACKLOG_LIMIT_AUTO).backlogLimitRounds());
    }

    // Blocks with no defect, emitted one round period apart, each arriving transitNs after its emit time.
    private void feedBlocks(final FrameFeed feed, final long firstBlock, final long transitNs)
    {
        for (long block = firstBlock; block < firstBlock + BLOCKS_PER_PHASE; block++)
        {
            for (int round = 0; round < CODE.rounds().roundCount(); round++)
            {
                emitNs += PERIOD_NS;
                feed.clock.update(emitNs + transitNs);
                feed.round(block, round, emitNs);
            }
        }
    }
}
