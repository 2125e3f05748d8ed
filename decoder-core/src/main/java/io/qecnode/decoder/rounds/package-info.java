/**
 * Which detectors belong to which syndrome round: the simulator emits a block round by round with it, and a
 * streaming decoder will take rounds in with it. Detectors of a round are a contiguous index range, rounds in
 * increasing index order, as both the built-in models and Stim number them.
 */
package io.qecnode.decoder.rounds;
