package io.qecnode.node.cli;

import io.qecnode.node.offline.DecodeFailure;
import io.qecnode.node.offline.DecodeSettings;
import io.qecnode.node.offline.DecodeSummary;
import io.qecnode.node.offline.OfflineDecode;
import io.qecnode.node.offline.ProgressListener;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * One {@link OfflineDecode} run for {@code decode}, {@code predict} and {@code count_mistakes}: a failure is one
 * line on standard error, and SIGTERM or Ctrl-C stops the run at its next progress report (every 2 s) and deletes
 * the prediction file it started, which would otherwise pass for a finished one.
 */
final class OfflineDecodeRun
{
    private OfflineDecodeRun()
    {
    }

    /**
     * @param spec     the command, for its name and error writer.
     * @param settings what to decode.
     * @param streams  the standard streams an input or output of "-" stands for.
     * @param progress told of progress, or null to run silently (pymatching prints nothing while it decodes).
     * @return what was decoded, or null when the run failed and said why in one line.
     */
    static DecodeSummary run(
        final CommandSpec spec,
        final DecodeSettings settings,
        final StandardStreams streams,
        final ProgressListener progress)
    {
        final PrintWriter err = spec.commandLine().getErr();
        // The failure is told before the signal is let go, or the JVM exits first.
        try (StopSignal stop = StopSignal.install("qec-" + spec.name()))
        {
            try
            {
                return new OfflineDecode(settings, streams.in(), streams.out(), System::nanoTime,
                    (shots, totalShots, elapsedNs) ->
                    {
                        if (stop.requested())
                        {
                            throw new StoppedBySignal(shots);
                        }
                        if (progress != null)
                        {
                            progress.onProgress(shots, totalShots, elapsedNs);
                        }
                    }).run();
            }
            catch (final DecodeFailure | StoppedBySignal ex)
            {
                err.println(spec.qualifiedName() + ": " + ex.getMessage());
                err.flush();
                return null;
            }
        }
    }

    private static final class StoppedBySignal extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        StoppedBySignal(final long shots)
        {
            super("stopped by a signal after " + shots + " shots; the prediction output was deleted", null, false,
                false);
        }
    }
}
