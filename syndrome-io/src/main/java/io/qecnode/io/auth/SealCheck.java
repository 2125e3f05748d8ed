package io.qecnode.io.auth;

/**
 * What {@link StateOpener#open} found in a received state; everything but {@link #OPENED} is a refusal, each with its
 * own counter at the node.
 */
public enum SealCheck
{
    /** The MAC verified under the newest key or the previous one within its overlap: the state may be used. */
    OPENED,

    /** A bare, unsealed frame: someone sends states without a session key. */
    NO_MAC,

    /** Neither a bare frame nor a sealed state: the length fits no known layout. */
    BAD_LENGTH,

    /** The link has no session key, never had one or was revoked: nothing from the neighbour is accepted. */
    NOT_ADMITTED,

    /**
     * The MAC does not verify, or the seal names a generation with no key to check it: newer than the newest (not
     * installed here yet), negative, or the accepted previous one no longer held. A forgery, a corrupted seal, or a
     * state for another link.
     */
    WRONG_MAC,

    /**
     * Sealed under a generation older than the newest that is no longer accepted: older than the previous one, or
     * the previous one past its overlap. Refused without computing its MAC.
     */
    OLD_KEY
}
