package io.qecnode.io.frame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceTrackerTest
{
    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void shouldAcceptTheFirstFrameWhateverItsSequence()
    {
        assertEquals(FrameCheck.OK, tracker.onSequence(500));
        assertEquals(501, tracker.expected());
        assertEquals(FrameCheck.OK, tracker.onSequence(501));
    }

    @Test
    void shouldCountAGapThenRejectTheLateArrivalAsOutOfOrder()
    {
        feed(0, 10);

        assertEquals(FrameCheck.GAP, tracker.onSequence(13));
        assertEquals(3, tracker.lastMissingCount());
        assertTrue(tracker.isMissing(10));
        assertTrue(tracker.isMissing(12));
        assertFalse(tracker.isMissing(13));

        assertEquals(FrameCheck.OUT_OF_ORDER, tracker.onSequence(11));
        assertEquals(0, tracker.lastMissingCount());
        assertEquals(FrameCheck.DUPLICATE, tracker.onSequence(11), "a second copy of a late frame");
        assertEquals(FrameCheck.OUT_OF_ORDER, tracker.onSequence(10));
        assertEquals(FrameCheck.OK, tracker.onSequence(14));
        assertEquals(FrameCheck.OUT_OF_ORDER, tracker.onSequence(12));
    }

    @Test
    void shouldRejectARepeatAsDuplicate()
    {
        feed(0, 5);

        assertEquals(FrameCheck.DUPLICATE, tracker.onSequence(4));
        assertEquals(FrameCheck.DUPLICATE, tracker.onSequence(1));
        assertEquals(FrameCheck.OK, tracker.onSequence(5));
    }

    @Test
    void shouldTreatSequenceZeroAfterANonZeroStreamAsARestart()
    {
        feed(0, 100);

        assertEquals(FrameCheck.RESTART, tracker.onSequence(0));
        assertEquals(1, tracker.expected());
        assertEquals(FrameCheck.DUPLICATE, tracker.onSequence(0), "the restarted stream has not moved past 0");
        assertEquals(FrameCheck.OK, tracker.onSequence(1));
    }

    @Test
    void shouldTreatARepeatOfTheVeryFirstFrameZeroAsADuplicate()
    {
        assertEquals(FrameCheck.OK, tracker.onSequence(0));
        assertEquals(FrameCheck.DUPLICATE, tracker.onSequence(0));
    }

    @Test
    void shouldRestartWhenFurtherBehindThanTheWindow()
    {
        feed(5_000, 100);
        final long expected = tracker.expected();

        assertEquals(FrameCheck.DUPLICATE, tracker.onSequence(expected - SequenceTracker.WINDOW));
        assertEquals(FrameCheck.RESTART, tracker.onSequence(expected - SequenceTracker.WINDOW - 1));
        assertEquals(expected - SequenceTracker.WINDOW, tracker.expected());
        assertEquals(FrameCheck.OK, tracker.onSequence(expected - SequenceTracker.WINDOW));
    }

    @Test
    void shouldForgetMissingSequencesOnRestart()
    {
        feed(2_000, 1);
        assertEquals(FrameCheck.GAP, tracker.onSequence(2_010));
        assertEquals(FrameCheck.RESTART, tracker.onSequence(0));

        assertFalse(tracker.isMissing(2_005));
        assertEquals(FrameCheck.GAP, tracker.onSequence(2_005));
        assertEquals(2_004, tracker.lastMissingCount());
    }

    @Test
    void shouldTrackMissingSequencesAcrossTheWholeWindowAndRingWrap()
    {
        feed(1_000, 1);
        assertEquals(FrameCheck.GAP, tracker.onSequence(1_000 + SequenceTracker.WINDOW));
        assertEquals(SequenceTracker.WINDOW - 1, tracker.lastMissingCount());

        for (long s = 1_001; s < 1_000 + SequenceTracker.WINDOW; s++)
        {
            assertTrue(tracker.isMissing(s), "sequence " + s);
        }
        assertFalse(tracker.isMissing(1_000), "left the window, its slot now holds the gap's end");
        assertEquals(FrameCheck.OUT_OF_ORDER, tracker.onSequence(1_001));
        assertEquals(FrameCheck.OUT_OF_ORDER, tracker.onSequence(1_000 + SequenceTracker.WINDOW - 1));
    }

    @Test
    void shouldMarkEverySlotMissingAfterAGapWiderThanTheWindow()
    {
        feed(0, 1);
        assertEquals(FrameCheck.GAP, tracker.onSequence(10_000));
        assertEquals(9_999, tracker.lastMissingCount());

        assertTrue(tracker.isMissing(10_001 - SequenceTracker.WINDOW));
        assertFalse(tracker.isMissing(10_000 - SequenceTracker.WINDOW));
        assertTrue(tracker.isMissing(9_999));
        assertFalse(tracker.isMissing(10_000));
        assertEquals(FrameCheck.OUT_OF_ORDER, tracker.onSequence(9_500));
        assertEquals(FrameCheck.RESTART, tracker.onSequence(5_000));
    }

    @Test
    void shouldClearSlotsReusedByAdvancingInOrder()
    {
        feed(0, 1);
        assertEquals(FrameCheck.GAP, tracker.onSequence(3));
        feed(4, 3 * SequenceTracker.WINDOW);
        final long expected = tracker.expected();

        for (long s = expected - SequenceTracker.WINDOW; s < expected; s++)
        {
            assertFalse(tracker.isMissing(s), "sequence " + s);
        }
    }

    @Test
    void shouldKeepWorkingAcrossTheUnsignedWrap()
    {
        feed(-3L, 3);
        assertEquals(0, tracker.expected());
        assertEquals(FrameCheck.OK, tracker.onSequence(0));
        assertEquals(FrameCheck.GAP, tracker.onSequence(2));
        assertEquals(FrameCheck.OUT_OF_ORDER, tracker.onSequence(1));
        assertEquals(FrameCheck.DUPLICATE, tracker.onSequence(-1L));
    }

    private void feed(final long first, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final FrameCheck check = tracker.onSequence(first + i);
            assertTrue(check == FrameCheck.OK || i == 0, "sequence " + (first + i) + ": " + check);
        }
    }
}
