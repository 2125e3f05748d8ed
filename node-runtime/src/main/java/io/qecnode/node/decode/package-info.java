/**
 * Parallel block decoding: worker threads that each decode every N-th block window by window, fed through a
 * single-producer ring of rounds and drained through a single-producer ring of results, so that the node's hot thread
 * only validates, dispatches and folds the results in block order.
 */
package io.qecnode.node.decode;
