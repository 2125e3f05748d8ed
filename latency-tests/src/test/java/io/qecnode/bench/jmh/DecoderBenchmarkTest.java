package io.qecnode.bench.jmh;

import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecoderBenchmarkTest
{
    @Test
    void shouldDecodeRealShotsOfTheNamedModelInTurn()
    {
        final DecoderBenchmark benchmark = new DecoderBenchmark();
        benchmark.distance = 5;
        benchmark.p = 0.01;
        benchmark.model = "phenomenological";
        benchmark.setup();

        final UnionFindDecoder reference = new UnionFindDecoder(SurfaceCodeModel.phenomenological(5, 5, 0.01).graph(),
            DecoderMode.DEFAULT);
        final DecodeResult result = new DecodeResult(reference.graph());
        long defects = 0;
        for (int i = 0; i < 2 * DecoderBenchmark.SHOT_RING; i++)
        {
            final int[] shot = benchmark.shots[i % DecoderBenchmark.SHOT_RING];
            defects += shot.length;
            assertEquals(reference.decode(shot, shot.length, result), benchmark.decodeShot(), "shot " + i);
        }
        // d=5, 5 rounds, p=0.01 lights about 6 detectors a shot: the benchmark must not time empty syndromes.
        final double meanDefects = (double)defects / (2 * DecoderBenchmark.SHOT_RING);
        assertTrue(meanDefects > 4 && meanDefects < 8, "mean defects " + meanDefects);
    }
}
