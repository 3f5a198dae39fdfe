package golden.common;

/**
 * The values of Small.
 *
 * <p>Generated from {@code common.abi} by abic; do not edit.
 */
public enum Small {
    /**
     */
    ZERO((byte) 0),

    /**
     */
    MAX((byte) 0xFF);

    private final byte value;

    Small(byte value) {
        this.value = value;
    }

    /**
     * The value as stored in memory.
     */
    public byte value() {
        return value;
    }

    /**
     * The constant for a value read from memory.
     *
     * @throws AbiViolationException if no constant has that value
     */
    public static Small of(byte value) {
        if (value == 0) {
            return ZERO;
        }
        if (value == (byte) 0xFF) {
            return MAX;
        }
        throw new AbiViolationException("unknown Small value " + String.valueOf(Byte.toUnsignedInt(value)));
    }

    /**
     * True when a constant has this value.
     */
    public static boolean isKnown(byte value) {
        return value == 0
                || value == (byte) 0xFF;
    }

    /**
     * The name of the constant with this value, or the value and {@code (unknown)}; for logs.
     */
    public static String toString(byte value) {
        return isKnown(value) ? of(value).name() : String.valueOf(Byte.toUnsignedInt(value)) + " (unknown)";
    }
}
