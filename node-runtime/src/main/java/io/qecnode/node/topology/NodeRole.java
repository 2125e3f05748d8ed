package io.qecnode.node.topology;

/**
 * What a node of a chain does: an end node holds one patch, a repeater two, which it swaps.
 */
public enum NodeRole
{
    /** Node 0: holds R_0 and starts every epoch's correction. */
    A,
    /** Nodes 1..n: hold L_i and R_i, measure XX and ZZ on them and fold the result into the correction. */
    REPEATER,
    /** Node n + 1: holds L_(n+1) and completes every epoch's correction. */
    B
}
