/**
 * The repeater chain's verifier at B: for every epoch it judges the end-to-end pair against the simulated hardware's
 * ground truth ({@link io.qecnode.node.harness.chain.ChainVerifier}) and counts the fidelity beside the one predicted
 * from each patch's residual statistics ({@link io.qecnode.node.harness.chain.FidelityCounter}). The pure logic
 * reads no stream: {@link io.qecnode.node.harness.chain.EpochAssembly} gathers each epoch's truth records and reports
 * into a {@link io.qecnode.node.harness.chain.ChainEpoch}, and
 * {@link io.qecnode.node.harness.chain.ChainVerifierAgent}, built from a
 * {@link io.qecnode.node.harness.chain.ChainVerifierContext}, polls the verifier's endpoint and runs it all.
 */
package io.qecnode.node.harness.chain;
