package io.qecnode.node.harness.chain;

/**
 * Records every epoch an {@link EpochAssembly} closes: its number, the verifier's verdict, whether its residuals are
 * known, and what was assembled (truth, decoded frames and raw parities packed as {@link SyntheticChain#fill} takes
 * them, B's correction), so tests can hold it against what was sent. Allocates nothing per epoch.
 */
final class JudgedEpochs implements EpochAssembly.EpochHandler
{
    private static final int CAPACITY = 1 << 16;

    final long[] numbers = new long[CAPACITY];
    final EpochVerdict[] verdicts = new EpochVerdict[CAPACITY];
    final boolean[] residualsKnown = new boolean[CAPACITY];
    final long[] truths = new long[CAPACITY];
    final long[] decodeds = new long[CAPACITY];
    final int[] raws = new int[CAPACITY];
    final long[] corrections = new long[CAPACITY];
    private final ChainVerifier verifier;
    private int count;

    JudgedEpochs(final int repeaters)
    {
        verifier = new ChainVerifier(repeaters);
    }

    @Override
    public void onEpoch(final ChainEpoch epoch, final boolean known)
    {
        final int at = count++ & (CAPACITY - 1);
        numbers[at] = epoch.epoch();
        verdicts[at] = verifier.verify(epoch);
        residualsKnown[at] = known;
        truths[at] = packTruth(epoch);
        decodeds[at] = packDecoded(epoch);
        raws[at] = packRaw(epoch);
        corrections[at] = epoch.accumulated();
    }

    int count()
    {
        return count;
    }

    static long packTruth(final ChainEpoch epoch)
    {
        long packed = 0;
        for (int p = 0; p < epoch.patchCount(); p++)
        {
            packed |= epoch.trueFlips(p) << (2 * p);
        }
        return packed;
    }

    static long packDecoded(final ChainEpoch epoch)
    {
        long packed = 0;
        for (int p = 0; p < epoch.patchCount(); p++)
        {
            packed |= epoch.decodedFlips(p) << (2 * p);
        }
        return packed;
    }

    static int packRaw(final ChainEpoch epoch)
    {
        int packed = 0;
        for (int i = 1; i <= epoch.repeaters(); i++)
        {
            packed |= (epoch.xxRaw(i) ? 1 : 0) << (2 * (i - 1)) | (epoch.zzRaw(i) ? 2 : 0) << (2 * (i - 1));
        }
        return packed;
    }
}
