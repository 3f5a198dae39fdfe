package dev.abic.compiler.drift;

/**
 * A finding with what the check policy made of it.
 *
 * @param note why it does not fail: the version bump or the configured reason; empty otherwise
 */
public record Verdict(Finding finding, Status status, String note) {
    public enum Status {
        /** A breaking change not covered by a version bump or a relaxation: the check fails. */
        FAILS,
        /** A breaking change in a file whose ABI major version went up. */
        ALLOWED_BY_VERSION,
        /** A breaking change the configuration accepts, with a reason. */
        RELAXED,
        /** A source or compatible change: reported, never failing. */
        REPORTED
    }

    public boolean fails() {
        return status == Status.FAILS;
    }
}
