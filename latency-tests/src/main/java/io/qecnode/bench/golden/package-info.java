/**
 * The Stim/PyMatching reference data ({@code shared/golden}): reading its cases, decoding their shots with the
 * union-find decoder, and comparing mistakes and speed with PyMatching's on the same shots.
 */
package io.qecnode.bench.golden;
