package io.qecnode.io.transport;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;

/**
 * A media driver's loss and repair counters, as AeronStat shows them: the driver's system counters (type id
 * {@link AeronCounters#DRIVER_SYSTEM_COUNTER_TYPE_ID}, keyed by their fixed system counter id). A receiving driver
 * counts the NAKs it sends; a sending driver the NAKs it receives and the retransmits they cause. Loss gap fills are
 * gaps the receiver gave up on and filled with padding: data lost for good, which a reliable stream never has.
 *
 * @param naksSent            NAK messages sent (receiver side).
 * @param naksReceived        NAK messages received (sender side).
 * @param retransmitsSent     retransmits sent (sender side).
 * @param retransmittedBytes  bytes retransmitted (sender side).
 * @param retransmitOverflows NAKs not answered at once because too many retransmits were in flight (sender side).
 * @param lossGapFills        gaps filled with padding instead of data (receiver side).
 */
public record LossCounters(
    long naksSent,
    long naksReceived,
    long retransmitsSent,
    long retransmittedBytes,
    long retransmitOverflows,
    long lossGapFills)
{
    /**
     * @param counters a driver's counters, e.g. {@code aeron.countersReader()} of a client of that driver.
     * @return their current values; 0 for a counter the driver does not have.
     */
    public static LossCounters of(final CountersReader counters)
    {
        final long[] values = new long[AeronCounters.SYSTEM_COUNTER_ID_RETRANSMIT_OVERFLOW + 1];
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final int systemId = keyBuffer.getInt(0);
            if (typeId == AeronCounters.DRIVER_SYSTEM_COUNTER_TYPE_ID && systemId >= 0 && systemId < values.length)
            {
                values[systemId] = counters.getCounterValue(counterId);
            }
        });
        return new LossCounters(
            values[AeronCounters.SYSTEM_COUNTER_ID_NAK_MESSAGES_SENT],
            values[AeronCounters.SYSTEM_COUNTER_ID_NAK_MESSAGES_RECEIVED],
            values[AeronCounters.SYSTEM_COUNTER_ID_RETRANSMITS_SENT],
            values[AeronCounters.SYSTEM_COUNTER_ID_RETRANSMITTED_BYTES],
            values[AeronCounters.SYSTEM_COUNTER_ID_RETRANSMIT_OVERFLOW],
            values[AeronCounters.SYSTEM_COUNTER_ID_LOSS_GAP_FILLS]);
    }

    /**
     * Read a driver's counters file without joining the driver as a client, so any process can read them.
     *
     * @param aeronDirectory the driver's directory.
     * @return the counters' current values.
     * @throws BusException if the directory has no counters file.
     */
    public static LossCounters read(final File aeronDirectory)
    {
        final File cnc = new File(aeronDirectory, CncFileDescriptor.CNC_FILE);
        if (!cnc.isFile())
        {
            throw new BusException("no media driver counters file (cnc.dat)", aeronDirectory);
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
            return of(new CountersReader(CncFileDescriptor.createCountersMetaDataBuffer(mapped, meta),
                CncFileDescriptor.createCountersValuesBuffer(mapped, meta)));
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    @Override
    public String toString()
    {
        return "naks sent " + naksSent + ", naks received " + naksReceived + ", retransmits sent " + retransmitsSent +
            " (" + retransmittedBytes + " bytes, " + retransmitOverflows + " overflows), loss gap fills " +
            lossGapFills;
    }
}
