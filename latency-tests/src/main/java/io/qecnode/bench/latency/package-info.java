/**
 * The latency harness and the soak run: the whole pipeline at a fixed round rate, HdrHistogram percentiles with
 * coordinated omission corrected, interval logs, percentile files, plots, and loud failure when anything is lost or
 * the node falls behind.
 */
package io.qecnode.bench.latency;
