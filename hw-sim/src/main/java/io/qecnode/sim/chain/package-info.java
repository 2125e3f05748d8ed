/**
 * The simulated hardware of a repeater chain at the epoch level: each node's surface-code patches (an end node one,
 * a repeater two), each with its own syndrome stream, the raw XX and ZZ parities a repeater's logical Bell-state
 * measurement reports at the end of each epoch, and the ground truth of each epoch as a fixed-size record for the
 * verifier. {@link io.qecnode.sim.chain.NodeHardware} runs epochs synchronously, its truth going to an
 * {@link io.qecnode.sim.chain.EpochTruthSink}; {@link io.qecnode.sim.chain.ChainSimulatorAgent} (built from a
 * {@link io.qecnode.sim.chain.ChainSimulatorContext}) runs one node or several on a round schedule and hands every
 * stream to a {@link io.qecnode.io.transport.FrameSender}, with the drops and delays of a
 * {@link io.qecnode.sim.chain.ChainFaultPlan}.
 * <p>
 * What the verifier can do with it: a repeater's corrected parity {@code zz' = zz XOR X^(L) XOR X^(R)} equals the
 * ideal outcome XOR both patches' X residuals (decoded XOR true), and likewise for xx' with Z; the ideal outcomes are
 * exactly what a perfect chain must correct for, and A's and B's own true Paulis move onto the end pair. So an
 * epoch's end pair is right when, for each tracked Pauli, the residuals of all patches of the chain XOR to 0.
 */
package io.qecnode.sim.chain;
