/**
 * Decoding graphs: detectors plus one virtual boundary vertex, joined by edges that stand for independent
 * error mechanisms. Stored as flat primitive arrays (compressed sparse rows) built once and never changed.
 */
package io.qecnode.decoder.graph;
