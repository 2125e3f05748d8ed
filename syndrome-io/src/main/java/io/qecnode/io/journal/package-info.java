/**
 * The node's journal: a bounded hand-off from the hot thread, a journal thread that appends to Chronicle Queue with
 * roll cycles and a retention limit, and a read-only reader for replay and crash recovery that checks every record's
 * CRC32C and stops at the first damage.
 */
package io.qecnode.io.journal;
