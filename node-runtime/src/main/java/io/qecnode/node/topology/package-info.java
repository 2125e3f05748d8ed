/**
 * A repeater chain's topology file: how many nodes, where each one's state endpoint and the verifier's are, and the
 * code and noise of every link, read and checked once so every process of a chain agrees on it.
 */
package io.qecnode.node.topology;
