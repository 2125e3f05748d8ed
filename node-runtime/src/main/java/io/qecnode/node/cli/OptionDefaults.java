package io.qecnode.node.cli;

import io.qecnode.node.pipeline.NodeContext;

/**
 * The one default, or the one description, of each option that more than one command declares: an option means the
 * same in every command of {@code qec-node} and {@code qec-bench} (a test walks both programs to hold this). What
 * describes the node itself is defined once in {@link NodeContext}; these are the options' texts of it, and the
 * defaults of the options that only commands have (how long to run, how often to report).
 */
public final class OptionDefaults
{
    /** {@code --channel}: an Aeron channel URI. */
    public static final String CHANNEL = NodeContext.CHANNEL_DEFAULT;

    /** {@code --period}: a round every microsecond, the hardware's pace. */
    public static final String PERIOD = "1us";

    /** {@code --stream}, {@code --in-stream}: the stream of the syndrome rounds. */
    public static final String ROUND_STREAM = "" + NodeContext.ROUNDS_STREAM_DEFAULT;

    /** {@code --idle}: the busy thread spins, as a dedicated core should. */
    public static final String IDLE = NodeContext.IDLE_DEFAULT;

    /** {@code --warmup}: left out of every figure and verdict (JIT compilation, the cold start's lag). */
    public static final String WARMUP = "10s";

    /** {@code --duration}: how long a command runs after its warm-up. */
    public static final String DURATION = "10s";

    /** {@code --interval}: time between report lines, as {@code run --report}. */
    public static final String INTERVAL = "1s";

    /** {@code --probe-every}: rounds between the frames of the raw two-hop probe beside a pipeline run. */
    public static final String PROBE_EVERY = "100";

    /** {@code --aeron-dir}. */
    public static final String AERON_DIR_DESCRIPTION = "Aeron directory of an external media driver, which must be " +
        "running. Default: an embedded driver in a fresh directory under /dev/shm, removed on exit.";

    /** {@code --distance}. */
    public static final String DISTANCE_DESCRIPTION =
        "Odd code distance, 3..51. Default: 5 for --model; inferred from the first round for --dem.";

    private OptionDefaults()
    {
    }

    /** What {@code --decode-threads} does. */
    public static final String DECODE_THREADS_DESCRIPTION = "Decode threads, 0.." + NodeContext.MAX_DECODE_THREADS +
        ": 0 decodes on the hot thread; N hands block k to decode thread k mod N, window by window as its rounds " +
        "arrive, and the hot thread folds the results in block order (same states as 0). Default: 0.";

    /** What {@code --backlog-limit} does. */
    public static final String BACKLOG_LIMIT_DESCRIPTION = "Backlog bound in rounds (received, not yet decoded): " +
        "blocks started above it are shed to the bounded fallback (flagged fallback, counted as shed) until the " +
        "backlog is back under half of it; 0 never sheds. Default: " + NodeContext.BACKLOG_BLOCKS_DEFAULT +
        " blocks' rounds; 0 with --journal (replay decodes every block in full, so it could not reproduce a shed " +
        "one) and with --period 0 (no round rate to hold).";
}
