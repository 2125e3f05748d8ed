/**
 * The repeater chain's verifier at B: for every epoch it judges the end-to-end pair against the simulated hardware's
 * ground truth ({@link io.qecnode.node.harness.chain.ChainVerifier}) and counts the fidelity beside the one predicted
 * from each patch's residual statistics ({@link io.qecnode.node.harness.chain.FidelityCounter}). Pure logic: it
 * reads no stream; whoever follows the truth and B's states fills a
 * {@link io.qecnode.node.harness.chain.ChainEpoch} per epoch.
 */
package io.qecnode.node.harness.chain;
