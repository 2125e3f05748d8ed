/**
 * Threshold runs: logical error rate against physical error rate for several code distances, with confidence
 * intervals, to locate where the curves cross.
 */
package io.qecnode.bench.threshold;
