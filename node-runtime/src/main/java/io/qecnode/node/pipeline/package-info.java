/**
 * The node's hot path and its neighbours on the bus: the node agent (poll, validate, decode, frame, forward), relays
 * that pass logical states down a chain of nodes, and the sink that checks them against the ground truth.
 */
package io.qecnode.node.pipeline;
