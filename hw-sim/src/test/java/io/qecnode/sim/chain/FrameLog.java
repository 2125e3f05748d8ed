package io.qecnode.sim.chain;

import io.qecnode.io.frame.BellMeasurementView;
import io.qecnode.io.frame.SyndromeRoundView;
import io.qecnode.io.transport.FrameSender;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Every frame a chain simulator hands its senders, in the order it handed them, with the stream it went to and the
 * time on the test's clock when it went.
 */
final class FrameLog
{
    /** One frame as sent. */
    record Entry(String stream, byte[] bytes, long sentNs)
    {
        SyndromeRoundView round()
        {
            return new SyndromeRoundView().wrap(new UnsafeBuffer(bytes), 0);
        }

        BellMeasurementView bell()
        {
            final BellMeasurementView view = new BellMeasurementView();
            if (!view.wrapAndVerify(new UnsafeBuffer(bytes), 0, bytes.length))
            {
                throw new AssertionError("not a verified Bell measurement: " + Arrays.toString(bytes));
            }
            return view;
        }

        EpochTruth truth()
        {
            return new EpochTruth().wrap(new UnsafeBuffer(bytes), 0);
        }
    }

    final List<Entry> entries = new ArrayList<>();
    private final LongSupplier clock;

    FrameLog(final LongSupplier clock)
    {
        this.clock = clock;
    }

    static String rounds(final int node, final int side)
    {
        return "rounds " + node + "/" + side;
    }

    static String bell(final int node)
    {
        return "bell " + node;
    }

    static final String TRUTH = "truth";

    /** @return the context's senders all writing to this log. */
    ChainSimulatorContext senders(final ChainSimulatorContext ctx)
    {
        return ctx.roundSenders((node, side) -> sender(rounds(node, side)))
            .bellSenders(node -> sender(bell(node)))
            .truthSender(sender(TRUTH));
    }

    FrameSender sender(final String stream)
    {
        return (buffer, offset, length) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            entries.add(new Entry(stream, bytes, clock.getAsLong()));
            return true;
        };
    }

    List<Entry> of(final String stream)
    {
        return entries.stream().filter(e -> e.stream.equals(stream)).toList();
    }

    /** @return the truth records of one node, in the order sent. */
    List<EpochTruth> truths(final int node)
    {
        return of(TRUTH).stream().map(Entry::truth).filter(t -> t.node() == node).toList();
    }
}
