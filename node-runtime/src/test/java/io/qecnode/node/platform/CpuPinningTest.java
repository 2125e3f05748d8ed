package io.qecnode.node.platform;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CpuPinningTest
{
    @Test
    void shouldGiveTheHotThreadItsCpuAndMoveEveryOtherThreadOff() throws Exception
    {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "Linux only");
        final BitSet allowed = CpuPinning.allowedCpus();
        assumeTrue(allowed.cardinality() >= 2, "needs two CPUs: " + allowed);
        final int hotCpu = allowed.length() - 1;
        final CompletableFuture<BitSet> hotThreadCpus = new CompletableFuture<>();
        try
        {
            assertTrue(CpuPinning.clearCpuForHotThread(hotCpu) > 5, "the JVM's threads were moved");
            final BitSet mine = CpuPinning.allowedCpusOfCurrentThread();
            assertFalse(mine.get(hotCpu), "this thread left CPU " + hotCpu + ": " + mine);
            assertFalse(mine.isEmpty());

            final Agent probe = new Agent()
            {
                @Override
                public int doWork()
                {
                    hotThreadCpus.complete(CpuPinning.allowedCpusOfCurrentThread());
                    return 0;
                }

                @Override
                public String roleName()
                {
                    return "pinning-probe";
                }
            };
            try (AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace,
                null, new PinnedAgent(probe, hotCpu)))
            {
                AgentRunner.startOnThread(runner);
                final BitSet expected = new BitSet();
                expected.set(hotCpu);
                assertEquals(expected, hotThreadCpus.get(10, TimeUnit.SECONDS), "the hot thread alone on its CPU");
            }
        }
        finally
        {
            CpuPinning.releaseAll();
        }
        assertTrue(CpuPinning.allowedCpusOfCurrentThread().get(hotCpu), "released");
    }

    @Test
    void shouldRefuseACpuTheMachineDoesNotHave()
    {
        final IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
            () -> CpuPinning.check(CpuPinning.allowedCpus().length()));
        assertTrue(none.getMessage().contains("no CPU") || none.getMessage().contains("needs Linux"),
            none.getMessage());
    }
}
