package io.qecnode.node.harness.chain;

/**
 * Every epoch's verdict of one chain run, by epoch number, as the verifier judged it: the record a fault test holds
 * against a run without the fault. Written on the verifier's thread; read after the pipeline stopped.
 */
final class VerdictLog implements ChainVerifierAgent.VerdictListener
{
    private static final int CAPACITY = 1 << 20;
    private static final EpochVerdict[] VERDICTS = EpochVerdict.values();

    private final byte[] verdicts = new byte[CAPACITY];
    private final byte[] times = new byte[CAPACITY];
    private long judged;
    private long outOfOrder;
    private long last = -1;

    @Override
    public void onVerdict(final long epoch, final EpochVerdict verdict)
    {
        if (epoch <= last || epoch >= CAPACITY)
        {
            outOfOrder++;
            return;
        }
        last = epoch;
        verdicts[(int)epoch] = (byte)(verdict.ordinal() + 1);
        times[(int)epoch]++;
        judged++;
    }

    /** @return epochs judged (each once, in order, or counted in {@link #outOfOrder()}). */
    long judged()
    {
        return judged;
    }

    /** @return verdicts for an epoch at or before the last one judged, or past the log's capacity. */
    long outOfOrder()
    {
        return outOfOrder;
    }

    /**
     * @param epoch an epoch.
     * @return its verdict, or null if it was never judged.
     */
    EpochVerdict verdict(final long epoch)
    {
        final int v = verdicts[(int)epoch];
        return v == 0 ? null : VERDICTS[v - 1];
    }

    /**
     * @param epoch an epoch.
     * @return how many times it was judged.
     */
    int times(final long epoch)
    {
        return times[(int)epoch];
    }

    /**
     * @param verdict a verdict.
     * @param from    first epoch.
     * @param to      epoch past the last.
     * @return epochs in [from, to) judged so.
     */
    long count(final EpochVerdict verdict, final long from, final long to)
    {
        long count = 0;
        for (long e = from; e < to; e++)
        {
            count += verdict(e) == verdict ? 1 : 0;
        }
        return count;
    }
}
