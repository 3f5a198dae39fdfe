package dev.abic.runtime;

/**
 * What went wrong in a queue, mailbox or region operation. The C++ endpoint in
 * {@code runtime/cpp} has the same kinds with the same names.
 *
 * <p>Only {@link #INVALID_DESCRIPTOR} poisons an endpoint: the peer broke the protocol, so the
 * endpoint sets its own abort flag and every later call fails with the same error. The others
 * leave the endpoint usable (or, for {@link #CLOSED} and {@link #ABORTED}, describe its state).
 */
public enum ErrorKind {
    /** No error. */
    NONE,
    /** The caller passed a value the operation cannot take (a negative size, STOP on the output direction…). */
    BAD_ARGUMENT,
    /** The shared file or its region description is not a valid queue or mailbox (checked when opening). */
    BAD_DESCRIPTOR,
    /** A value the peer wrote failed validation; the endpoint is poisoned. */
    INVALID_DESCRIPTOR,
    /** The payload can never fit: it is larger than the whole arena. */
    OUT_OF_SPACE,
    /** A handle or reservation misused: released twice, not the active one, or a second one opened. */
    OWNERSHIP,
    /** The peer has set its abort flag. */
    REMOTE_ABORTED,
    /** A blocking call gave up; the endpoint stays usable. */
    TIMEOUT,
    /** The endpoint (or the input direction, after STOP) was closed by this side. */
    CLOSED,
    /** This side called {@code abort()}. */
    ABORTED
}
