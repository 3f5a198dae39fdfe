package dev.abic.compiler.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * The C struct layout of an LP64 little-endian target (x86-64, aarch64): each member at the next
 * offset that is a multiple of its alignment, the struct aligned to its largest member (or a larger
 * declared alignment), its size rounded up to that alignment. This is the one place that knows the
 * rule; everything else asks it.
 */
public final class CLayout {
    private CLayout() {}

    /** A member to place: its size and alignment in bytes. */
    public record Member(long size, long align) {}

    /** Where a member went, and how many bytes of padding C put before it. */
    public record Placement(long offset, long paddingBefore) {}

    /**
     * A placed struct.
     *
     * @param end         the end of the last member
     * @param size        {@code sizeof}: {@code end} rounded up to {@code align}
     * @param tailPadding {@code size - end}
     */
    public record StructPlacement(List<Placement> members, long end, long size, long align, long tailPadding) {
        public StructPlacement {
            members = List.copyOf(members);
        }
    }

    /** Places members in order; {@code declaredAlign} is 1 unless the struct raises it. */
    public static StructPlacement place(List<Member> members, long declaredAlign) {
        List<Placement> placed = new ArrayList<>(members.size());
        long cursor = 0;
        long align = Math.max(1, declaredAlign);
        for (Member m : members) {
            long offset = alignUp(cursor, m.align());
            placed.add(new Placement(offset, offset - cursor));
            cursor = offset + m.size();
            align = Math.max(align, m.align());
        }
        long size = alignUp(cursor, align);
        return new StructPlacement(placed, cursor, size, align, size - cursor);
    }

    /** {@code value} rounded up to a multiple of {@code align} (a power of two). */
    public static long alignUp(long value, long align) {
        if (!isPowerOfTwo(align)) {
            throw new IllegalArgumentException("alignment must be a power of two: " + align);
        }
        return (value + align - 1) & -align;
    }

    public static boolean isPowerOfTwo(long value) {
        return value > 0 && (value & (value - 1)) == 0;
    }
}
