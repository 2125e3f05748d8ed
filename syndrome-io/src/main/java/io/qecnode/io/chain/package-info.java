/**
 * What the hardware, the nodes and the verifier of a repeater chain agree on: stream ids and logical qubit ids
 * ({@link io.qecnode.io.chain.ChainStreams}).
 */
package io.qecnode.io.chain;
