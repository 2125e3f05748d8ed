package io.qecnode.bench.cli;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.node.harness.PipelineRun;
import io.qecnode.node.harness.SimulateCommand;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code simulate} and {@code latency} judge the same finished run alike: the verdict line {@code simulate} ends its
 * summary with is the one {@code latency} prints, for a healthy run and for each way a run fails.
 */
class OneVerdictRuleTest
{
    private static final CodeDescription CODE = CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.001);

    @Test
    void shouldGiveTheSameVerdictThroughSimulateAndLatency()
    {
        final List<PipelineRun> runs = List.of(
            PipelineRun.finished(0, true, 1, 1.0),
            PipelineRun.finished(3, true, 1, 1.0),
            PipelineRun.finished(0, false, 1, 1.0),
            PipelineRun.finished(0, true, 50_000, 1.0),
            PipelineRun.finished(0, true, 1, 0.9));
        int failed = 0;
        final java.util.Set<String> lines = new java.util.HashSet<>();
        for (final PipelineRun run : runs)
        {
            final String text = SimulateCommand.summary(CODE, run);
            final String simulate = text.substring(text.lastIndexOf('\n') + 1);
            final String latency = LatencyCommand.verdict(run).line("latency");
            assertEquals(latency.replaceFirst("^latency: ", ""), simulate.replaceFirst("^simulate: ", ""), text);
            assertTrue(text.contains("schedule            " + LatencyCommand.verdict(run).scheduleLine()), text);
            failed += simulate.startsWith("simulate: FAILED: ") ? 1 : 0;
            lines.add(simulate);
        }
        assertEquals(runs.size() - 1, failed, "only the healthy run passes");
        // Each failing run fails for its own reason: one catch-all failure would make the comparison above empty.
        assertEquals(runs.size(), lines.size(), lines.toString());
    }
}
