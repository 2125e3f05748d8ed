package io.qecnode.sim.chain;

/**
 * The seeds of a chain's random streams, all derived from one chain seed so that a run is reproduced by that seed
 * alone, while no two streams share a seed: each node has a stream per patch and one for its Bell outcomes.
 * <p>
 * Stream k of a chain seeded s is seeded {@code mix(s + GOLDEN * (k + 1))}: {@code GOLDEN} is odd and {@code mix} (the
 * SplitMix64 finaliser) is a bijection, so distinct streams get distinct seeds.
 */
public final class ChainSeeds
{
    /** The 64-bit golden ratio, the SplitMix64 increment. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    // Streams per node: patch 0, patch 1, Bell outcomes, one spare.
    private static final int STREAMS_PER_NODE = 4;
    private static final int BELL_STREAM = 2;

    private ChainSeeds()
    {
    }

    /**
     * @param chainSeed the chain's seed.
     * @param node      the node id, {@code >= 0}.
     * @param patch     the patch index within the node, 0 or 1.
     * @return the seed of the patch's syndrome stream.
     */
    public static long patchSeed(final long chainSeed, final int node, final int patch)
    {
        if (patch < 0 || patch > 1)
        {
            throw new IllegalArgumentException("patch must be 0 or 1: patch=" + patch);
        }
        return stream(chainSeed, node, patch);
    }

    /**
     * @param chainSeed the chain's seed.
     * @param node      the node id, {@code >= 0}.
     * @return the seed of the node's ideal Bell-measurement outcomes.
     */
    public static long bellSeed(final long chainSeed, final int node)
    {
        return stream(chainSeed, node, BELL_STREAM);
    }

    /**
     * The SplitMix64 finaliser: a bijection of 64-bit words whose output bits all depend on all input bits.
     *
     * @param z the word to mix.
     * @return the mixed word.
     */
    static long mix(final long z)
    {
        long x = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    private static long stream(final long chainSeed, final int node, final int slot)
    {
        if (node < 0)
        {
            throw new IllegalArgumentException("node must be >= 0: node=" + node);
        }
        return mix(chainSeed + GOLDEN * ((long)node * STREAMS_PER_NODE + slot + 1));
    }
}
