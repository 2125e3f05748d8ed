package io.qecnode.node.harness.chain;

import io.aeron.Subscription;
import io.qecnode.io.chain.ChainStreams;
import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.IdleStrategies;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.cli.BusLaunch;
import io.qecnode.node.cli.ChainNodeRun;
import io.qecnode.node.cli.ConfigErrors;
import io.qecnode.node.cli.StopSignal;
import io.qecnode.node.topology.ChainTopology;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code verify --topology FILE}: a repeater chain's verifier as its own process, on its own media driver: it
 * subscribes to the nodes' reports and the hardware's truth records on the verifier's endpoint and judges every
 * epoch ({@link ChainVerifierAgent}).
 */
@Command(
    name = "verify",
    header = "Judge a repeater chain's epochs against its hardware's truth.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run the verifier of the chain a topology file describes (see 'chain'), on its own embedded media driver: " +
            "it receives every node's reports and every node's hardware truth records on the verifier's UDP " +
            "endpoint, judges each epoch right, wrong, incomplete or failed, and prints a progress line a second, " +
            "then the fidelity measured beside the predicted one, each patch's residuals and how the epochs closed. " +
            "An epoch waits for its pieces 1 s plus the topology's neighbour deadline per node, then is judged with " +
            "what came (a missing piece of A, B or any hardware: failed).",
        "Exit code 1 if a whole epoch's verdict disagreed with its patches' residuals (a frame-algebra mismatch: " +
            "the chain streamed a wrong correction) or, with --epochs, if the run stopped before every epoch was " +
            "judged. SIGTERM or Ctrl-C judges the epochs still open (failed) and prints the summary."})
public final class VerifyCommand implements Callable<Integer>
{
    /** Epochs the verifier holds open at once: a second's worth at a fast multi-process period, and more. */
    public static final int WINDOW = 4096;

    @Spec
    private CommandSpec spec;

    @Option(names = "--topology", paramLabel = "FILE", required = true, description = "The chain's topology file.")
    private Path topology;

    @Option(names = "--epochs", paramLabel = "N",
        description = "Finish once N epochs are judged; without it, run until stopped (SIGTERM, Ctrl-C).")
    private Long epochs;

    @Option(names = "--embedded-dir", paramLabel = "DIR",
        description = "Directory of the embedded driver: new, empty, or a dead driver's (taken over). A directory " +
            "with other files or a live driver is refused. Default: a fresh one under /dev/shm.")
    private String embeddedDir;

    @Override
    public Integer call() throws InterruptedException
    {
        final ChainTopology chain = ConfigErrors.checked(spec, () -> ChainTopology.read(topology));
        if (epochs != null && epochs < 1)
        {
            throw new ParameterException(spec.commandLine(), "must be >= 1, --epochs=" + epochs);
        }
        final long target = epochs == null ? Long.MAX_VALUE : epochs;
        final ChainVerifierContext context = ConfigErrors.checked(spec, () -> new ChainVerifierContext()
            .repeaters(chain.repeaterCount()).pathId(chain.pathId()).window(WINDOW)
            .deadlineNs(ChainVerifierContext.DEADLINE_NS_DEFAULT + chain.nodeCount() * chain.neighbourDeadlineNs())
            .channel(chain.verifierChannel()).conclude());
        final PrintWriter out = spec.commandLine().getOut();
        final IdleStrategy idle = IdleStrategies.of(ChainNodeRun.IDLE_DEFAULT);
        final BusContext busContext = new BusContext().embeddedDirectoryName(embeddedDir)
            .plan(chain.verifierChannel(), 2 * chain.nodeCount());
        final ChainVerifierAgent verifier;
        long lastNotWhole = -1;
        try (StopSignal stop = StopSignal.install("qec-verify");
            MessageBus bus = BusLaunch.launch(busContext, ex -> out.println("verify: bus error: " + ex)))
        {
            final Subscription reports = bus.subscription(context.channel(), context.reportsStream());
            final Subscription truths = bus.subscription(context.channel(), context.truthStream());
            verifier = context.newAgent(reports::poll, truths::poll);
            out.println("verify: " + chain + ", endpoint " + chain.verifierChannel() + " streams " +
                ChainStreams.REPORTS_STREAM + " (reports) and " + ChainStreams.TRUTH_STREAM + " (truth), " +
                (epochs == null ? "until stopped" : epochs + " epochs") + ", aeron dir=" + bus.directoryName());
            out.flush();
            final long reportNs = TimeUnit.SECONDS.toNanos(1);
            long nextReportNs = System.nanoTime() + reportNs;
            long notWhole = 0;
            while (!stop.requested() && verifier.epochsJudged() < target)
            {
                idle.idle(verifier.doWork());
                // Epochs are judged in order: the count when another one is not whole bounds that epoch.
                if (verifier.incomplete() + verifier.failed() != notWhole)
                {
                    notWhole = verifier.incomplete() + verifier.failed();
                    lastNotWhole = verifier.epochsJudged() - 1;
                }
                final long nowNs = System.nanoTime();
                if (nowNs - nextReportNs >= 0)
                {
                    nextReportNs += reportNs;
                    out.println(verifier.progressLine());
                    out.flush();
                }
            }
            verifier.closeOpenEpochs();
        }
        out.println(verifier.progressLine());
        verifier.summaryLines().forEach(out::println);
        out.println("verify: " + (lastNotWhole < 0 ? "every epoch judged whole (right or wrong)" :
            "last epoch judged incomplete or failed: at most " + lastNotWhole));
        final boolean allJudged = verifier.epochsJudged() >= target || epochs == null;
        final boolean passed = verifier.algebraMismatches() == 0 && allJudged;
        out.println("verify: " + (passed ? "passed" : "FAILED") + ": " + verifier.epochsJudged() + " epochs judged" +
            (epochs == null ? "" : " of " + epochs) + ", " + verifier.algebraMismatches() + " frame-algebra mismatches");
        out.flush();
        return passed ? 0 : 1;
    }
}
