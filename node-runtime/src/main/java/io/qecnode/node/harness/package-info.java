/**
 * The simulated-hardware harness: the whole chain in one process (simulator, node, relays, a sink that checks every
 * state against the simulator's ground truth), its one run loop and verdict, and the commands that drive it
 * ({@code simulate}, {@code sim}). The only part of node-runtime that uses hw-sim; the firmware packages do not.
 */
package io.qecnode.node.harness;
