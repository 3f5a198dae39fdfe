package dev.abic.maven;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal export-headers run in-process on a project in a temporary folder, as Maven would configure it. */
class ExportHeadersMojoTest {
    @TempDir
    Path project;
    private TestProject fixture;
    /** What the goal attached: type, classifier and file of each call. */
    private final List<String> attached = new ArrayList<>();
    private ExportHeadersMojo mojo;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new TestProject(project);
        mojo = mojo();
    }

    @Test
    void writesTheZipOfEveryHeaderAndTheCmakePackageAndAttachesIt() throws Exception {
        mojo.execute();

        Path zip = project.resolve("target/demo-abi-1.2.3-SNAPSHOT-headers.zip");
        assertThat(entries(zip)).containsExactly(
                "include/", "include/abi.h", "include/abic/", "include/abic/support.h", "include/t/", "include/t/a.h",
                "include/t/common.h", "lib/", "lib/cmake/", "lib/cmake/demo-abi/",
                "lib/cmake/demo-abi/demo-abiConfig.cmake", "lib/cmake/demo-abi/demo-abiConfigVersion.cmake").inOrder();
        assertThat(attached).containsExactly("zip headers " + zip);
        assertThat(fixture.lastLog()).isEqualTo("abic: 2 .abi file(s) -> target/demo-abi-1.2.3-SNAPSHOT-headers.zip: "
                + "4 header(s), CMake package demo-abi 1.2.3, target demo-abi::headers");
    }

    @Test
    void aSecondRunGivesTheSameBytesAndLeavesTheFileAloneButAttachesItAgain() throws Exception {
        mojo.execute();
        Path zip = project.resolve("target/demo-abi-1.2.3-SNAPSHOT-headers.zip");
        byte[] first = Files.readAllBytes(zip);
        FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(zip, longAgo);

        mojo = mojo();
        mojo.execute();

        assertThat(Files.readAllBytes(zip)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(zip)).isEqualTo(longAgo);
        assertThat(fixture.lastLog()).contains("headers.zip (unchanged): 4 header(s)");
        assertThat(attached).hasSize(2);
    }

    @Test
    void aChangedInputRewritesTheZip() throws Exception {
        mojo.execute();
        Path zip = project.resolve("target/demo-abi-1.2.3-SNAPSHOT-headers.zip");
        byte[] first = Files.readAllBytes(zip);

        fixture.write("src/main/abi/a.abi", TestProject.A_ABI + "const N: u32 = 1;\n");
        mojo.execute();

        assertThat(Files.readAllBytes(zip)).isNotEqualTo(first);
        assertThat(fixture.lastLog()).doesNotContain("unchanged");
    }

    @Test
    void theCmakePackageAndTheUmbrellaHeaderAreConfigurable() throws Exception {
        mojo.cmakePackage = "DemoAbi";
        mojo.umbrellaHeader = "demo/all.h";

        mojo.execute();

        List<String> entries = entries(project.resolve("target/demo-abi-1.2.3-SNAPSHOT-headers.zip"));
        assertThat(entries).containsAtLeast("include/demo/all.h", "lib/cmake/DemoAbi/DemoAbiConfig.cmake",
                "lib/cmake/DemoAbi/DemoAbiConfigVersion.cmake");
        assertThat(entries).doesNotContain("include/abi.h");
        assertThat(fixture.lastLog()).endsWith("CMake package DemoAbi 1.2.3, target DemoAbi::headers");
    }

    @Test
    void configuredSourcesReplaceTheDefault() throws Exception {
        fixture.write("elsewhere/c.abi", "package t.c;\nconst C: u32 = 3;\n");
        mojo.sources = List.of(new File("elsewhere"));

        mojo.execute();

        List<String> entries = entries(project.resolve("target/demo-abi-1.2.3-SNAPSHOT-headers.zip"));
        assertThat(entries).contains("include/t/c.h");
        assertThat(entries).doesNotContain("include/t/a.h");
    }

    @Test
    void errorsFailTheBuildWithTheDiagnosticsAsTheCommandPrintsThemAndNothingIsWritten() throws Exception {
        fixture.assertAPaddingErrorFailsTheGoal(mojo::execute);
        assertThat(attached).isEmpty();
    }

    @Test
    void badParametersFailTheBuildNamingThem() {
        mojo.cmakePackage = "demo::abi";
        assertThat(assertThrows(MojoFailureException.class, mojo::execute).getMessage())
                .startsWith("abic: cmakePackage: a CMake package name has letters, digits and _ . + - only");

        mojo = mojo();
        mojo.umbrellaHeader = "../abi.h";
        assertThat(assertThrows(MojoFailureException.class, mojo::execute).getMessage())
                .startsWith("abic: umbrellaHeader: ");

        mojo = mojo();
        mojo.project.setVersion("LATEST");
        assertThat(assertThrows(MojoFailureException.class, mojo::execute).getMessage())
                .isEqualTo("abic: the project's version LATEST does not start with major[.minor[.patch[.tweak]]] "
                        + "numbers, which CMake needs to compare versions");
        assertThat(Files.exists(project.resolve("target"))).isFalse();
    }

    @Test
    void withoutTheDefaultFolderThereIsNothingToDo() throws Exception {
        Files.delete(project.resolve("src/main/abi/a.abi"));
        Files.delete(project.resolve("src/main/abi"));

        mojo.execute();

        assertThat(fixture.lastLog()).isEqualTo("abic: no src/main/abi folder, no headers to export");
        assertThat(attached).isEmpty();
    }

    @Test
    void skipDoesNothing() throws Exception {
        mojo.skip = true;

        mojo.execute();

        assertThat(fixture.lastLog()).isEqualTo("abic: export-headers skipped");
        assertThat(Files.exists(project.resolve("target"))).isFalse();
        assertThat(attached).isEmpty();
    }

    private ExportHeadersMojo mojo() {
        ExportHeadersMojo m = new ExportHeadersMojo();
        m.project = fixture.mavenProject();
        m.project.setArtifactId("demo-abi");
        m.project.setVersion("1.2.3-SNAPSHOT");
        m.umbrellaHeader = "abi.h";
        m.cmakePackage = "demo-abi";
        m.headersZip = new File("target/demo-abi-1.2.3-SNAPSHOT-headers.zip");
        m.projectHelper = new RecordingProjectHelper();
        m.setLog(fixture.recordingLog());
        return m;
    }

    /** Records the one call the goal makes. */
    private final class RecordingProjectHelper implements MavenProjectHelper {
        @Override
        public void attachArtifact(MavenProject p, String type, String classifier, File file) {
            assertThat(p).isSameInstanceAs(mojo.project);
            attached.add(type + " " + classifier + " " + file);
        }

        @Override
        public void attachArtifact(MavenProject p, File file, String classifier) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void attachArtifact(MavenProject p, String type, File file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addResource(MavenProject p, String dir, List<String> includes, List<String> excludes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addTestResource(MavenProject p, String dir, List<String> includes, List<String> excludes) {
            throw new UnsupportedOperationException();
        }
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
