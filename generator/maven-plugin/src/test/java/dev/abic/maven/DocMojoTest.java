package dev.abic.maven;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal doc run in-process on a project in a temporary folder, as Maven would configure it. */
class DocMojoTest {
    @TempDir
    Path project;

    private DocMojo mojo(TestProject fixture) {
        DocMojo m = new DocMojo();
        m.project = fixture.mavenProject();
        m.docDirectory = new File("target/abic-doc");
        m.setLog(fixture.recordingLog());
        return m;
    }

    @Test
    void writesAPagePerFileAndAByteMapPerStructThenLeavesThemAlone() throws Exception {
        TestProject fixture = new TestProject(project);
        DocMojo mojo = mojo(fixture);
        mojo.sources = List.of(new File("src/main/abi"), new File("shared"));
        mojo.execute();

        Path out = project.resolve("target/abic-doc");
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList())
                    .containsAtLeast("a.md", "common.md");
        }
        assertThat(Files.readString(out.resolve("a.md"))).startsWith("<!-- Generated from a.abi by abic doc");
        assertThat(fixture.lastLog()).startsWith("abic: 2 .abi file(s) -> target/abic-doc: ");

        DocMojo again = mojo(fixture);
        again.sources = mojo.sources;
        again.execute();
        assertThat(fixture.lastLog()).contains(": 0 written, ");
    }

    @Test
    void aPaddingErrorFailsTheGoalWithTheDiagnostic() throws Exception {
        TestProject fixture = new TestProject(project);
        fixture.assertAPaddingErrorFailsTheGoal(mojo(fixture)::execute);
    }
}
