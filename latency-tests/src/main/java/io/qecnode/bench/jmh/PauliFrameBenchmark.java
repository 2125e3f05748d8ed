package io.qecnode.bench.jmh;

import io.qecnode.pauli.PauliFrame;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Folding one decoder correction into the physical Pauli frame of the d² data qubits: {@link PauliFrame#applyX} of
 * the X corrections and {@link PauliFrame#applyZ} of the Z corrections, over a ring of correction sets pre-decoded
 * from code-capacity shots ({@link CorrectionSets}). Too short for sample-time mode to resolve: average time only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    ForkJvmArgs.EXPORT_MISC, ForkJvmArgs.EXPORT_REF, ForkJvmArgs.EXPORT_NIO_CH, ForkJvmArgs.OPEN_REFLECT,
    ForkJvmArgs.OPEN_NIO})
public class PauliFrameBenchmark
{
    /** Pre-decoded correction sets cycled through; a power of two. */
    static final int SET_RING = 4096;

    private static final int PROBE_QUBIT = 0;

    @Param({"5", "11", "17"})
    int distance;

    /** Data qubit flip probability of the decoded shots. */
    @Param("0.01")
    double p;

    CorrectionSets corrections;
    PauliFrame frame;
    private int next;

    /** Decode the correction sets and build the frame. */
    @Setup
    public void setup()
    {
        corrections = CorrectionSets.decode(distance, p, 20_260_300L + distance, SET_RING);
        frame = new PauliFrame(distance * distance);
    }

    /**
     * @return whether the frame now holds an anticommuting pair on qubit 0, read so the update cannot be skipped.
     */
    @Benchmark
    public boolean applyCorrection()
    {
        final int i = next++ & (SET_RING - 1);
        final PauliFrame frame = this.frame;
        final int[] xQubits = corrections.xQubits(i);
        final int[] zQubits = corrections.zQubits(i);
        frame.applyX(xQubits, xQubits.length);
        frame.applyZ(zQubits, zQubits.length);
        return frame.x(PROBE_QUBIT) ^ frame.z(PROBE_QUBIT);
    }
}
