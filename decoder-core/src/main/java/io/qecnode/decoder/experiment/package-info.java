/**
 * Monte Carlo memory experiments: sample shots from a model, decode them, count logical errors and time the decoder.
 */
package io.qecnode.decoder.experiment;
