package io.qecnode.decoder.window;

import io.qecnode.decoder.unionfind.DecoderMode;

import java.util.Objects;

/**
 * How a {@link StreamingDecoder} slides its window over a block: {@code windowRounds} (W) rounds are decoded together,
 * the oldest {@code commitRounds} (C) of them are committed, and the window moves on by C rounds. A window with more
 * defects than its cap ({@link #defectCap(int)}) is decoded by the bounded fallback instead of union-find. By default
 * the cap grows with the window: one defect in {@link #DETECTORS_PER_DEFECT_DEFAULT} of its detectors, at least
 * {@code maxDefectsPerWindow}; a cap set explicitly ({@link #maxDefectsPerWindow(int)}) is fixed.
 * <p>
 * The defaults come from single-thread measurements at d = 11, R = 12 rounds per block (phenomenological and Stim
 * circuit-level noise, p = 0.001 for time, up to 0.005 and 0.015 for error rates): see the constants. Two rules of
 * thumb from them: a lookahead {@code W - C} shorter than {@code (d + 1) / 2} rounds costs code distance, and the
 * final window is shortest, {@code W - C + 1} rounds, when {@code (R - 1 - W)} is a multiple of C. Immutable.
 */
public final class WindowConfig
{
    /**
     * Rounds per window by default, chosen with {@link #COMMIT_ROUNDS_DEFAULT} for d = 11 and R = 12 rounds per block:
     * two windows, rounds 0-10 committing 0-4, then the final window 5-11. The final window, the work left after the
     * last round arrives, is then 7 rounds against 12 for batch decoding: measured, half batch decoding's reaction
     * time (median and p99), for 1.3-1.4 times its mean cost per round. Any W >= R is batch decoding.
     */
    public static final int WINDOW_ROUNDS_DEFAULT = 11;

    /**
     * Rounds committed per window by default: W - C = 6 rounds of lookahead, (d + 1) / 2 at d = 11. Measured, shorter
     * lookahead costs code distance (the windowed error rate grew against batch as p fell: 1.9 then 2.9 times batch
     * with 3 rounds, circuit-level p = 0.005 then 0.003), while 6 rounds stayed within 1.0-1.12 times batch.
     */
    public static final int COMMIT_ROUNDS_DEFAULT = 5;

    /**
     * Defects a window may hold before the fallback decodes it, by default: about 7 times the mean load of a default
     * window at d = 11, p = 0.001 circuit-level noise (17.5), above the fullest window seen at three times that noise
     * (114 in 40,000 windows), so only bursts reach it. Union-find takes 25-40 µs (median) on a window this full, the
     * fallback about 5 µs.
     */
    public static final int MAX_DEFECTS_PER_WINDOW_DEFAULT = 128;

    /**
     * By default a window's cap is at least one defect per this many of its detectors: a fixed 128 was 19% of a
     * default window's 660 detectors at d = 11 but 1.6% of the 7,800 of a d = 25 block decoded whole, where a healthy
     * run at p = 0.001 (about 50 defects a block on average, clustered) reached it in 0.3% of the blocks. One in 8
     * leaves d = 11 at the measured 128 and gives d = 25 a cap of 975, about 20 times its mean load.
     */
    public static final int DETECTORS_PER_DEFECT_DEFAULT = 8;

    private final int windowRounds;
    private final int commitRounds;
    private final int maxDefectsPerWindow;
    private final DecoderMode growth;
    private final int detectorsPerDefect;
    private final boolean incremental;

    /**
     * @param windowRounds        rounds decoded together, W, at least 1; W >= the block's rounds is batch decoding.
     * @param commitRounds        oldest rounds of a window committed before it moves on, C, in [1, W].
     * @param maxDefectsPerWindow defects above which a window goes to the fallback, at least 0: a fixed cap.
     * @param growth              how union-find grows clusters.
     * @throws IllegalArgumentException naming the setting out of range and its value.
     */
    public WindowConfig(
        final int windowRounds, final int commitRounds, final int maxDefectsPerWindow, final DecoderMode growth)
    {
        this(windowRounds, commitRounds, maxDefectsPerWindow, growth, 0, true);
    }

    private WindowConfig(
        final int windowRounds,
        final int commitRounds,
        final int maxDefectsPerWindow,
        final DecoderMode growth,
        final int detectorsPerDefect,
        final boolean incremental)
    {
        if (windowRounds < 1)
        {
            throw new IllegalArgumentException("windowRounds must be >= 1: windowRounds=" + windowRounds);
        }
        if (commitRounds < 1 || commitRounds > windowRounds)
        {
            throw new IllegalArgumentException("commitRounds must be in [1, windowRounds]: commitRounds=" +
                commitRounds + ", windowRounds=" + windowRounds);
        }
        if (maxDefectsPerWindow < 0)
        {
            throw new IllegalArgumentException("maxDefectsPerWindow must be >= 0: maxDefectsPerWindow=" +
                maxDefectsPerWindow);
        }
        this.windowRounds = windowRounds;
        this.commitRounds = commitRounds;
        this.maxDefectsPerWindow = maxDefectsPerWindow;
        this.growth = Objects.requireNonNull(growth, "growth");
        this.detectorsPerDefect = detectorsPerDefect;
        this.incremental = incremental;
    }

