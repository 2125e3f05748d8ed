/**
 * Offline decoding of Stim shot files against a detector error model, the logic behind {@code qec-node decode}: read
 * detection events, decode each shot with the union-find decoder, write the predicted observable flips and count
 * mistakes against the true ones. Kept free of the command line so it can be driven and tested directly.
 */
package io.qecnode.node.offline;
