/**
 * The node's journal: a bounded hand-off from the hot thread, a journal thread that appends to Chronicle Queue with
 * roll cycles and a retention limit, and a reader for replay and crash recovery.
 */
package io.qecnode.io.journal;
