package io.qecnode.io.frame;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFrameCountersTest
{
    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)));

    @Test
    void shouldAllocateOneCounterPerKindWithItsTypeIdAndLabel()
    {
        try (AtomicFrameCounters counters = AtomicFrameCounters.allocate(countersManager))
        {
            for (int i = 0; i < FrameCounter.count(); i++)
            {
                final FrameCounter kind = FrameCounter.get(i);
                final int id = counters.counter(kind).id();
                assertEquals(kind.typeId(), countersManager.getCounterTypeId(id), kind.name());
                assertEquals(kind.label(), countersManager.getCounterLabel(id), kind.name());
                assertEquals(0, countersManager.getCounterValue(id));
            }
        }
    }

    @Test
    void shouldMakeTheValidatorsCountsVisibleThroughTheCountersFile()
    {
        try (AtomicFrameCounters counters = AtomicFrameCounters.allocate(countersManager))
        {
            final FrameValidator validator = new FrameValidator(TestFrames.LAYOUT, 1, counters, RejectionLog.NO_OP);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
            final SyndromeRoundWriter writer = new SyndromeRoundWriter();
            final long[] words = new long[1];
            int length = TestFrames.writeRound(writer, buffer, 0, 1, 0, words, new java.util.SplittableRandom(1));
            validator.validate(buffer, 0, length);
            length = TestFrames.writeRound(writer, buffer, 0, 1, 5, words, new java.util.SplittableRandom(1));
            validator.validate(buffer, 0, length);
            validator.validate(buffer, 0, 3);

            assertEquals(2, valueOf(FrameCounter.ACCEPTED));
            assertEquals(1, valueOf(FrameCounter.GAPS));
            assertEquals(4, valueOf(FrameCounter.MISSING));
            assertEquals(1, valueOf(FrameCounter.TOO_SHORT));
        }
    }

    @Test
    void shouldFreeTheCountersOnClose()
    {
        final AtomicFrameCounters counters = AtomicFrameCounters.allocate(countersManager);
        final int id = counters.counter(FrameCounter.BAD_CHECKSUM).id();

        counters.close();

        assertEquals(CountersReader.RECORD_RECLAIMED, countersManager.getCounterState(id));
    }

    @Test
    void shouldCloseTheCountersAlreadyCreatedWhenAllocationFails()
    {
        final int[] created = new int[1];
        final IllegalStateException failure = new IllegalStateException("counters file full");
        final CounterAllocator failingAllocator = (typeId, label) ->
        {
            if (created[0] == 3)
            {
                throw failure;
            }
            created[0]++;
            return countersManager.newCounter(label, typeId);
        };

        assertEquals(failure, assertThrows(IllegalStateException.class,
            () -> AtomicFrameCounters.allocate(failingAllocator)));
        for (int id = 0; id < 3; id++)
        {
            assertEquals(CountersReader.RECORD_RECLAIMED, countersManager.getCounterState(id));
        }
    }

    @Test
    void shouldRequireOneCounterPerKind()
    {
        assertThrows(IllegalArgumentException.class, () -> new AtomicFrameCounters(new AtomicCounter[1]));
        assertThrows(IllegalArgumentException.class,
            () -> new AtomicFrameCounters(new AtomicCounter[FrameCounter.count()]));
    }

    @Test
    void shouldGiveEveryKindItsOwnTypeIdAndLabelOutsideAeronsRanges()
    {
        final Set<Integer> typeIds = new HashSet<>();
        final Set<String> labels = new HashSet<>();
        for (final FrameCounter kind : FrameCounter.values())
        {
            assertTrue(typeIds.add(kind.typeId()), "duplicate type id " + kind.typeId());
            assertTrue(labels.add(kind.label()), "duplicate label " + kind.label());
            assertTrue(kind.typeId() >= 4100 && kind.typeId() < 4200, kind.name());
            assertTrue(kind.label().startsWith(kind.isRejection() ? "qec rejected frames: " : "qec frames: "));
        }
        for (final FrameCheck check : FrameCheck.values())
        {
            assertEquals(check.isAccepted(), null == check.counter() || !check.counter().isRejection(), check.name());
        }
    }

    private long valueOf(final FrameCounter kind)
    {
        final long[] value = { -1 };
        countersManager.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == kind.typeId())
            {
                value[0] = countersManager.getCounterValue(counterId);
            }
        });
        return value[0];
    }
}
