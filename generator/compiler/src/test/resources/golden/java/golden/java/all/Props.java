package golden.java.all;

/**
 * Properties of a region.
 *
 * <p>Generated from {@code all_constructs.abi} by abic; do not edit.
 */
public final class Props {
    /**
     */
    public static final short READ = 1;

    /**
     */
    public static final short WRITE = 2;

    /**
     */
    public static final short READ_WRITE = 0x3;

    private Props() {
    }

    /**
     * True when every flag of {@code flags} is set in {@code set}.
     */
    public static boolean has(short set, short flags) {
        return (set & flags) == flags;
    }

    /**
     * {@code set} with the flags of {@code flags} added.
     */
    public static short with(short set, short flags) {
        return (short) (set | flags);
    }

    /**
     * {@code set} with the flags of {@code flags} removed.
     */
    public static short without(short set, short flags) {
        return (short) (set & ~flags);
    }

    /**
     * True when {@code set} has no bits besides the declared flags.
     */
    public static boolean isKnown(short set) {
        return (set & ~(READ | WRITE | READ_WRITE)) == 0;
    }

    /**
     * The names of the flags set, joined with {@code |}, and any unknown bits in hex; for logs.
     */
    public static String toString(short set) {
        StringBuilder out = new StringBuilder();
        if (has(set, READ)) {
            out.append(out.length() == 0 ? "" : "|").append("READ");
        }
        if (has(set, WRITE)) {
            out.append(out.length() == 0 ? "" : "|").append("WRITE");
        }
        if (has(set, READ_WRITE)) {
            out.append(out.length() == 0 ? "" : "|").append("READ_WRITE");
        }
        if (!isKnown(set)) {
            out.append(out.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(set & ~(READ | WRITE | READ_WRITE) & 0xFFFF));
        }
        return out.length() == 0 ? "0" : out.toString();
    }
}
