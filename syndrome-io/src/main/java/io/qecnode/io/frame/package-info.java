/**
 * Hand-written layer over the generated SBE codecs in {@code io.qecnode.io.codec}: writers and reusable views for
 * {@code SyndromeRound} and {@code LogicalState} frames, their CRC32C checksum, and the validator every inbound frame
 * passes before anything reads it, with its counters and once-per-kind rejection log.
 * <p>
 * Everything here that a hot path calls is allocation-free and lock-free; the classes are single-threaded unless their
 * javadoc says otherwise.
 */
package io.qecnode.io.frame;
