/**
 * Seeded sources of syndrome rounds with ground truth: a noise model (a built-in surface code model, any decoding
 * graph, or a Stim detector error model) is sampled one logical block at a time and handed out round by round, in
 * time order, with optional bursts of raised error rates.
 */
package io.qecnode.sim.source;
