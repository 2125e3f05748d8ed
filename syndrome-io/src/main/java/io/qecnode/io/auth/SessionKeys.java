package io.qecnode.io.auth;

/**
 * The session keys of one direction of one link, handed from the cold thread that derives them (Hello handling) to
 * the hot thread that seals or opens states with them, without a lock and without allocation on the hot side.
 * <p>
 * Each key is known by its generation, a number the key holder chose when it offered the key exchange; a new
 * generation is installed into the next of {@link #SLOTS} preallocated {@link StateMac}s, round robin, so a slot is
 * rekeyed only after {@code SLOTS - 1} newer installs: the hot thread never uses a MAC that is being rekeyed as long as
 * installs are further apart than a MAC takes (they are seconds apart; a MAC takes nanoseconds). The slot's
 * generation is written before the volatile {@link #newestGeneration()} that publishes it.
 * <p>
 * Which generations the hot side still accepts (the newest, and the one before it during an overlap) is the hot
 * side's policy, not this holder's. {@link #revoke()} cuts the link off at once: the hot side then sees
 * {@link #isAdmitted()} false until a fresh key is installed.
 * <p>
 * One writer (the cold thread) and one reader (the hot thread).
 */
public final class SessionKeys
{
    /** The generation when no key was ever installed. */
    public static final int NO_GENERATION = -1;
    /** Number of keys held at once. */
    public static final int SLOTS = 4;

    private final StateMacAlgorithm algorithm;
    private final StateMac[] macs = new StateMac[SLOTS];
    private final int[] slotGeneration = new int[SLOTS];
    private int installs;
    private int previous = NO_GENERATION;
    private volatile int newest = NO_GENERATION;
    private volatile boolean admitted;

    /**
     * @param algorithm the MAC every key of this link is used with.
     */
    public SessionKeys(final StateMacAlgorithm algorithm)
    {
        this.algorithm = algorithm;
        for (int i = 0; i < SLOTS; i++)
        {
            macs[i] = new StateMac(algorithm);
            slotGeneration[i] = NO_GENERATION;
        }
    }

    /** @return the MAC algorithm of this link. */
    public StateMacAlgorithm algorithm()
    {
        return algorithm;
    }

    /**
     * Install a new key and make it the newest; cold thread only. Admits the link.
     *
     * @param generation the key's generation, non-negative and not one already held.
     * @param key        of {@link StateMacAlgorithm#keyLength()} bytes; copied, so the caller may wipe it.
     * @throws IllegalArgumentException if the generation is negative or already held, or the key has the wrong
     *                                  length.
     */
    public void install(final int generation, final byte[] key)
    {
        if (generation < 0)
        {
            throw new IllegalArgumentException("generation " + generation + " < 0");
        }
        for (int i = 0; i < SLOTS; i++)
        {
            if (slotGeneration[i] == generation)
            {
                throw new IllegalArgumentException("generation " + generation + " already installed");
            }
        }
        final int slot = installs % SLOTS;
        macs[slot].init(key);
        slotGeneration[slot] = generation;
        installs++;
        // A key from before a revocation is never the previous one: the session it belonged to is over.
        previous = admitted ? newest : NO_GENERATION;
        newest = generation;
        admitted = true;
    }

    /** Cut the link off: the hot side refuses everything until the next {@link #install}. Cold thread only. */
    public void revoke()
    {
        admitted = false;
    }

    /** @return true once a key was installed and the link was not revoked since. */
    public boolean isAdmitted()
    {
        return admitted;
    }

    /** @return the generation of the newest key installed, or {@link #NO_GENERATION}. */
    public int newestGeneration()
    {
        return newest;
    }

    /**
     * @return the generation installed just before the newest in the same session (no revocation between), or
     *         {@link #NO_GENERATION}. Read after {@link #newestGeneration()}.
     */
    public int previousGeneration()
    {
        return previous;
    }

    /**
     * Hot thread: the MAC keyed with a generation, if it is still held. Read {@link #newestGeneration()} (volatile)
     * before this, so the slot's key is visible.
     *
     * @param generation a key generation.
     * @return its keyed MAC, or null if no slot holds it.
     */
    public StateMac mac(final int generation)
    {
        for (int i = 0; i < SLOTS; i++)
        {
            if (slotGeneration[i] == generation && generation != NO_GENERATION)
            {
                return macs[i];
            }
        }
        return null;
    }
}
