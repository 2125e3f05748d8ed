/**
 * JMH benchmarks of the decoder and the hot path, and a runner that reports them per syndrome round.
 */
package io.qecnode.bench.jmh;
