package io.qecnode.bench.jmh;

import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.decoder.shots.ShotLayout;
import io.qecnode.decoder.shots.ShotReader;
import io.qecnode.decoder.shots.ShotWriter;
import io.qecnode.decoder.shots.SparseShot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Reading and writing one shot of detection events in each Stim result format: the layout of the golden circuit
 * d = 11, 11 rounds (720 detectors and one observable) at a detector density of 2%, about what p = 0.005 gives.
 * {@link #SHOTS} shots are encoded once and replayed from memory, so the figure is the format's own cost per shot,
 * without the disk; writes go to a stream that discards them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class ShotFormatBenchmark
{
    /** Shots encoded and replayed: a multiple of 64, as ptb64 needs. */
    static final int SHOTS = 4096;
    static final int DETECTORS = 720;
    static final double DENSITY = 0.02;

    @Param({ "01", "b8", "dets", "r8", "hits", "ptb64" })
    String format;

    private final ShotLayout layout = ShotLayout.detectorsWithObservables(DETECTORS, 1);
    private final SparseShot shot = SparseShot.forLayout(layout);
    private SparseShot[] shots;
    private ShotReader reader;
    private ShotWriter writer;
    private int next;

    /** Sample the shots, encode them in the format, and open a reader over them replayed without end. */
    @Setup
    public void setup() throws IOException
    {
        final ShotFormat shotFormat = ShotFormat.fromStimName(format);
        final SplittableRandom random = new SplittableRandom(16);
        shots = new SparseShot[SHOTS];
        final ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (ShotWriter encoder = ShotWriter.create(shotFormat, encoded, layout))
        {
            for (int s = 0; s < SHOTS; s++)
            {
                shots[s] = SparseShot.forLayout(layout);
                for (int k = 0; k < DETECTORS; k++)
                {
                    if (random.nextDouble() < DENSITY)
                    {
                        shots[s].addDefect(k);
                    }
                }
                shots[s].observableFlips(random.nextInt(2));
                encoder.write(shots[s]);
            }
        }
        reader = ShotReader.open(shotFormat, new EndlessReplay(encoded.toByteArray()), layout);
        writer = ShotWriter.create(shotFormat, OutputStream.nullOutputStream(), layout);
    }

    /** Close what setup opened; the writer's last part of a ptb64 block is dropped with its stream. */
    @TearDown
    public void tearDown() throws IOException
    {
        reader.close();
        while (format.equals("ptb64") && writer.shotsWritten() % 64 != 0)
        {
            writer.write(shots[0]);
        }
        writer.close();
    }

    /** @return the shot's defect count, so the read is not dead code. */
    @Benchmark
    public int readShot() throws IOException
    {
        reader.read(shot);
        return shot.defectCount();
    }

    /** Write the next of the sampled shots. */
    @Benchmark
    public void writeShot() throws IOException
    {
        writer.write(shots[next]);
        next = next + 1 == SHOTS ? 0 : next + 1;
    }

    /** The encoded shots, over and over: a file that never ends, held in memory. */
    static final class EndlessReplay extends InputStream
    {
        private final byte[] data;
        private int position;

        EndlessReplay(final byte[] data)
        {
            this.data = data;
        }

        public int read()
        {
            final int b = data[position] & 0xFF;
            position = position + 1 == data.length ? 0 : position + 1;
            return b;
        }

        public int read(final byte[] destination, final int offset, final int length)
        {
            final int count = Math.min(length, data.length - position);
            System.arraycopy(data, position, destination, offset, count);
            position = position + count == data.length ? 0 : position + count;
            return count;
        }
    }
}
