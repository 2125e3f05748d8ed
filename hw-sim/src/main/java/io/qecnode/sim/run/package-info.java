/**
 * The simulated hardware at work: an Agrona agent that samples rounds, encodes them, passes them through the fault
 * injector and publishes them on the bus at the round period, keeping each block's ground truth.
 */
package io.qecnode.sim.run;
