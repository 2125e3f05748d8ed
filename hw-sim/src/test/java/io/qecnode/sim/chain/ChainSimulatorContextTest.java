package io.qecnode.sim.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.transport.FrameSender;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainSimulatorContextTest
{
    private static final CodeDescription D3 = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.01);
    private static final CodeDescription D5 = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 5, 5, 0.01);
    private static final FrameSender DISCARD = (buffer, offset, length) -> true;

    @Test
    void shouldFillTheDefaultsAndKeepOneScheduleForTheWholeChain()
    {
        final ChainSimulatorContext ctx = wired().nodes(2, 0).conclude();
        assertArrayEquals(new int[]{0, 2}, ctx.nodes(), "ascending");
        assertEquals(ChainSimulatorContext.PERIOD_NS_DEFAULT, ctx.periodNs());
        assertEquals(0, ctx.epochLimit());
        assertEquals(D5.rounds().roundCount(), ctx.slotsPerEpoch(), "the longest block of any link, run or not");
        assertTrue(ctx.clock() != null);
        assertArrayEquals(new int[]{0, 1, 2}, wired().conclude().nodes(), "every node by default");
    }

    @Test
    void shouldNameTheSettingAtFault()
    {
        assertMessage(IllegalStateException.class, "linkCodes=unset", () -> new ChainSimulatorContext());
        assertMessage(IllegalArgumentException.class, "nodes=[0, 3]", () -> wired().nodes(0, 3));
        assertMessage(IllegalArgumentException.class, "nodes=[1, 1]", () -> wired().nodes(1, 1));
        assertMessage(IllegalArgumentException.class, "periodNs=-1", () -> wired().periodNs(-1));
        assertMessage(IllegalArgumentException.class, "epochLimit=-2", () -> wired().epochLimit(-2));
        assertMessage(IllegalArgumentException.class, "burstFactor=0.5", () -> wired().burstFactor(0.5));
        assertMessage(IllegalArgumentException.class, "heldFrames=0", () -> wired().heldFrames(0));
        assertMessage(IllegalArgumentException.class, "faults=", () -> wired().faults(ChainFaultPlan.NONE
            .dropBell(3, 0)));
        assertMessage(IllegalStateException.class, "truthSender=unset", () -> wired().truthSender(null));
        assertMessage(IllegalStateException.class, "bellSenders=unset", () -> wired().bellSenders(null));
        // A process that runs only end nodes needs no Bell sender.
        wired().bellSenders(null).nodes(0, 2).conclude();
        assertThrows(IllegalArgumentException.class, () -> ChainFaultPlan.NONE.delayBell(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ChainFaultPlan.NONE.dropRounds(1, 2, 0));
    }

    private static ChainSimulatorContext wired()
    {
        return new ChainSimulatorContext().linkCodes(D3, D5).roundSenders((node, side) -> DISCARD)
            .bellSenders(node -> DISCARD).truthSender(DISCARD);
    }

    private static void assertMessage(
        final Class<? extends RuntimeException> kind, final String setting, final Supplier<ChainSimulatorContext> ctx)
    {
        final RuntimeException ex = assertThrows(kind, () -> ctx.get().conclude());
        assertTrue(ex.getMessage().contains(setting), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), "one line");
    }
}
