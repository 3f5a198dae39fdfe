package golden.java.all;

/**
 * Capabilities, as a 32-bit set that can be updated atomically.
 *
 * <p>Generated from {@code all_constructs.abi} by abic; do not edit.
 */
public final class Caps {
    /**
     */
    public static final int FAST = 1;

    /**
     */
    public static final int SAFE = 16;

    private Caps() {
    }

    /**
     * True when every flag of {@code flags} is set in {@code set}.
     */
    public static boolean has(int set, int flags) {
        return (set & flags) == flags;
    }

    /**
     * {@code set} with the flags of {@code flags} added.
     */
    public static int with(int set, int flags) {
        return set | flags;
    }

    /**
     * {@code set} with the flags of {@code flags} removed.
     */
    public static int without(int set, int flags) {
        return set & ~flags;
    }

    /**
     * True when {@code set} has no bits besides the declared flags.
     */
    public static boolean isKnown(int set) {
        return (set & ~(FAST | SAFE)) == 0;
    }

    /**
     * The names of the flags set, joined with {@code |}, and any unknown bits in hex; for logs.
     */
    public static String toString(int set) {
        StringBuilder out = new StringBuilder();
        if (has(set, FAST)) {
            out.append(out.length() == 0 ? "" : "|").append("FAST");
        }
        if (has(set, SAFE)) {
            out.append(out.length() == 0 ? "" : "|").append("SAFE");
        }
        if (!isKnown(set)) {
            out.append(out.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(set & ~(FAST | SAFE)));
        }
        return out.length() == 0 ? "0" : out.toString();
    }
}
