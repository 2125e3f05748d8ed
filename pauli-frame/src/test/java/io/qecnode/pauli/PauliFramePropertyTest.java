package io.qecnode.pauli;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class PauliFramePropertyTest
{
    private static final int[] SIZES = { 1, 2, 63, 64, 65, 127, 128, 129, 200 };
    private static final int SEQUENCES_PER_SIZE = 250;
    private static final int RANDOM_SIZE_SEQUENCES = 500;
    private static final int STEPS = 150;
    private static final int POOL_SIZE = 3;

    @Test
    void shouldMatchReferenceAfterEveryStepAtWordBoundarySizes()
    {
        for (final int qubitCount : SIZES)
        {
            for (int sequence = 0; sequence < SEQUENCES_PER_SIZE; sequence++)
            {
                runAndCompare(qubitCount, 1_000_003L * qubitCount + sequence);
            }
        }
    }

    @Test
    void shouldMatchReferenceAfterEveryStepAtRandomSizes()
    {
        final SplittableRandom sizes = new SplittableRandom(42);
        for (int sequence = 0; sequence < RANDOM_SIZE_SEQUENCES; sequence++)
        {
            runAndCompare(1 + sizes.nextInt(300), 7_000_000L + sequence);
        }
    }

    private static void runAndCompare(final int qubitCount, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final ReferenceFrame[] referencePool = new ReferenceFrame[POOL_SIZE];
        final PauliFrame[] pool = new PauliFrame[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++)
        {
            referencePool[i] = randomReference(random, qubitCount);
            pool[i] = referencePool[i].toPauliFrame();
        }
        final ReferenceFrame expected = randomReference(random, qubitCount);
        final PauliFrame actual = expected.toPauliFrame();
        final FrameScript script = FrameScript.random(random, qubitCount, STEPS, POOL_SIZE);

        for (int step = 0; step < STEPS; step++)
        {
            final long expectedFlip = script.run(step, expected, referencePool);
            final long actualFlip = script.run(step, actual, pool);
            if (expectedFlip != actualFlip || !sameFrame(expected, actual))
            {
                fail("seed=" + seed + ", qubitCount=" + qubitCount + ", step=" + step + ", op=" +
                    script.describe(step) + ", expectedFlip=" + expectedFlip + ", actualFlip=" + actualFlip +
                    ", actual=" + actual);
            }
        }
        // Rebuilding from the reference sets in-range bits only, so this also proves the padding bits stayed zero.
        final PauliFrame rebuilt = expected.toPauliFrame();
        assertEquals(rebuilt, actual, "seed=" + seed);
        assertEquals(rebuilt.hashCode(), actual.hashCode(), "seed=" + seed);
    }

    private static boolean sameFrame(final ReferenceFrame expected, final PauliFrame actual)
    {
        for (int q = 0; q < expected.x.length; q++)
        {
            if (expected.x[q] != actual.x(q) || expected.z[q] != actual.z(q))
            {
                return false;
            }
        }
        return expected.isIdentity() == actual.isIdentity();
    }

    private static ReferenceFrame randomReference(final SplittableRandom random, final int qubitCount)
    {
        final ReferenceFrame frame = new ReferenceFrame(qubitCount);
        for (int q = 0; q < qubitCount; q++)
        {
            frame.x[q] = random.nextInt(4) == 0;
            frame.z[q] = random.nextInt(4) == 0;
        }
        return frame;
    }
}
