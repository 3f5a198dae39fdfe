package dev.abic.maven;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.abic.compiler.emit.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationStateTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsThroughItsFile() throws IOException {
        Path source = write("in put/a.abi", "package a;");
        Path out = dir.resolve("out dir");
        GenerationState state = GenerationState.of("s1", List.of(source),
                Map.of(out, List.of(new GeneratedFile("a/b.h", "x"), new GeneratedFile("abi.h", "y"))));
        Path file = dir.resolve("status/default.state");
        state.write(file);

        assertThat(GenerationState.read(file)).hasValue(state);
        assertThat(state.sources()).containsExactly(source, GenerationState.sha256("package a;".getBytes(UTF_8)));
    }

    @Test
    void aMissingOrMalformedFileIsNoState() throws IOException {
        assertThat(GenerationState.read(dir.resolve("none.state"))).isEmpty();
        assertThat(GenerationState.read(write("a.state", "abic-state 2\nsettings x\n"))).isEmpty();
        assertThat(GenerationState.read(write("b.state", "abic-state 1\nsettings x\nsource y\n"))).isEmpty();
        assertThat(GenerationState.read(write("c.state", "abic-state 1\nsettings x\noutput h /no/tab\n"))).isEmpty();
        assertThat(GenerationState.read(write("d.state", "abic-state 1\nsettings x\nother h /p\n"))).isEmpty();
    }

    @Test
    void upToDateUntilASourceOrAnOutputChanges() throws IOException {
        Path a = write("src/a.abi", "package a;");
        Path out = dir.resolve("out");
        GeneratedFile header = new GeneratedFile("a.h", "header");
        write("out/a.h", "header");
        GenerationState state = GenerationState.of("s", List.of(a), Map.of(out, List.of(header)));
        Set<Path> inputs = GenerationState.abiFiles(List.of(dir.resolve("src")));

        assertThat(state.isUpToDate("s", inputs)).isTrue();
        assertThat(state.isUpToDate("other settings", inputs)).isFalse();

        Path b = write("src/sub/b.abi", "package b;");
        assertThat(state.isUpToDate("s", GenerationState.abiFiles(List.of(dir.resolve("src"))))).isFalse();
        Files.delete(b);

        write("out/a.h", "edited");
        assertThat(state.isUpToDate("s", inputs)).isFalse();
        write("out/a.h", "header");
        assertThat(state.isUpToDate("s", inputs)).isTrue();

        Files.delete(a);
        assertThat(state.isUpToDate("s", inputs)).isFalse();
    }

    @Test
    void abiFilesAreTheAbiFilesBelowFoldersAndTheFilesNamed() throws IOException {
        Path a = write("src/a.abi", "");
        Path b = write("src/deep/er/b.abi", "");
        write("src/notes.txt", "");
        Path c = write("other/c.abi", "");

        assertThat(GenerationState.abiFiles(List.of(dir.resolve("src"), c, dir.resolve("missing.abi"))))
                .containsExactly(a, b, c);
    }

    @Test
    void deletesOnlyWhatItWroteAndNoLongerProduces() throws IOException {
        Path out = dir.resolve("out");
        write("out/keep/k.h", "k");
        write("out/gone/deeper/g.h", "g");
        write("out/mine/user.h", "not abic's");
        write("out/mine/m.h", "m");
        write("out/edited.h", "edited by hand since abic wrote it");
        GenerationState before = GenerationState.of("s", List.of(), Map.of(out, List.of(
                new GeneratedFile("keep/k.h", "k"), new GeneratedFile("gone/deeper/g.h", "g"),
                new GeneratedFile("mine/m.h", "m"), new GeneratedFile("never/written.h", "w"),
                new GeneratedFile("edited.h", "e"))));
        GenerationState after = GenerationState.of("s", List.of(), Map.of(out, List.of(new GeneratedFile("keep/k.h", "k"))));

        assertThat(before.deleteDropped(after)).containsExactly(out.resolve("gone/deeper/g.h"), out.resolve("mine/m.h"));
        assertThat(Files.exists(out.resolve("keep/k.h"))).isTrue();
        assertThat(Files.exists(out.resolve("gone"))).isFalse();
        assertThat(Files.exists(out.resolve("mine/user.h"))).isTrue();
        assertThat(Files.exists(out.resolve("edited.h"))).isTrue();
        assertThat(Files.isDirectory(out)).isTrue();
    }

    private Path write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
