package io.qecnode.bench.threshold;

import io.qecnode.decoder.dem.DemFormatException;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.unionfind.DecodeResult;
import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.decoder.unionfind.UnionFindDecoder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Samples every DEM of a threshold set with the project's sampler (each error instruction fires whole, as in Stim)
 * and decodes each shot with every decoder mode asked for.
 * <p>
 * Cases run on a small pool, but a case's figures depend only on its seed (from the base seed and the directory
 * name, so a filter does not change a case) and the shots are drawn once per case for all modes: results and their
 * order are the same for any number of threads.
 */
public final class DemThresholdRun
{
    private static final long PROGRESS_NS = 10_000_000_000L;

    private final List<DemCase> cases;
    private final DecoderMode[] modes;
    private final long shots;
    private final long seed;
    private final int threads;

    /**
     * A case whose model could not be read or imported.
     */
    public static final class CaseFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final transient DemCase demCase;

        CaseFailure(final DemCase demCase, final Exception cause)
        {
            super(cause.getMessage(), cause);
            this.demCase = demCase;
        }

        /** @return the case that failed. */
        public DemCase demCase()
        {
            return demCase;
        }
    }

    /**
     * @param cases   the cases, in the order their points are reported.
     * @param modes   decoder modes, in the order of each case's points.
     * @param shots   shots per case.
     * @param seed    base seed.
     * @param threads cases decoded at once.
     */
    public DemThresholdRun(
        final List<DemCase> cases, final DecoderMode[] modes, final long shots, final long seed, final int threads)
    {
        this.cases = List.copyOf(cases);
        this.modes = modes.clone();
        this.shots = shots;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * @param base    the run's seed.
     * @param demCase a case.
     * @return the case's sampler seed, from the base and the name's hash (specified by String, so stable).
     */
    public static long seedOf(final long base, final DemCase demCase)
    {
        return ThresholdRun.seedFor(base, demCase.name().hashCode() + 1L);
    }

    /**
     * @param onCase   called with each case's points (one per mode), in case order, as they are ready.
     * @param progress called now and then from the worker threads during long cases; must be thread-safe.
     * @return every point, cases outer and modes inner.
     * @throws CaseFailure          when a model cannot be read or imported; the rest of the run is cancelled.
     * @throws InterruptedException when interrupted while waiting for a case.
     */
    public List<DemPoint> run(final Consumer<List<DemPoint>> onCase, final Consumer<String> progress)
        throws InterruptedException
    {
        final ExecutorService pool = Executors.newFixedThreadPool(threads, task ->
        {
            final Thread thread = new Thread(task, "threshold-dem");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            final List<Future<List<DemPoint>>> futures = new ArrayList<>();
            for (final DemCase demCase : cases)
            {
                futures.add(pool.submit(() -> runCase(demCase, progress)));
            }
            final List<DemPoint> points = new ArrayList<>();
            for (final Future<List<DemPoint>> future : futures)
            {
                final List<DemPoint> casePoints = result(future);
                points.addAll(casePoints);
                onCase.accept(casePoints);
            }
            return points;
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private static List<DemPoint> result(final Future<List<DemPoint>> future) throws InterruptedException
    {
        try
        {
            return future.get();
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof RuntimeException)
            {
                throw (RuntimeException)ex.getCause();
            }
            if (ex.getCause() instanceof Error)
            {
                throw (Error)ex.getCause();
            }
            throw new IllegalStateException(ex.getCause());
        }
    }

    private List<DemPoint> runCase(final DemCase demCase, final Consumer<String> progress)
    {
        final DetectorErrorModel model;
        try
        {
            model = DetectorErrorModel.parse(demCase.dem());
        }
        catch (final IOException | DemFormatException ex)
        {
            throw new CaseFailure(demCase, ex);
        }
        final long caseSeed = seedOf(seed, demCase);
        final ErrorSampler sampler = new ErrorSampler(model.errorMechanisms(), caseSeed);
        final SampledShot shot = new SampledShot(model.errorMechanisms());
        final DecodeResult result = new DecodeResult(model.graph());
        final UnionFindDecoder[] decoders = new UnionFindDecoder[modes.length];
        for (int m = 0; m < modes.length; m++)
        {
            decoders[m] = new UnionFindDecoder(model.graph(), modes[m]);
        }
        final long[] errors = new long[modes.length];
        final long[] decodeNs = new long[modes.length];
        long defects = 0;
        long lastReportNs = System.nanoTime();
        for (long s = 0; s < shots; s++)
        {
            sampler.sample(shot);
            defects += shot.defectCount();
            for (int m = 0; m < decoders.length; m++)
            {
                final long startNs = System.nanoTime();
                final long predicted = decoders[m].decode(shot.defects(), shot.defectCount(), result);
                decodeNs[m] += System.nanoTime() - startNs;
                if (predicted != shot.observableFlips())
                {
                    errors[m]++;
                }
            }
            if ((s & 1023) == 1023 && System.nanoTime() - lastReportNs > PROGRESS_NS)
            {
                lastReportNs = System.nanoTime();
                progress.accept(demCase.name() + ": " + (s + 1) + "/" + shots + " shots");
            }
            if (Thread.currentThread().isInterrupted())
            {
                return List.of();
            }
        }
        final List<DemPoint> points = new ArrayList<>();
        for (int m = 0; m < modes.length; m++)
        {
            points.add(new DemPoint(demCase, modes[m], model.detectorCount(), caseSeed, shots, errors[m],
                decodeNs[m], (double)defects / shots));
        }
        return points;
    }
}