    /**
     * @param windowRounds rounds decoded together, W.
     * @param commitRounds rounds committed per window, C.
     * @return a config with this window and commit length, the default cap (growing with the window) and
     * {@link DecoderMode#DEFAULT}.
     */
    public static WindowConfig of(final int windowRounds, final int commitRounds)
    {
        return new WindowConfig(windowRounds, commitRounds, MAX_DEFECTS_PER_WINDOW_DEFAULT,
            DecoderMode.DEFAULT,
            DETECTORS_PER_DEFECT_DEFAULT, true);
    }

    /** @return rounds decoded together, W. */
    public int windowRounds()
    {
        return windowRounds;
    }

    /** @return oldest rounds of a window committed before it moves on, C. */
    public int commitRounds()
    {
        return commitRounds;
    }

    /** @return the cap of the smallest window: defects above which it is decoded by the fallback. */
    public int maxDefectsPerWindow()
    {
        return maxDefectsPerWindow;
    }

    /**
     * @param windowDetectors detectors in the window.
     * @return defects above which that window is decoded by the fallback: {@link #maxDefectsPerWindow()}, or one in
     * {@link #DETECTORS_PER_DEFECT_DEFAULT} of its detectors when the cap grows with the window and that is more.
     */
    public int defectCap(final int windowDetectors)
    {
        return detectorsPerDefect == 0 ? maxDefectsPerWindow :
            Math.max(maxDefectsPerWindow, windowDetectors / detectorsPerDefect);
    }

    /** @return how union-find grows clusters. */
    public DecoderMode growth()
    {
        return growth;
    }

    /**
     * @param maxDefectsPerWindow defects above which any window goes to the fallback.
     * @return a copy with that cap, fixed whatever the window's size.
     */
    public WindowConfig maxDefectsPerWindow(final int maxDefectsPerWindow)
    {
        return new WindowConfig(windowRounds, commitRounds, maxDefectsPerWindow, growth, 0, incremental);
    }

    /**
     * @param growth how union-find grows clusters.
     * @return a copy with that growth.
     */
    public WindowConfig growth(final DecoderMode growth)
    {
        return new WindowConfig(windowRounds, commitRounds, maxDefectsPerWindow, growth, detectorsPerDefect,
            incremental);
    }

    /**
     * @return true when the final window is built up round by round ({@link StreamingDecoder}), so that the block's
     * last round only adds its own clusters; the default. The result is the same either way. Correlated decoding of
     * a graph with correlations ignores it and decodes the final window from scratch.
     */
    public boolean incremental()
    {
        return incremental;
    }

    /**
     * @param incremental whether to build the final window up round by round, or decode it from scratch when the
     *                    block's last round arrives.
     * @return a copy with that choice.
     */
    public WindowConfig incremental(final boolean incremental)
    {
        return new WindowConfig(windowRounds, commitRounds, maxDefectsPerWindow, growth, detectorsPerDefect,
            incremental);
    }

    /**
     * Window k starts at round kC; the first window that reaches the last round is the final one.
     *
     * @param roundsPerBlock rounds in a block, R, at least 1.
     * @return windows per block: 1 when W >= R, else {@code 1 + ceil((R - W) / C)}.
     */
    public int windowsPerBlock(final int roundsPerBlock)
    {
        if (roundsPerBlock < 1)
        {
            throw new IllegalArgumentException("roundsPerBlock must be >= 1: roundsPerBlock=" + roundsPerBlock);
        }
        if (windowRounds >= roundsPerBlock)
        {
            return 1;
        }
        return 1 + (roundsPerBlock - windowRounds + commitRounds - 1) / commitRounds;
    }

    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof WindowConfig))
        {
            return false;
        }
        final WindowConfig that = (WindowConfig)other;
        return windowRounds == that.windowRounds && commitRounds == that.commitRounds &&
            maxDefectsPerWindow == that.maxDefectsPerWindow && growth == that.growth &&
            detectorsPerDefect == that.detectorsPerDefect && incremental == that.incremental;
    }

    public int hashCode()
    {
        return Objects.hash(windowRounds, commitRounds, maxDefectsPerWindow, growth, detectorsPerDefect, incremental);
    }

    public String toString()
    {
        return "WindowConfig{windowRounds=" + windowRounds + ", commitRounds=" + commitRounds +
            ", maxDefectsPerWindow=" + maxDefectsPerWindow + ", detectorsPerDefect=" + detectorsPerDefect +
            ", mode=" + (growth == null ? null : growth.cliName()) + ", incremental=" + incremental + "}";
    }
}
