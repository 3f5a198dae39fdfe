package dev.abic.generatedjava;

import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks one struct of the generated code against a table of the real ABI (simpler-abi-facts.md):
 * every field's offset and size through {@code LAYOUT}, its {@code *_OFFSET} constant, and that the
 * table covers the struct exactly (the fields of {@code LAYOUT}, in order, with no gap and no overlap).
 */
final class StructFacts {
    /** One row of a facts table: field name, offset, size in bytes, and the generated {@code *_OFFSET}. */
    record Field(String name, long offset, long size, long offsetConstant) {}

    static Field field(String name, long offset, long size, long offsetConstant) {
        return new Field(name, offset, size, offsetConstant);
    }

    private StructFacts() {}

    static void assertStruct(StructLayout layout, long bytesConstant, long size, long alignment, Field... fields) {
        String struct = layout.name().orElseThrow();
        assertWithMessage("%s.LAYOUT.byteSize()", struct).that(layout.byteSize()).isEqualTo(size);
        assertWithMessage("%s.BYTES", struct).that(bytesConstant).isEqualTo(size);
        assertWithMessage("%s.LAYOUT.byteAlignment()", struct).that(layout.byteAlignment()).isEqualTo(alignment);

        for (Field f : fields) {
            String what = struct + "." + f.name();
            assertWithMessage("offset of %s in LAYOUT", what)
                    .that(layout.byteOffset(PathElement.groupElement(f.name()))).isEqualTo(f.offset());
            assertWithMessage("size of %s in LAYOUT", what)
                    .that(layout.select(PathElement.groupElement(f.name())).byteSize()).isEqualTo(f.size());
            assertWithMessage("%s_OFFSET", what).that(f.offsetConstant()).isEqualTo(f.offset());
        }

        List<String> layoutNames = new ArrayList<>();
        for (MemoryLayout member : layout.memberLayouts()) {
            layoutNames.add(member.name().orElseThrow());
        }
        assertWithMessage("fields of %s.LAYOUT (the table lists them all, in order)", struct)
                .that(layoutNames).containsExactlyElementsIn(Arrays.stream(fields).map(Field::name).toList()).inOrder();

        Field[] sorted = fields.clone();
        Arrays.sort(sorted, Comparator.comparingLong(Field::offset));
        long end = 0;
        for (Field f : sorted) {
            assertWithMessage("%s.%s starts where the previous field ends", struct, f.name()).that(f.offset()).isEqualTo(end);
            end = f.offset() + f.size();
        }
        assertWithMessage("end of the last field of %s", struct).that(end).isEqualTo(size);
    }
}
