/**
 * Import of Stim detector error models (the {@code .dem} text format) as
 * {@link io.qecnode.decoder.graph.DecodingGraph}s, so every decoder and the simulator can run on the error model of
 * any Stim circuit. Parsing builds a small tree of
 * instructions and repeat blocks; two walks over it (detectors and coordinates first, then edges) produce the graph
 * without ever unrolling the text. Cold path: clarity before speed.
 */
package io.qecnode.decoder.dem;
