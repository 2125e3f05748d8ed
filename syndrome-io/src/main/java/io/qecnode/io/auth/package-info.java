/**
 * Issue 13's authenticated states between chain nodes. {@link io.qecnode.io.auth.StateMac}: a keyed MAC over a whole
 * {@code LogicalState} frame and its epoch. {@link io.qecnode.io.auth.SessionKeys}: a link direction's keys, handed
 * from the cold Hello thread to the hot thread. On the hot thread, without allocation:
 * {@link io.qecnode.io.auth.StateSealer} appends key generation and MAC to an outgoing frame
 * ({@link io.qecnode.io.auth.SealedState} draws the layout) and {@link io.qecnode.io.auth.StateOpener} checks a
 * received one, accepting the previous key during a rotation's overlap, with a {@link io.qecnode.io.auth.SealCheck}
 * for each refusal.
 */
package io.qecnode.io.auth;
