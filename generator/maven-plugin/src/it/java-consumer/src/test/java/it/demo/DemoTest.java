package it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Uses the classes abic generated from src/main/abi/demo.abi. */
class DemoTest {
    @Test
    void layoutIsTheOneInTheAbi() {
        assertEquals(32, Slot.BYTES);
        assertEquals(32, Slot.LAYOUT.byteSize());
        assertEquals(0, Slot.SEQ_OFFSET);
        assertEquals(8, Slot.OP_OFFSET);
        assertEquals(16, Slot.NAME_OFFSET);
        assertEquals(16, DemoAbi.SLOT_COUNT);
    }

    @Test
    void fieldsReadBackWhatWasWritten() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = Slot.allocate(arena);
            assertEquals(0, Slot.seq(slot));

            Slot.seq(slot, 7);
            assertEquals(7, Slot.seq(slot));
            Slot.seqRelease(slot, 9);
            assertEquals(9, Slot.seqAcquire(slot));

            Slot.op(slot, Op.PUT);
            assertEquals(Op.PUT, Slot.op(slot));
            assertEquals(1, Slot.opRaw(slot));

            Slot.name(slot, "ring-0");
            assertEquals("ring-0", Slot.name(slot));
        }
    }
}
