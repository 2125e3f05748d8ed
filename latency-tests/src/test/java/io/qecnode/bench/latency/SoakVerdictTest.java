package io.qecnode.bench.latency;

import io.qecnode.node.harness.PipelineRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoakVerdictTest
{
    private static final PipelineRun HEALTHY = PipelineRun.finished(0, true, 1, 1.0);

    private static PipelineRun.Interval interval(
        final long index, final boolean warm, final long lost, final long p99, final long gc, final long bytes)
    {
        return probed(index, warm, lost, p99, gc, bytes, -1);
    }

    private static PipelineRun.Interval probed(
        final long index, final boolean warm, final long lost, final long p99, final long gc, final long bytes,
        final long probeP99)
    {
        return new PipelineRun.Interval(index, warm, 1000 * (index + 1), 100 * (index + 1), 1, lost, 0, 0,
            100 * (index + 1), 0, p99, p99 * 2, gc, bytes, 0, 0, probeP99);
    }

    /** Warm intervals of our p99 and the probe's, after one warm-up interval. */
    private static PipelineRun.Interval[] withProbe(final long[] ours, final long[] probe)
    {
        final PipelineRun.Interval[] intervals = new PipelineRun.Interval[ours.length + 1];
        intervals[0] = probed(0, false, 0, 90_000, 2, 50_000, 40_000);
        for (int i = 0; i < ours.length; i++)
        {
            intervals[i + 1] = probed(i + 1, true, 0, ours[i], 0, 0, probe[i]);
        }
        return intervals;
    }

    private static SoakVerdict judge(final PipelineRun run, final PipelineRun.Interval... intervals)
    {
        final SoakVerdict verdict = new SoakVerdict(3.0);
        for (final PipelineRun.Interval interval : intervals)
        {
            verdict.add(interval);
        }
        verdict.finish(run);
        return verdict;
    }

    private static PipelineRun.Interval[] steady(final long... p99s)
    {
        final PipelineRun.Interval[] intervals = new PipelineRun.Interval[p99s.length + 1];
        // Warm-up allocates and collects: that must not count.
        intervals[0] = interval(0, false, 0, 90_000, 2, 50_000);
        for (int i = 0; i < p99s.length; i++)
        {
            intervals[i + 1] = interval(i + 1, true, 0, p99s[i], 0, 0);
        }
        return intervals;
    }

    @Test
    void shouldPassASteadyRunWhateverTheWarmUpDid()
    {
        final SoakVerdict verdict = judge(HEALTHY, steady(5000, 6000, 5500, 7000, 6500, 6000));
        assertTrue(verdict.passed(), verdict.failures().toString());
        assertEquals(6500.0 / 5500.0, verdict.drift(), 1e-9, "median of the last three over the first three");
        assertTrue(verdict.summary().contains("\nsoak PASSED: 6 intervals after warm-up"), verdict.summary());
    }

    @Test
    void shouldFailWhenTheP99DriftsUpBeyondTheFactor()
    {
        final SoakVerdict verdict = judge(HEALTHY,
            steady(5000, 5000, 5000, 16_000, 16_000, 16_000));
        assertFalse(verdict.passed());
        assertEquals(3.2, verdict.drift(), 1e-9);
        assertTrue(verdict.failures().get(0).contains("drifted up 3.20x"), verdict.failures().toString());
    }

    @Test
    void shouldNotCallOneSlowIntervalADrift()
    {
        final SoakVerdict verdict = judge(HEALTHY,
            steady(5000, 5000, 5000, 5000, 90_000, 5000));
        assertTrue(verdict.passed(), verdict.failures().toString());
    }

    @Test
    void shouldJudgeDriftOnThirdsOfALongRun()
    {
        final long[] p99s = new long[30];
        for (int i = 0; i < p99s.length; i++)
        {
            // Every fifth interval is a noisy one; the last third sits four times higher than the first.
            p99s[i] = (i % 5 == 4 ? 90_000 : 5000) * (i >= 20 ? 4 : 1);
        }
        final SoakVerdict verdict = judge(HEALTHY, steady(p99s));
        assertFalse(verdict.passed());
        assertEquals(4.0, verdict.drift(), 1e-9);

        p99s[29] = 5000;
        p99s[28] = 5000;
        for (int i = 20; i < 28; i++)
        {
            p99s[i] = i % 5 == 4 ? 360_000 : 5000;
        }
        final SoakVerdict noisyButFlat = judge(HEALTHY, steady(p99s));
        assertTrue(noisyButFlat.passed(), noisyButFlat.failures().toString());
        assertEquals(1.0, noisyButFlat.drift(), 1e-9);
    }

    @Test
    void shouldFailOnHotThreadAllocationOrCollectionAfterWarmUp()
    {
        final PipelineRun.Interval[] intervals = steady(5000, 5000, 5000, 5000);
        intervals[3] = interval(3, true, 0, 5000, 1, 64);
        final SoakVerdict verdict = judge(HEALTHY, intervals);
        assertFalse(verdict.passed());
        assertEquals(2, verdict.failures().size(), verdict.failures().toString());
        assertTrue(verdict.failures().get(0).contains("allocated 64 bytes"));
        assertTrue(verdict.failures().get(1).contains("1 garbage collection"));
    }

    @Test
    void shouldFailOnUnaccountedLossOrAnUndrainedOrLaggingPipeline()
    {
        final SoakVerdict lost = judge(PipelineRun.finished(3, true, 1, 1.0), steady(5000, 5000));
        assertFalse(lost.passed());
        assertTrue(lost.failures().get(0).startsWith("3 frame(s) or block(s) lost unaccounted"),
            lost.failures().toString());

        final SoakVerdict undrained = judge(PipelineRun.finished(0, false, 1, 1.0), steady(5000, 5000));
        assertFalse(undrained.passed());

        final SoakVerdict behind = judge(PipelineRun.finished(0, true, 50_000, 1.0), steady(5000, 5000));
        assertFalse(behind.passed());
        assertTrue(behind.failures().get(0).contains("fell behind"), behind.failures().toString());
    }

    @Test
    void shouldFailWhenNothingWasMeasuredAfterWarmUp()
    {
        final SoakVerdict verdict = judge(HEALTHY, interval(0, false, 0, 5000, 0, 0));
        assertFalse(verdict.passed());
        assertTrue(verdict.failures().get(0).contains("no interval after warm-up"));
    }

    @Test
    void shouldPassAPlatformWideBadStretchThatTheProbeSawToo()
    {
        // The host slows down in the last third: the probe's p99 rises four times, ours five times.
        final long[] ours = {5000, 5200, 4800, 5000, 5100, 4900, 25_000, 24_000, 26_000};
        final long[] probe = {2000, 2100, 1900, 2000, 2000, 2000, 8000, 8200, 7800};
        final SoakVerdict verdict = judge(HEALTHY, withProbe(ours, probe));
        assertTrue(verdict.passed(), verdict.failures().toString());
        assertEquals(5.0, verdict.drift(), 1e-9);
        assertEquals(4.0, verdict.probeDrift(), 1e-9);
        assertTrue(verdict.summary().contains("p99 drift 5.00x, probe drift 4.00x"), verdict.summary());
    }

    @Test
    void shouldFailARegressionOfOursAloneWhileTheProbeStaysFlat()
    {
        final long[] ours = {5000, 5200, 4800, 5000, 5100, 4900, 25_000, 24_000, 26_000};
        final long[] probe = {2000, 2100, 1900, 2000, 2000, 2000, 2100, 1900, 2000};
        final SoakVerdict verdict = judge(HEALTHY, withProbe(ours, probe));
        assertFalse(verdict.passed());
        assertEquals(1.0, verdict.probeDrift(), 1e-9);
        assertTrue(verdict.failures().get(0).contains("drifted up 5.00x") &&
            verdict.failures().get(0).contains("probe drifted 1.00x"), verdict.failures().toString());
    }

    @Test
    void shouldNotLetAProbeThatImprovedExcuseNothingOrConvictASmallRise()
    {
        // Ours rose 2x (within the limit) while the probe halved: the ratio is 4x, but ours alone is not a drift.
        final long[] ours = {5000, 5000, 5000, 10_000, 10_000, 10_000};
        final long[] probe = {4000, 4000, 4000, 2000, 2000, 2000};
        assertTrue(judge(HEALTHY, withProbe(ours, probe)).passed());
    }

    @Test
    void shouldShowBothRunningDriftsInEachLine()
    {
        final SoakVerdict verdict = new SoakVerdict(3.0);
        final PipelineRun.Interval[] intervals = withProbe(new long[]{5000, 5000, 5000, 20_000, 20_000, 20_000},
            new long[]{2000, 2000, 2000, 2000, 4000, 4000});
        String row = "";
        for (final PipelineRun.Interval interval : intervals)
        {
            verdict.add(interval);
            row = verdict.row(interval);
        }
        assertTrue(row.contains(" 20.0 "), "our p99 in us: " + row);
        assertTrue(row.contains(" 4.0  4.00x  2.00x "), "the probe's p99 in us, then both drifts: " + row);
    }

    @Test
    void shouldFailASoakThatCouldNotHoldTheHardwareSchedule()
    {
        final SoakVerdict verdict = judge(PipelineRun.finished(0, true, 1, 0.9), steady(5000, 5000, 5000));
        assertFalse(verdict.passed());
        assertTrue(verdict.failures().get(0).contains("achieved 900000 rounds/s of 1000000 requested"),
            verdict.failures().toString());
        assertTrue(verdict.summary().startsWith("soak: achieved 900000 rounds/s of 1000000 requested (90.0%)"),
            verdict.summary());
    }
}
