package io.qecnode.node.harness.chain;

import io.aeron.logbuffer.FragmentHandler;
import io.qecnode.node.measure.LineBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The chain's verifier as a running component: polls the nodes' reports and the hardware's truth records, assembles
 * them epoch by epoch ({@link EpochAssembly}), judges each epoch as it closes ({@link ChainVerifier}) and counts the
 * fidelity beside the predicted one ({@link FidelityCounter}).
 * <pre>{@code
 * ChainVerifierAgent verifier = context.newAgent(reports::poll, truths::poll);   // Subscriptions, or test sources
 * // on the agent's thread: verifier.doWork() ...
 * // any thread, while it runs: verifier.progressLine(), verifier.right(), verifier.assembly().count(...)
 * // after the agent stopped: verifier.closeOpenEpochs(); verifier.summaryLines().forEach(out::println);
 * }</pre>
 * <ul>
 *     <li>{@link #doWork()}: reads the clock once, polls both sources (each piece to the assembly, allocation-free),
 *     then closes the epochs that are whole or past their deadline.</li>
 *     <li>Progress ({@link #epochsJudged()}, {@link #right()}, {@link #wrong()}, {@link #incomplete()},
 *     {@link #failed()}, {@link #fidelity()}, {@link #progressLine()}) and the assembly's counters: ordered counters,
 *     readable from any thread without locks.</li>
 *     <li>{@link #closeOpenEpochs()} and {@link #summaryLines()}: on the agent's thread, or after it stopped (the
 *     fidelity counter is the agent's alone).</li>
 * </ul>
 * <b>Note:</b> one thread runs the agent. The sources and whatever they poll belong to the caller, who closes them.
 */
public final class ChainVerifierAgent implements Agent
{
    /** Characters a progress line needs, with room for large counts. */
    public static final int PROGRESS_LINE_LENGTH = 160;

    /** Where pieces come from: {@code Subscription::poll}, or anything that hands fragments over in the same way. */
    @FunctionalInterface
    public interface FragmentSource
    {
        /**
         * @param handler       receives each fragment, one whole piece.
         * @param fragmentLimit most fragments to hand over in this call.
         * @return fragments handed over.
         */
        int poll(FragmentHandler handler, int fragmentLimit);
    }

    /** Sees each epoch's verdict as it is judged, on the verifier's thread: e.g. a test holding runs side by side. */
    @FunctionalInterface
    public interface VerdictListener
    {
        /** Hears nothing. */
        VerdictListener NONE = (epoch, verdict) ->
        {
        };

        /**
         * @param epoch   the epoch judged; each once, in epoch order.
         * @param verdict its verdict.
         */
        void onVerdict(long epoch, EpochVerdict verdict);
    }

    /** Most pieces taken from each source per {@link #doWork()}. */
    public static final int FRAGMENT_LIMIT = 64;

    private static final int JUDGED = EpochVerdict.values().length;
    private static final int ALGEBRA_MISMATCHES = JUDGED + 1;

    private final FragmentSource reports;
    private final FragmentSource truths;
    private final NanoClock clock;
    private final EpochAssembly assembly;
    private final ChainVerifier verifier;
    private final FidelityCounter fidelity;
    private final VerdictListener verdictListener;
    private final FragmentHandler reportHandler;
    private final FragmentHandler truthHandler;
    // Per verdict (by ordinal), then epochs judged: written by the agent only, ordered stores, read by anyone.
    private final AtomicLongArray verdicts = new AtomicLongArray(ALGEBRA_MISMATCHES + 1);
    private long nowNs;

    /**
     * @param context concluded: the chain, window, deadline, path and clock.
     * @param reports where the nodes' reports come from.
     * @param truths  where the hardware's truth records come from.
     */
    public ChainVerifierAgent(
        final ChainVerifierContext context, final FragmentSource reports, final FragmentSource truths)
    {
        this.reports = reports;
        this.truths = truths;
        this.clock = context.clock();
        assembly = new EpochAssembly(context.repeaters(), context.window(), context.deadlineNs(),
            context.firstEpoch(), context.pathId(), this::judge);
        verifier = new ChainVerifier(context.repeaters());
        fidelity = new FidelityCounter(context.repeaters());
        verdictListener = context.verdictListener();
        reportHandler = (buffer, offset, length, header) -> assembly.onReport(buffer, offset, length, nowNs);
        truthHandler = (buffer, offset, length, header) -> assembly.onTruth(buffer, offset, length, nowNs);
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        final int pieces = truths.poll(truthHandler, FRAGMENT_LIMIT) + reports.poll(reportHandler, FRAGMENT_LIMIT);
        return pieces + assembly.poll(nowNs);
    }

    // Each epoch the assembly closes.
    private void judge(final ChainEpoch epoch, final boolean residualsKnown)
    {
        final EpochVerdict verdict = verifier.verify(epoch);
        if (residualsKnown)
        {
            fidelity.record(epoch, verdict);
            // A faithful chain gets the pair right iff the patches' residuals cancel (ChainVerifier's residual rule):
            // an exact per-epoch check of the frame algebra, where the fidelity comparison is only statistical.
            final boolean whole = verdict == EpochVerdict.RIGHT || verdict == EpochVerdict.WRONG;
            if (whole && verdict.isRight() != (ChainVerifier.residualParity(epoch) == 0))
            {
                increment(ALGEBRA_MISMATCHES);
            }
        }
        else
        {
            fidelity.recordVerdict(verdict);
        }
        increment(verdict.ordinal());
        increment(JUDGED);
        verdictListener.onVerdict(epoch.epoch(), verdict);
    }

    /**
     * Close every epoch still open as if its deadline had passed, once no more pieces will come; on the agent's
     * thread or after it stopped.
     *
     * @return epochs closed.
     */
    public int closeOpenEpochs()
    {
        return assembly.closeOpen();
    }

    /** @return epochs judged so far. */
    public long epochsJudged()
    {
        return verdicts.get(JUDGED);
    }

    /**
     * @return whole epochs, every patch's frame known, whose verdict disagrees with the residual rule (right iff the
     * patches' residuals cancel): 0 unless the chain streamed a wrong correction.
     */
    public long algebraMismatches()
    {
        return verdicts.get(ALGEBRA_MISMATCHES);
    }

    /** @return epochs judged right. */
    public long right()
    {
        return verdicts.get(EpochVerdict.RIGHT.ordinal());
    }

    /** @return whole epochs judged wrong. */
    public long wrong()
    {
        return verdicts.get(EpochVerdict.WRONG.ordinal());
    }

    /** @return epochs missing swaps. */
    public long incomplete()
    {
        return verdicts.get(EpochVerdict.INCOMPLETE.ordinal());
    }

    /** @return epochs the chain could not finish, or whose pieces did not all arrive. */
    public long failed()
    {
        return verdicts.get(EpochVerdict.FAILED.ordinal());
    }

    /** @return right over judged epochs so far; NaN before the first. */
    public double fidelity()
    {
        return right() / (double)epochsJudged();
    }

    /** @return the assembly, for its counters ({@link EpochAssembly#count}, {@link EpochAssembly#summary}). */
    public EpochAssembly assembly()
    {
        return assembly;
    }

    /**
     * @return one print-ready progress line; allocates, safe from any thread.
     */
    public String progressLine()
    {
        return appendProgressLine(new StringBuilder(PROGRESS_LINE_LENGTH)).toString();
    }

    /**
     * The progress line appended in place, for a caller that prints one every interval and reuses its builder:
     * allocates nothing once the builder has room; safe from any thread.
     *
     * @param line to append to.
     * @return {@code line}.
     */
    public StringBuilder appendProgressLine(final StringBuilder line)
    {
        line.append("verifier: ").append(epochsJudged()).append(" epochs judged, ").append(right())
            .append(" right, ").append(wrong()).append(" wrong, ").append(incomplete()).append(" incomplete, ")
            .append(failed()).append(" failed, fidelity ");
        return LineBuffer.appendFixed(line, fidelity(), 5);
    }

    /**
     * @return the final lines: the fidelity measured beside the predicted one ({@link FidelityCounter#summary}), each
     * patch's residuals ({@link FidelityCounter#patchSummary}), the pieces and how epochs closed
     * ({@link EpochAssembly#summary}); on the agent's thread or after it stopped.
     */
    public List<String> summaryLines()
    {
        final int patches = ChainEpoch.patchCount(assembly.repeaters());
        final List<String> lines = new ArrayList<>(patches + 2);
        lines.add(fidelity.summary());
        for (int p = 0; p < patches; p++)
        {
            lines.add(fidelity.patchSummary(p));
        }
        lines.add(assembly.summary());
        return lines;
    }

    /** @return the fidelity counter; read it on the agent's thread or after it stopped. */
    public FidelityCounter fidelityCounter()
    {
        return fidelity;
    }

    @Override
    public String roleName()
    {
        return "qec-chain-verifier";
    }

    private void increment(final int index)
    {
        verdicts.lazySet(index, verdicts.get(index) + 1);
    }
}
