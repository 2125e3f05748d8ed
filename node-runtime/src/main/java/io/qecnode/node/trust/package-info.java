/**
 * Node identities for trust between nodes (issue 13): {@link io.qecnode.node.trust.NodeIdentity} is a node's ML-DSA
 * key pair and its two files, {@link io.qecnode.node.trust.TrustStore} the public keys of the nodes an operator
 * admits, {@link io.qecnode.node.trust.HelloCodec} the signed Q-HELLO on the wire and
 * {@link io.qecnode.node.trust.HelloVerifier} a receiver's checks of it, counted in
 * {@link io.qecnode.node.trust.HelloCounters}. Cold path only: nothing here runs on the hot thread.
 */
package io.qecnode.node.trust;
