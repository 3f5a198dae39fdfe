package golden.java.all;

/**
 * What a message carries.
 *
 * <p>Generated from {@code all_constructs.abi} by abic; do not edit.
 */
public enum Opcode {
    /**
     * Never valid.
     */
    INVALID(0L),

    /**
     */
    DATA(1L),

    /**
     */
    STOP(2L);

    private final long value;

    Opcode(long value) {
        this.value = value;
    }

    /**
     * The value as stored in memory.
     */
    public long value() {
        return value;
    }

    /**
     * The constant for a value read from memory.
     *
     * @throws AbiViolationException if no constant has that value
     */
    public static Opcode of(long value) {
        if (value == 0L) {
            return INVALID;
        }
        if (value == 1L) {
            return DATA;
        }
        if (value == 2L) {
            return STOP;
        }
        throw new AbiViolationException("unknown Opcode value " + Long.toUnsignedString(value));
    }

    /**
     * True when a constant has this value.
     */
    public static boolean isKnown(long value) {
        return value == 0L
                || value == 1L
                || value == 2L;
    }

    /**
     * The name of the constant with this value, or the value and {@code (unknown)}; for logs.
     */
    public static String toString(long value) {
        return isKnown(value) ? of(value).name() : Long.toUnsignedString(value) + " (unknown)";
    }
}
