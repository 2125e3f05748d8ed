/**
 * Noise models of the rotated surface code (code capacity and phenomenological) as decoding graphs, and a seeded
 * sampler that draws errors from any decoding graph together with their ground truth.
 */
package io.qecnode.decoder.model;
