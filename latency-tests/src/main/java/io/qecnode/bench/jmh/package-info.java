/**
 * JMH benchmarks of the hot path, stage by stage and whole, and a runner that reports the decoder per syndrome round.
 * <p>
 * Decoders: {@link io.qecnode.bench.jmh.DecoderBenchmark} (phenomenological, built-in model) and
 * {@link io.qecnode.bench.jmh.CircuitDecoderBenchmark} (circuit-level golden Stim models). The wire:
 * {@link io.qecnode.bench.jmh.SyndromeFrameBenchmark}. Frames: {@link io.qecnode.bench.jmh.PauliFrameBenchmark},
 * {@link io.qecnode.bench.jmh.LogicalFrameBenchmark}. The telemetry hand-off:
 * {@link io.qecnode.bench.jmh.TelemetryRoundTripBenchmark} (one thread),
 * {@link io.qecnode.bench.jmh.TelemetryHandOffBenchmark} (two). The node per round:
 * {@link io.qecnode.bench.jmh.HotPathBenchmark}. The per-state MAC candidates of issue 13:
 * {@link io.qecnode.bench.jmh.StateMacBenchmark}, and what sealing and opening a state add at each end of a link:
 * {@link io.qecnode.bench.jmh.SealedStateBenchmark}.
 * <p>
 * Every benchmark builds its state and samples its inputs in {@code @Setup}, returns a value, and allocates nothing
 * per operation (checked in-process by {@code JmhBenchmarksSmokeTest} and under {@code -prof gc} by
 * {@code JmhSmokeIT}). Forks get the module flags of {@link io.qecnode.bench.jmh.ForkJvmArgs}.
 */
package io.qecnode.bench.jmh;
