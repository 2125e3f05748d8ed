/**
 * Fault injection on the simulated hardware bus: frames dropped, duplicated, reordered, corrupted or truncated,
 * sequence restarts, stalls in emission and bursts of raised error probability, each at a rate or on a schedule, and
 * each counted so that a receiver's counters can be held to account.
 */
package io.qecnode.sim.faults;
