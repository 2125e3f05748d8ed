/**
 * What a node decodes and what a simulator samples: one description of a code under noise, shared by both ends so
 * that the firmware needs nothing from the hardware simulator.
 */
package io.qecnode.decoder.code;
