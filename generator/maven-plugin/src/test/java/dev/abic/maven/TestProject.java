package dev.abic.maven;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.function.Executable;

/**
 * A project in a temporary folder on which a test runs a goal in-process, as Maven would configure
 * it: its files ({@code src/main/abi/a.abi}, which imports {@code shared/common.abi} from outside
 * the source folder), its {@link MavenProject}, and the goal's log.
 */
final class TestProject {
    static final String A_ABI = """
            package t.a;
            import "../../../shared/common.abi";
            struct Slot {
                seq: atomic u64 @ 0;
                state: State @ 8;
                reserved0: reserved u32 @ 12;
            } size 16;
            """;
    static final String COMMON_ABI = """
            package t.common;
            enum State : u32 { IDLE = 0, BUSY = 1 }
            """;

    final Path dir;
    /** What the goal logged: info as is, warnings and errors with a prefix. */
    final List<String> log = new ArrayList<>();

    TestProject(Path dir) throws IOException {
        this.dir = dir;
        write("src/main/abi/a.abi", A_ABI);
        write("shared/common.abi", COMMON_ABI);
    }

    /** A Maven project of the folder, with no other setting. */
    MavenProject mavenProject() {
        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        return project;
    }

    /** A log that records into {@link #log}. */
    Log recordingLog() {
        return new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                log.add(content.toString());
            }

            @Override
            public void warn(CharSequence content) {
                log.add("warning: " + content);
            }

            @Override
            public void error(CharSequence content) {
                log.add("error: " + content);
            }
        };
    }

    String lastLog() {
        return log.get(log.size() - 1);
    }

    Path write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /**
     * Puts a padding error into {@code a.abi} and checks that the goal fails with the diagnostic
     * logged as the {@code abic} command prints it, the failure naming it without a cause (no stack
     * trace), and that nothing was written.
     */
    void assertAPaddingErrorFailsTheGoal(Executable goal) throws IOException {
        Path bad = write("src/main/abi/a.abi", "package t.a;\nstruct S {\n    a: u32 @ 0;\n    b: u64 @ 8;\n} size 16;\n");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal);

        String location = bad + ":4:5: error: 4 bytes of implicit padding before 'b'";
        assertThat(e.getMessage()).startsWith(location);
        assertThat(e.getCause()).isNull();
        assertThat(log).contains("error: " + location + " (offset 4, needs alignment 8)\n"
                + "        b: u64 @ 8;\n"
                + "        ^\n"
                + "  add before it:  reserved0: reserved u32;");
        assertThat(Files.exists(dir.resolve("target"))).isFalse();
    }
}
