/**
 * Trust between nodes (issue 13): {@link io.qecnode.node.trust.NodeIdentity} is a node's ML-DSA key pair and its two
 * files, {@link io.qecnode.node.trust.TrustStore} the public keys of the nodes an operator admits,
 * {@link io.qecnode.node.trust.HelloFields} the fields of one Q-HELLO. Per link and neighbour, from verified Hellos:
 * {@link io.qecnode.node.trust.LinkKeyExchange} agrees the session keys of the link's states (ML-KEM-768 and
 * HKDF-SHA256, {@link io.qecnode.node.trust.MlKem}), {@link io.qecnode.node.trust.NeighbourLink} keeps the neighbour's
 * liveness, reported figures and our latency estimate, {@link io.qecnode.node.trust.LinkFidelity} makes the fidelity
 * figure a node reports. Cold path only: nothing here runs on the hot thread.
 */
package io.qecnode.node.trust;
