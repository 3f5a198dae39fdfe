package dev.abic.maven;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.model.AbiModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Checks {@code .abi} files and packs their C++ headers, with a CMake package that makes them the
 * INTERFACE target {@code <cmakePackage>::headers}, into {@code <finalName>-headers.zip}, attached to
 * the build (type {@code zip}, classifier {@code headers}) so that {@code install} and
 * {@code deploy} publish it. The same input gives the same bytes. Errors in the input fail the build
 * with the same {@code file:line:col: error:} messages as the {@code abic} command.
 */
@Mojo(name = "export-headers", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ExportHeadersMojo extends AbstractMojo {
    /** The classifier of the attached zip. */
    static final String CLASSIFIER = "headers";

    /**
     * The {@code .abi} files, and folders searched for {@code *.abi} files, as for the goal
     * {@code generate}. Default: {@code ${project.basedir}/src/main/abi}, when that folder exists
     * (without it, the goal has nothing to do).
     */
    @Parameter
    List<File> sources;

    /** The name of the C++ umbrella header, which includes every generated header. */
    @Parameter(property = "abic.umbrellaHeader", defaultValue = "abi.h", required = true)
    String umbrellaHeader;

    /**
     * The name of the CMake package: {@code find_package(<name> CONFIG)} defines the target
     * {@code <name>::headers}.
     */
    @Parameter(property = "abic.cmakePackage", defaultValue = "${project.artifactId}", required = true)
    String cmakePackage;

    /** The zip written and attached. */
    @Parameter(defaultValue = "${project.build.directory}/${project.build.finalName}-headers.zip", required = true)
    File headersZip;

    /** Skips the goal (the goal {@code generate} has its own {@code abic.skip}). */
    @Parameter(property = "abic.exportHeaders.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Component
    MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("abic: export-headers skipped");
            return;
        }
        AbicProject abic = new AbicProject(project, getLog());
        List<Path> inputs = abic.inputs(sources);
        if (inputs.isEmpty()) {
            getLog().info("abic: no " + abic.relative(abic.defaultSources()) + " folder, no headers to export");
            return;
        }
        CppEmitter.Options cppOptions = AbicProject.cppOptions(umbrellaHeader);
        String nameProblem = HeadersZip.nameProblem(cmakePackage);
        if (nameProblem != null) {
            throw new MojoFailureException("abic: cmakePackage: " + nameProblem);
        }
        String version = project.getVersion();
        if (HeadersZip.cmakeVersion(version) == null) {
            throw new MojoFailureException("abic: the project's version " + version + " does not start with "
                    + "major[.minor[.patch[.tweak]]] numbers, which CMake needs to compare versions");
        }

        Abic.Result result = Abic.compile(inputs);
        AbiModel model = abic.model(result);
        List<GeneratedFile> headers = abic.files(Abic.generateCpp(model, cppOptions));
        SortedMap<String, byte[]> entries = HeadersZip.entries(headers, cmakePackage, version);
        byte[] zip = HeadersZip.zip(entries);

        Path file = abic.absolute(headersZip);
        boolean unchanged;
        try {
            unchanged = Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), zip);
            if (!unchanged) {
                Files.createDirectories(file.getParent());
                Files.write(file, zip);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("abic: cannot write the output: " + e, e);
        }
        projectHelper.attachArtifact(project, "zip", CLASSIFIER, file.toFile());
        getLog().info("abic: " + result.sources().size() + " .abi file(s) -> " + abic.relative(file)
                + (unchanged ? " (unchanged)" : "") + ": " + headers.size() + " header(s), CMake package "
                + cmakePackage + " " + HeadersZip.cmakeVersion(version) + ", target " + cmakePackage + "::headers");
    }
}
