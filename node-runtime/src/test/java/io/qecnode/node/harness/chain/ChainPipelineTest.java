package io.qecnode.node.harness.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.node.pipeline.NodeContext;
import io.qecnode.sim.chain.ChainFaultPlan;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainPipelineTest
{
    @Test
    void aChainOfTwoRepeatersInOneProcessIsJudgedEpochByEpochAndAgreesWithItsPrediction() throws Exception
    {
        final CodeDescription[] links = new CodeDescription[3];
        Arrays.fill(links, CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.03));
        final ChainPipelineConfig config = new ChainPipelineConfig(links,
            link -> new NodeContext().code(links[link]), 7, TimeUnit.MICROSECONDS.toNanos(20), ChainFaultPlan.NONE,
            TimeUnit.SECONDS.toNanos(2), "localhost", 24650, new YieldingIdleStrategy(),
            new YieldingIdleStrategy(), true);
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final ChainPipeline pipeline = ChainPipeline.start(config, error::set);
        try
        {
            while (pipeline.verifier().epochsJudged() < 3000)
            {
                TimeUnit.MILLISECONDS.sleep(10);
                assertNull(error.get());
            }
            assertTrue(pipeline.stopAndDrain(TimeUnit.SECONDS.toNanos(10)));
        }
        finally
        {
            pipeline.close();
        }
        final ChainVerifierAgent verifier = pipeline.verifier();
        final FidelityCounter fidelity = verifier.fidelityCounter();
        verifier.summaryLines().forEach(System.out::println);
        assertEquals(pipeline.simulator().epochsCompleted(), fidelity.epochs());
        assertEquals(0, fidelity.incomplete() + fidelity.failed(), verifier.assembly().summary());
        assertEquals(0, verifier.assembly().count(EpochAssembly.Counter.MALFORMED_TRUTH) +
            verifier.assembly().count(EpochAssembly.Counter.MALFORMED_REPORT), verifier.assembly().summary());
        assertEquals(0, verifier.algebraMismatches());
        assertTrue(fidelity.wrong() > 0, "p=0.03 at d=3 leaves logical errors to count");
        assertTrue(fidelity.predictedInside(), fidelity.summary());
        assertTrue(pipeline.hopNs().getIntervalHistogram().getTotalCount() > 0);
    }
}
