/**
 * Latency measurement shared by the node's commands and the benchmarks: one-way hops over the bus and percentiles.
 */
package io.qecnode.node.measure;
