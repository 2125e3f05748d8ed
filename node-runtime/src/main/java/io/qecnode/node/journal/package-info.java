/**
 * The node's use of its journal: crash recovery from the last checkpoint and the journal's tail, offline replay that
 * checks every forwarded state bit for bit, and playback of a journal onto the bus as a hardware source.
 */
package io.qecnode.node.journal;
