package dev.abic.maven;

import static com.google.common.truth.Truth.assertThat;
import static dev.abic.maven.TestProject.A_ABI;
import static dev.abic.maven.TestProject.COMMON_ABI;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/** The goal run in-process on a project in a temporary folder, as Maven would configure it. */
class GenerateMojoTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path project;
    private TestProject fixture;
    private GenerateMojo mojo;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new TestProject(project);
        mojo = mojo();
    }

    @Test
    void writesJavaAndCppAndAddsTheJavaSourceRoot() throws Exception {
        mojo.execute();

        assertThat(mojo.project.getCompileSourceRoots()).containsExactly(mojo.outputDirectory.getPath());
        assertThat(fixture.lastLog())
                .matches("abic: 2 \\.abi file\\(s\\) -> target/generated-sources/abic: \\d+ written, 0 unchanged; "
                + "target/include: 4 written, 0 unchanged");
        for (String header : List.of("t/a.h", "t/common.h", "abi.h", "abic/support.h")) {
            assertThat(Files.isRegularFile(project.resolve("target/include").resolve(header))).isTrue();
        }
        assertThat(Files.isRegularFile(project.resolve("target/maven-status/abic/default.state"))).isTrue();
    }

    @Test
    void aSecondRunWithNothingChangedTouchesNoFile() throws Exception {
        mojo.execute();
        Map<Path, FileTime> before = ageEveryFile();

        mojo.execute();

        assertThat(fixture.lastLog()).isEqualTo("abic: output is up to date");
        assertThat(stamps()).isEqualTo(before);
        assertThat(mojo.project.getCompileSourceRoots()).containsExactly(mojo.outputDirectory.getPath());
    }

    interface Change {
        void apply(GenerateMojoTest test) throws IOException;
    }

    static Stream<Named<Change>> changes() {
        return Stream.of(
                Named.of("an input edited", t -> t.fixture.write("src/main/abi/a.abi", A_ABI + "const N: u32 = 1;\n")),
                Named.of("an import outside the inputs edited", t -> t.fixture.write("shared/common.abi", COMMON_ABI + "\n")),
                Named.of("an .abi file added", t -> t.fixture.write("src/main/abi/more/b.abi", "package t.b;\n")),
                Named.of("a generated file edited", t -> t.fixture.write("target/include/t/a.h", "// mine\n")),
                Named.of("a generated file deleted", t -> Files.delete(t.project.resolve("target/include/abi.h"))),
                Named.of("the umbrella header renamed", t -> t.mojo.umbrellaHeader = "all.h"),
                Named.of("the C++ output turned off", t -> t.mojo.cppOutputDirectory = null),
                Named.of("another plugin version", t -> t.mojo.mojoExecution = execution("0.2.0")));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void regeneratesAfter(Change change) throws Exception {
        mojo.execute();
        change.apply(this);

        mojo.execute();

        assertThat(fixture.lastLog()).containsMatch("^abic: \\d \\.abi file\\(s\\) -> ");
        Path header = project.resolve("target/include/t/a.h");
        if (mojo.cppOutputDirectory == null) {
            assertThat(Files.exists(header)).isFalse();  // what abic wrote and no longer produces
        } else {
            assertThat(Files.readString(header)).contains("#ifndef");  // restored after an edit
            assertThat(Files.isRegularFile(project.resolve("target/include/" + mojo.umbrellaHeader))).isTrue();
        }
        mojo.execute();
        assertThat(fixture.lastLog()).isEqualTo("abic: output is up to date");
    }

    @Test
    void aBadUmbrellaHeaderNameFailsTheBuildNamingTheParameter() {
        mojo.umbrellaHeader = "../abi.h";

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertThat(e.getMessage()).isEqualTo("abic: umbrellaHeader: the umbrella header must be a relative header "
                + "path such as abi.h, not ../abi.h");
    }

    @Test
    void javaAndCppCannotShareAnOutputDirectory() {
        mojo.cppOutputDirectory = mojo.outputDirectory;

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertThat(e.getMessage()).contains("give the C++ headers a directory of their own");
        assertThat(Files.exists(project.resolve("target"))).isFalse();
    }

    @Test
    void outputThatIsNoLongerProducedIsDeletedAndNothingElse() throws Exception {
        fixture.write("src/main/abi/b.abi", "package t.b;\nconst B: u32 = 1;\n");
        mojo.execute();
        assertThat(Files.isRegularFile(project.resolve("target/include/t/b.h"))).isTrue();
        fixture.write("target/include/t/mine.h", "// not abic's\n");

        Files.delete(project.resolve("src/main/abi/b.abi"));
        mojo.execute();

        assertThat(fixture.lastLog()).contains("stale file(s) deleted");
        assertThat(Files.exists(project.resolve("target/include/t/b.h"))).isFalse();
        assertThat(Files.exists(project.resolve("target/generated-sources/abic/t/b"))).isFalse();
        assertThat(Files.isRegularFile(project.resolve("target/include/t/a.h"))).isTrue();
        assertThat(Files.isRegularFile(project.resolve("target/include/t/mine.h"))).isTrue();
    }

    @Test
    void errorsFailTheBuildWithTheDiagnosticsAsTheCommandPrintsThem() throws Exception {
        fixture.assertAPaddingErrorFailsTheGoal(mojo::execute);
    }

    @Test
    void aFailedBuildLeavesTheLastGoodOutputAndStateAlone() throws Exception {
        mojo.execute();
        Map<Path, FileTime> before = ageEveryFile();
        fixture.write("src/main/abi/a.abi", "package t.a;\nstruct {\n");
        assertThrows(MojoFailureException.class, mojo::execute);

        fixture.write("src/main/abi/a.abi", A_ABI);
        mojo.execute();

        assertThat(fixture.lastLog()).isEqualTo("abic: output is up to date");
        assertThat(stamps()).isEqualTo(before);
    }

    @Test
    void withoutTheDefaultFolderThereIsNothingToDo() throws Exception {
        Files.delete(project.resolve("src/main/abi/a.abi"));
        Files.delete(project.resolve("src/main/abi"));

        mojo.execute();

        assertThat(fixture.lastLog()).isEqualTo("abic: no src/main/abi folder, nothing to generate");
        assertThat(mojo.project.getCompileSourceRoots()).isEmpty();
    }

    @Test
    void configuredSourcesReplaceTheDefaultAndRelativePathsAreTheProjects() throws Exception {
        fixture.write("elsewhere/c.abi", "package t.c;\nconst C: u32 = 3;\n");
        mojo.sources = List.of(new File("elsewhere"));
        mojo.cppOutputDirectory = new File("target/include");

        mojo.execute();

        assertThat(fixture.lastLog()).startsWith("abic: 1 .abi file(s) -> ");
        assertThat(Files.isRegularFile(project.resolve("target/include/t/c.h"))).isTrue();
        assertThat(Files.exists(project.resolve("target/include/t/a.h"))).isFalse();
    }

    @Test
    void skipDoesNothing() throws Exception {
        mojo.skip = true;

        mojo.execute();

        assertThat(fixture.lastLog()).isEqualTo("abic: skipped");
        assertThat(Files.exists(project.resolve("target"))).isFalse();
    }

    private GenerateMojo mojo() {
        GenerateMojo m = new GenerateMojo();
        m.project = fixture.mavenProject();
        m.outputDirectory = project.resolve("target/generated-sources/abic").toFile();
        m.cppOutputDirectory = project.resolve("target/include").toFile();
        m.umbrellaHeader = "abi.h";
        m.statusDirectory = project.resolve("target/maven-status/abic").toFile();
        m.mojoExecution = execution("0.1.0");
        m.buildContext = new DefaultBuildContext();
        m.setLog(fixture.recordingLog());
        return m;
    }

    private static MojoExecution execution(String version) {
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.abic");
        plugin.setArtifactId("abic-maven-plugin");
        plugin.setVersion(version);
        return new MojoExecution(plugin, "generate", "default");
    }

    /** Sets every file under target/ to a time long ago, so that any rewrite shows; returns the times. */
    private Map<Path, FileTime> ageEveryFile() throws IOException {
        for (Path file : stamps().keySet()) {
            Files.setLastModifiedTime(file, LONG_AGO);
        }
        return stamps();
    }

    private Map<Path, FileTime> stamps() throws IOException {
        Map<Path, FileTime> stamps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(project.resolve("target"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                stamps.put(file, Files.getLastModifiedTime(file));
            }
        }
        return stamps;
    }
}
