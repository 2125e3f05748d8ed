/**
 * Telemetry off the hot path: the node's counters read from the media driver's counters file, from inside or outside
 * the process.
 */
package io.qecnode.node.telemetry;
