/**
 * One-way latency of syndrome rounds across the bus, beside a raw Aeron hop carrying frames of the same size.
 */
package io.qecnode.bench.bus;
