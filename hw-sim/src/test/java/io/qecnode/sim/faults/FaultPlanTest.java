package io.qecnode.sim.faults;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultPlanTest
{
    @Test
    void shouldReadRatesSchedulesStallsAndBursts()
    {
        final FaultPlan plan = FaultPlan.parse("drop=0.001, reorder@5000,corrupt=1e-4,stall@20000:200us,burst@1000:10:5");
        assertEquals(0.001, plan.rate(FaultKind.DROP));
        assertEquals(5000, plan.every(FaultKind.REORDER));
        assertEquals(1e-4, plan.rate(FaultKind.CORRUPT));
        assertEquals(20000, plan.every(FaultKind.STALL));
        assertEquals(200_000, plan.stallNs());
        assertEquals(1000, plan.every(FaultKind.BURST));
        assertEquals(10, plan.burstBlocks());
        assertEquals(5.0, plan.burstFactor());
        assertTrue(FaultPlan.parse("none").isEmpty());
        assertTrue(FaultPlan.parse("").isEmpty());
        assertEquals(plan.toString(), FaultPlan.parse(plan.toString()).toString());
    }

    @Test
    void shouldNameWhatIsWrongWithABadPlan()
    {
        assertMessage("unknown fault 'delay'", "delay=0.1");
        assertMessage("kind=P or kind@N", "drop");
        assertMessage("probability must be in (0, 1]", "drop=1.5");
        assertMessage("period must be >= 1", "drop@0");
        assertMessage("not a number", "drop=often");
        assertMessage("stall needs a duration", "stall@10");
        assertMessage("duration needs a unit", "stall@10:200");
        assertMessage("burst needs blocks and a factor", "burst@10:3");
        assertMessage("fault named twice", "drop=0.1,drop@5");
        assertMessage("add up to more than 1", "drop=0.6,corrupt=0.6");
    }

    private static void assertMessage(final String expected, final String plan)
    {
        final String message = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(plan)).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
