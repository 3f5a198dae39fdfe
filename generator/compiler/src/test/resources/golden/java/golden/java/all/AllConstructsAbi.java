package golden.java.all;

/**
 * Every construct of the language, to pin the generated C++.
 *
 * <p>Generated from {@code all_constructs.abi} by abic; do not edit.
 */
public final class AllConstructsAbi {
    /**
     * The magic, written in hex.
     */
    public static final int MAGIC = 0x41424943;

    /**
     * {@code (4096 - 64) / 8} = 504
     */
    public static final int CAPACITY = 504;

    /**
     * {@code (0x4C334C32 << 32) | (1 << 16) | 2} = 5490816148326907906
     */
    public static final long PACKED = 0x4C334C3200010002L;

    /**
     */
    public static final short MINUS = -12;

    /**
     * {@code -9223372036854775807 - 1} = -9223372036854775808
     */
    public static final long MIN64 = -9223372036854775808L;

    /**
     */
    public static final short TEXT_BYTES = 32;

    /**
     * {@code sizeof(golden.common.Pair)} = 16
     */
    public static final int PAIR_SIZE = 16;

    private AllConstructsAbi() {
    }
}
