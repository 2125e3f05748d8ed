/**
 * Timing of the simulated hardware: pacing syndrome rounds on a fixed, drift-free schedule and measuring how late
 * each round was served.
 */
package io.qecnode.sim.timing;
