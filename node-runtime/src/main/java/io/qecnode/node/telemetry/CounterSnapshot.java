package io.qecnode.node.telemetry;

import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The qec counters (type ids 4100-4199) of a media driver, read straight from its counters file without joining the
 * driver as a client, so any process can watch a running node.
 */
public final class CounterSnapshot
{
    /** Lowest type id of the qec counters. */
    public static final int FIRST_TYPE_ID = 4100;

    /** Highest type id of the qec counters. */
    public static final int LAST_TYPE_ID = 4199;

    private CounterSnapshot()
    {
    }

    /**
     * One counter.
     *
     * @param id     counter id in the file.
     * @param typeId what kind of counter.
     * @param label  its label.
     * @param value  its value when read.
     */
    public record Entry(int id, int typeId, String label, long value)
    {
    }

    /**
     * @param aeronDirectory the driver's directory.
     * @return every qec counter in it, in counter id order.
     * @throws IllegalStateException if the directory has no counters file.
     */
    public static List<Entry> read(final File aeronDirectory)
    {
        final File cnc = new File(aeronDirectory, CncFileDescriptor.CNC_FILE);
        if (!cnc.isFile())
        {
            throw new IllegalStateException("no media driver counters file: file=" + cnc);
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
            final CountersReader reader = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(mapped, meta),
                CncFileDescriptor.createCountersValuesBuffer(mapped, meta));
            final List<Entry> entries = new ArrayList<>();
            reader.forEach((counterId, typeId, keyBuffer, label) ->
            {
                if (typeId >= FIRST_TYPE_ID && typeId <= LAST_TYPE_ID)
                {
                    entries.add(new Entry(counterId, typeId, label, reader.getCounterValue(counterId)));
                }
            });
            return entries;
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
