package dev.abic.compiler.verify;

import static com.google.common.truth.Truth.assertThat;

import dev.abic.compiler.Abic;
import dev.abic.compiler.model.AbiModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How struct and field specifications resolve against a model, and what users are told when they do not. */
class StructMappingTest {
    @TempDir
    Path dir;

    /** Two packages that both declare {@code Slot}. */
    private AbiModel twoPackages() throws IOException {
        Files.writeString(dir.resolve("a.abi"), "package one.a;\nstruct Slot {\n    seq: u64;\n    len: u32;\n"
                + "    reserved0: reserved u32;\n} size 16;\nstruct Ring {\n    head: u64;\n}\n");
        Files.writeString(dir.resolve("b.abi"), "package two.b;\nstruct Slot {\n    value: u32;\n}\n");
        Abic.Result r = Abic.compile(List.of(dir));
        assertThat(r.diagnostics()).isEmpty();
        return r.model().orElseThrow();
    }

    private static List<String> problems(StructMapping.Resolution r) {
        return r.problems().stream().map(p -> p.kind() + " " + p.spec() + " -> " + p.message()).toList();
    }

    @Test
    void namesBareOrQualifiedWithTheirCounterparts() throws IOException {
        StructMapping.Resolution r = StructMapping.resolve(twoPackages(),
                List.of("Ring", "one.a.Slot=::rt::SlotV1", "two.b.Slot=rt::SlotV2"),
                List.of("one.a.Slot.len=length"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.mappings().stream().map(m -> m.label() + "=" + m.theirName()).toList())
                .containsExactly("Ring=Ring", "one.a.Slot=::rt::SlotV1", "two.b.Slot=rt::SlotV2").inOrder();
        StructMapping slot = r.mappings().get(1);
        assertThat(slot.checkedFields().stream().map(f -> f.name() + "->" + slot.theirMember(f)).toList())
                .containsExactly("seq->seq", "len->length").inOrder();
        assertThat(r.mappings().get(2).fieldRenames()).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithASuggestion() throws IOException {
        StructMapping.Resolution r = StructMapping.resolve(twoPackages(),
                List.of("Slot=X", "Rin=X", "one.a.Rign", "Ring=rt::Ring<int>"),
                List.of("Ring.hed=h", "one.a.Slot.len=x", "two.b.Slot.value", "Ring", "Ring.head=not-a-name",
                        "Nope.x=y"));
        assertThat(problems(r)).containsExactly(
                "STRUCT Slot=X -> 'Slot' is declared in more than one package; write one of one.a.Slot, two.b.Slot",
                "STRUCT Rin=X -> no struct 'Rin' in the .abi files; did you mean 'Ring'?",
                "STRUCT one.a.Rign -> no struct 'one.a.Rign' in the .abi files; did you mean 'one.a.Ring'?",
                "STRUCT Ring=rt::Ring<int> -> 'rt::Ring<int>' is not a C++ type name (identifiers separated by ::)",
                "FIELD Ring.hed=h -> struct 'Ring' is not checked: map it to a hand-written struct too",
                "FIELD one.a.Slot.len=x -> struct 'Slot' is not checked: map it to a hand-written struct too",
                "FIELD two.b.Slot.value -> expected STRUCT.FIELD=THEIR_FIELD",
                "FIELD Ring -> expected STRUCT.FIELD=THEIR_FIELD",
                "FIELD Ring.head=not-a-name -> struct 'Ring' is not checked: map it to a hand-written struct too",
                "FIELD Nope.x=y -> no struct 'Nope' in the .abi files").inOrder();
    }

    @Test
    void fieldProblems() throws IOException {
        StructMapping.Resolution r = StructMapping.resolve(twoPackages(), List.of("Ring", "one.a.Slot=S"),
                List.of("Ring.hed=h", "one.a.Slot.reserved0=pad", "Ring.head=not-a-name", "Ring.head=h"));
        assertThat(problems(r)).containsExactly(
                "FIELD Ring.hed=h -> struct 'Ring' has no field 'hed'; did you mean 'head'?",
                "FIELD one.a.Slot.reserved0=pad -> 'Slot.reserved0' is reserved; reserved fields are not checked, "
                        + "whatever the hand-written header calls them",
                "FIELD Ring.head=not-a-name -> 'not-a-name' is not a C++ member name").inOrder();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.mappings().get(0).fieldRenames()).containsExactly("head", "h");
    }
}
