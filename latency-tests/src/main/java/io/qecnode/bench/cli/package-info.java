/**
 * The {@code qec-bench.jar} command line: threshold runs and benchmarks.
 */
package io.qecnode.bench.cli;
