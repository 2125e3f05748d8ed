/**
 * Groundwork for issue 13's authenticated states: {@link io.qecnode.io.auth.StateMac}, a keyed MAC over a whole
 * {@code LogicalState} frame and its epoch, computed and verified on the hot thread without allocation. Nothing on the
 * wire or in the chain node uses it yet.
 */
package io.qecnode.io.auth;
