/**
 * Trust between nodes (issue 13): {@link io.qecnode.node.trust.NodeIdentity} is a node's ML-DSA key pair and its two
 * files, {@link io.qecnode.node.trust.TrustStore} the public keys of the nodes an operator admits (and
 * {@link io.qecnode.node.trust.AdmittedNodes} their ids as the hot thread reads them),
 * {@link io.qecnode.node.trust.HelloFields} the fields of one Q-HELLO, {@link io.qecnode.node.trust.HelloCodec} the
 * signed Q-HELLO on the wire and {@link io.qecnode.node.trust.HelloVerifier} a receiver's checks of it, counted in
 * {@link io.qecnode.node.trust.HelloCounters}. Per link and neighbour, from verified Hellos:
 * {@link io.qecnode.node.trust.LinkKeyExchange} agrees the session keys of the link's states (ML-KEM-768 and
 * HKDF-SHA256, {@link io.qecnode.node.trust.MlKem}), {@link io.qecnode.node.trust.NeighbourLink} keeps the neighbour's
 * liveness, reported figures and our latency estimate, {@link io.qecnode.node.trust.LinkFidelity} makes the fidelity
 * figure a node reports. {@link io.qecnode.node.trust.HelloAgent}, built from a
 * {@link io.qecnode.node.trust.HelloContext}, runs it all on a node's cold trust thread: nothing here runs on the hot
 * thread except the reads of {@link io.qecnode.node.trust.AdmittedNodes}.
 */
package io.qecnode.node.trust;
