/**
 * The simulated hardware of a repeater chain at the epoch level: each node's surface-code patches (an end node one,
 * a repeater two), each with its own syndrome stream, the raw XX and ZZ parities a repeater's logical Bell-state
 * measurement reports at the end of each epoch, and the ground truth of each epoch as a fixed-size record for the
 * verifier. No transport here; the truth goes to an {@link io.qecnode.sim.chain.EpochTruthSink}.
 */
package io.qecnode.sim.chain;
