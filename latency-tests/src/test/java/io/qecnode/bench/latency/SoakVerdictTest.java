package io.qecnode.bench.latency;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoakVerdictTest
{
    private static PipelineRun.Interval interval(
        final long index, final boolean warm, final long lost, final long p99, final long gc, final long bytes)
    {
        return new PipelineRun.Interval(index, warm, 1000 * (index + 1), 100 * (index + 1), 1, lost, 0, 0, p99,
            p99 * 2, gc, bytes, 0, 0);
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
        final SoakVerdict verdict = judge(PipelineRun.finished(0, true, 1), steady(5000, 6000, 5500, 7000, 6500, 6000));
        assertTrue(verdict.passed(), verdict.failures().toString());
        assertEquals(6500.0 / 5500.0, verdict.drift(), 1e-9, "median of the last three over the first three");
        assertTrue(verdict.summary().startsWith("soak PASSED: 6 intervals after warm-up"), verdict.summary());
    }

    @Test
    void shouldFailWhenTheP99DriftsUpBeyondTheFactor()
    {
        final SoakVerdict verdict = judge(PipelineRun.finished(0, true, 1),
            steady(5000, 5000, 5000, 16_000, 16_000, 16_000));
        assertFalse(verdict.passed());
        assertEquals(3.2, verdict.drift(), 1e-9);
        assertTrue(verdict.failures().get(0).contains("drifted up 3.20x"), verdict.failures().toString());
    }

    @Test
    void shouldNotCallOneSlowIntervalADrift()
    {
        final SoakVerdict verdict = judge(PipelineRun.finished(0, true, 1),
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
        final SoakVerdict verdict = judge(PipelineRun.finished(0, true, 1), steady(p99s));
        assertFalse(verdict.passed());
        assertEquals(4.0, verdict.drift(), 1e-9);

        p99s[29] = 5000;
        p99s[28] = 5000;
        for (int i = 20; i < 28; i++)
        {
            p99s[i] = i % 5 == 4 ? 360_000 : 5000;
        }
        final SoakVerdict noisyButFlat = judge(PipelineRun.finished(0, true, 1), steady(p99s));
        assertTrue(noisyButFlat.passed(), noisyButFlat.failures().toString());
        assertEquals(1.0, noisyButFlat.drift(), 1e-9);
    }

    @Test
    void shouldFailOnHotThreadAllocationOrCollectionAfterWarmUp()
    {
        final PipelineRun.Interval[] intervals = steady(5000, 5000, 5000, 5000);
        intervals[3] = interval(3, true, 0, 5000, 1, 64);
        final SoakVerdict verdict = judge(PipelineRun.finished(0, true, 1), intervals);
        assertFalse(verdict.passed());
        assertEquals(2, verdict.failures().size(), verdict.failures().toString());
        assertTrue(verdict.failures().get(0).contains("allocated 64 bytes"));
        assertTrue(verdict.failures().get(1).contains("1 garbage collection"));
    }

    @Test
    void shouldFailOnUnaccountedLossOrAnUndrainedOrLaggingPipeline()
    {
        final SoakVerdict lost = judge(PipelineRun.finished(3, true, 1), steady(5000, 5000));
        assertFalse(lost.passed());
        assertTrue(lost.failures().get(0).startsWith("3 frame(s) or block(s) lost unaccounted"), lost.failures().toString());

        final SoakVerdict undrained = judge(PipelineRun.finished(0, false, 1), steady(5000, 5000));
        assertFalse(undrained.passed());

        final SoakVerdict behind = judge(PipelineRun.finished(0, true, 50_000), steady(5000, 5000));
        assertFalse(behind.passed());
        assertTrue(behind.failures().get(0).contains("fell behind"), behind.failures().toString());
    }

    @Test
    void shouldFailWhenNothingWasMeasuredAfterWarmUp()
    {
        final SoakVerdict verdict = judge(PipelineRun.finished(0, true, 1), interval(0, false, 0, 5000, 0, 0));
        assertFalse(verdict.passed());
        assertTrue(verdict.failures().get(0).contains("no interval after warm-up"));
    }
}
