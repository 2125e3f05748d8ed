package io.qecnode.node.harness.chain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChainFaultSyntaxTest
{
    @Test
    void readsEachKindAimedAtItsNodeStreamAndEpoch()
    {
        assertEquals("ChainFaultPlan{drop right node=0 epoch=4, delay left node=2 epoch=9 delayNs=5000000, " +
            "drop bell node=1 epoch=7, delay bell node=2 epoch=8 delayNs=1000, drop left node=3 epoch=0}",
            ChainFaultSyntax.parse("drop-rounds:0:right:4, delay-rounds:2:LEFT:9:5ms,drop-bell:1:7," +
            "delay-bell:2:8:1us,drop-rounds:3:left:0", 2).toString());
        assertEquals(0, ChainFaultSyntax.parse("none", 2).size());
        assertEquals(0, ChainFaultSyntax.parse(" ", 2).size());
    }

    @Test
    void refusesAnEntryItCannotAimAndSaysWhich()
    {
        assertEquals("epoch must be a whole number in 'drop-bell:1:'",
            assertThrows(IllegalArgumentException.class, () -> ChainFaultSyntax.parse("drop-bell:1:", 1))
            .getMessage());
        assertEquals("unknown chain fault '' (drop-rounds, delay-rounds, drop-bell, delay-bell) in ''",
            assertThrows(IllegalArgumentException.class, () -> ChainFaultSyntax.parse("drop-bell:1:2,", 1))
            .getMessage());
        assertEquals("a chain without repeaters measures no Bell pair in 'drop-bell:1:2'",
            assertThrows(IllegalArgumentException.class, () -> ChainFaultSyntax.parse("drop-bell:1:2", 0))
            .getMessage());
    }
}
