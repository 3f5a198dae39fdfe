package dev.abic.compiler.drift;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A type renamed in one package is renamed there only: a type of the same simple name in another
 * package, and the fields that use it, are untouched and must not be reported.
 */
class TypeRenameScopeTest {
    @TempDir
    Path dir;

    private Snapshot snapshot(String name, Map<String, String> files) throws IOException, InvalidFile {
        Path root = Files.createDirectories(dir.resolve(name));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(root.resolve(f.getKey()), f.getValue());
        }
        Abic.Result r = Abic.compile(List.of(root));
        assertWithMessage(r.diagnostics().stream().map(Diagnostic::render).collect(Collectors.joining("\n")))
                .that(r.succeeded()).isTrue();
        return Snapshot.of(r.model().get());
    }

    @Test
    void renamingAStructDoesNotRetypeFieldsOfTheSameNamedStructOfAnotherPackage() throws Exception {
        String b = "package pb;\nstruct Hdr { y: u32; }\nstruct UseB { h: Hdr; }\n";
        Snapshot before = snapshot("before", Map.of(
                "a.abi", "package pa;\nstruct Hdr { x: u32; }\nstruct UseA { h: Hdr; }\n", "b.abi", b));
        Snapshot after = snapshot("after", Map.of(
                "a.abi", "package pa;\nstruct Head { x: u32; }\nstruct UseA { h: Head; }\n", "b.abi", b));

        List<String> findings = Drift.compare(before, after).stream()
                .map(f -> f.rule() + " " + f.subject() + ": " + f.message()).toList();

        // Fails today with a second finding, BREAKING:
        //   FIELD_TYPE_CHANGED pb.UseB.h: field UseB.h changed type from Hdr to Hdr (same size, 4 bytes)
        assertThat(findings).containsExactly("TYPE_RENAMED pa.Head: struct Hdr was renamed to Head (same shape)");
    }
}
