package dev.abic.maven;

import dev.abic.compiler.Abic;
import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.OutputWriter;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.emit.java.JavaEmitter;
import dev.abic.compiler.model.AbiModel;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Checks {@code .abi} files and generates their Java (FFM) classes, added to the project's compile
 * sources, and optionally their C++ headers. A build whose inputs, options and outputs did not change
 * since the last one touches no file. Errors in the input fail the build with the same
 * {@code file:line:col: error:} messages as the {@code abic} command.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {
    /**
     * The {@code .abi} files, and folders searched for {@code *.abi} files. Files they import are
     * compiled too, wherever they are. Default: {@code ${project.basedir}/src/main/abi}, when that
     * folder exists (without it, the goal has nothing to do).
     */
    @Parameter
    List<File> sources;

    /** Where the Java sources are written; added to the project's compile source roots. */
    @Parameter(property = "abic.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/abic",
            required = true)
    File outputDirectory;

    /**
     * Where the C++ headers are written: one per {@code .abi} file, the umbrella header and
     * {@code abic/support.h}. No C++ is generated when it is not set.
     */
    @Parameter(property = "abic.cppOutputDirectory")
    File cppOutputDirectory;

    /** The name of the C++ umbrella header, which includes every generated header. */
    @Parameter(property = "abic.umbrellaHeader", defaultValue = "abi.h", required = true)
    String umbrellaHeader;

    /** Skips the goal. */
    @Parameter(property = "abic.skip", defaultValue = "false")
    boolean skip;

    /** Where the state of each execution is kept between builds. */
    @Parameter(defaultValue = "${project.build.directory}/maven-status/abic", readonly = true, required = true)
    File statusDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    /** Tells Eclipse (m2e) which folders changed; on the command line it does nothing. */
    @Component
    BuildContext buildContext;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("abic: skipped");
            return;
        }
        AbicProject abic = new AbicProject(project, getLog());
        List<Path> inputs = abic.inputs(sources);
        if (inputs.isEmpty()) {
            getLog().info("abic: no " + abic.relative(abic.defaultSources()) + " folder, nothing to generate");
            return;
        }
        Path javaOut = abic.absolute(outputDirectory);
        Path cppOut = cppOutputDirectory == null ? null : abic.absolute(cppOutputDirectory);
        if (javaOut.equals(cppOut)) {
            throw new MojoFailureException("abic: outputDirectory and cppOutputDirectory are both " + javaOut
                    + "; give the C++ headers a directory of their own");
        }
        CppEmitter.Options cppOptions = AbicProject.cppOptions(umbrellaHeader);
        project.addCompileSourceRoot(javaOut.toString());

        String settings = settings(inputs, javaOut, cppOut, cppOptions);
        Path stateFile = statusDirectory.toPath().resolve(mojoExecution.getExecutionId() + ".state");
        Optional<GenerationState> previous = GenerationState.read(stateFile);
        if (previous.isPresent() && isUpToDate(previous.get(), settings, inputs)) {
            getLog().info("abic: output is up to date");
            return;
        }

        Abic.Result result = Abic.compile(inputs);
        AbiModel model = abic.model(result);
        Map<Path, List<GeneratedFile>> outputs = new LinkedHashMap<>();
        outputs.put(javaOut, abic.files(Abic.generateJava(model, JavaEmitter.Options.DEFAULTS)));
        if (cppOut != null) {
            outputs.put(cppOut, abic.files(Abic.generateCpp(model, cppOptions)));
        }

        try {
            List<String> written = new ArrayList<>();
            for (Map.Entry<Path, List<GeneratedFile>> output : outputs.entrySet()) {
                OutputWriter.Report report = OutputWriter.write(output.getKey(), output.getValue());
                if (!report.written().isEmpty()) {
                    buildContext.refresh(output.getKey().toFile());
                }
                written.add(abic.relative(output.getKey()) + ": " + report.written().size() + " written, "
                        + report.unchanged().size() + " unchanged");
            }
            List<Path> sources = result.sources().stream().map(SourceFile::path).toList();
            GenerationState next = GenerationState.of(settings, sources, outputs);
            List<Path> deleted = previous.isPresent() ? previous.get().deleteDropped(next) : List.of();
            next.write(stateFile);
            deleted.forEach(file -> buildContext.refresh(file.toFile()));
            getLog().info("abic: " + sources.size() + " .abi file(s) -> " + String.join("; ", written)
                    + (deleted.isEmpty() ? "" : "; " + deleted.size() + " stale file(s) deleted"));
        } catch (IOException e) {
            throw new MojoExecutionException("abic: cannot write the output: " + e, e);
        }
    }

    /**
     * The digest of everything besides the content of the files that decides the output: the plugin
     * (its version and, so that snapshots are told apart, its jar and the compiler's), the inputs as
     * configured, the output directories and the emitters' options.
     */
    private String settings(List<Path> inputs, Path javaOut, Path cppOut, CppEmitter.Options cppOptions)
            throws MojoExecutionException {
        List<String> lines = new ArrayList<>();
        lines.add("abic-maven-plugin " + mojoExecution.getVersion());
        lines.add("plugin jar " + codeHash(GenerateMojo.class));
        lines.add("compiler jar " + codeHash(Abic.class));
        inputs.forEach(input -> lines.add("input " + input));
        lines.add("java " + javaOut + " " + JavaEmitter.Options.DEFAULTS);
        lines.add("cpp " + (cppOut == null ? "none" : cppOut + " " + cppOptions));
        return GenerationState.sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of the jar a class was loaded from; empty when it was not loaded from a jar. */
    private static String codeHash(Class<?> type) throws MojoExecutionException {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? GenerationState.hash(location) : "";
        } catch (IOException | URISyntaxException e) {
            throw new MojoExecutionException("abic: cannot read the plugin's own jar: " + e, e);
        }
    }

    private static boolean isUpToDate(GenerationState state, String settings, List<Path> inputs) {
        try {
            return state.isUpToDate(settings, GenerationState.abiFiles(inputs));
        } catch (IOException e) {
            return false; // an input that cannot be read: compile, and let the compiler say what is wrong
        }
    }
}
