/**
 * The firmware of a repeater-chain node: {@link io.qecnode.node.chain.ChainNodeContext} describes it (role,
 * neighbours, path, deadline, window of open epochs, each patch's decoding), {@link io.qecnode.node.chain.ChainNodeFactory}
 * builds its hot-path {@link io.qecnode.node.chain.ChainNodeAgent}, which decodes one patch per side, collects each
 * epoch's pieces, swaps with the Bell measurement and streams the correction to the right neighbour; its counters are
 * {@link io.qecnode.node.chain.ChainCounters}.
 */
package io.qecnode.node.chain;
