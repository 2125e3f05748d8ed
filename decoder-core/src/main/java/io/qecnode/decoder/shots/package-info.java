/**
 * Stim's result formats {@code 01}, {@code b8}, {@code r8}, {@code ptb64}, {@code hits} and {@code dets}: streaming
 * readers and writers of detection events and observable flips, one shot at a time, into and out of caller-owned
 * buffers ({@code ptb64} a block of 64 shots at a time, as the format needs).
 * <p>
 * A shot is a bit vector laid out by a {@link io.qecnode.decoder.shots.ShotLayout}: detectors first, then (Stim's
 * "appended observables") up to 64 observables. Readers turn the detector bits into a sparse, increasing defect list
 * in a reusable {@link io.qecnode.decoder.shots.SparseShot}, which is what the decoder takes, and the observable bits
 * into a {@code long} mask. Bad data raises a {@link io.qecnode.decoder.shots.ShotFormatException} naming the shot.
 */
package io.qecnode.decoder.shots;
