package golden.java.all;

/**
 * The values of Status.
 *
 * <p>Generated from {@code all_constructs.abi} by abic; do not edit.
 */
public enum Status {
    /**
     */
    OK(0),

    /**
     */
    WOULD_BLOCK(-11),

    /**
     */
    INVALID_ARG(-22);

    private final int value;

    Status(int value) {
        this.value = value;
    }

    /**
     * The value as stored in memory.
     */
    public int value() {
        return value;
    }

    /**
     * The constant for a value read from memory.
     *
     * @throws AbiViolationException if no constant has that value
     */
    public static Status of(int value) {
        if (value == 0) {
            return OK;
        }
        if (value == -11) {
            return WOULD_BLOCK;
        }
        if (value == -22) {
            return INVALID_ARG;
        }
        throw new AbiViolationException("unknown Status value " + String.valueOf(value));
    }

    /**
     * True when a constant has this value.
     */
    public static boolean isKnown(int value) {
        return value == 0
                || value == -11
                || value == -22;
    }

    /**
     * The name of the constant with this value, or the value and {@code (unknown)}; for logs.
     */
    public static String toString(int value) {
        return isKnown(value) ? of(value).name() : String.valueOf(value) + " (unknown)";
    }
}
