package dev.abic.maven;

import dev.abic.compiler.Abic;
import dev.abic.compiler.drift.CheckConfig;
import dev.abic.compiler.drift.CheckReport;
import dev.abic.compiler.drift.DriftCheck;
import dev.abic.compiler.drift.InvalidFile;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.emit.java.JavaEmitter;
import dev.abic.compiler.model.AbiModel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * ABI drift checks in the build, with the rules and outputs of {@code abic check}: the
 * {@code .abi} files against the lock file (breaking changes fail unless the file's major
 * {@code abi_version} went up or a rule is relaxed with a reason), and committed generated files
 * against what the {@code .abi} files produce. Writes {@code check.sarif}, {@code check.json} and
 * {@code check.txt} under {@code reportDirectory}; under GitHub Actions it also prints workflow
 * commands that annotate the pull request.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends DriftParameters {
    /**
     * The check configuration (JSON: relaxed rules with reasons). Default: {@code abic-check.json}
     * next to the lock file, when it exists.
     */
    @Parameter(property = "abic.checkConfig")
    File config;

    /** Folders of committed C++ headers to compare with what the {@code .abi} files generate. */
    @Parameter
    List<File> generatedCppDirectories;

    /** Folders of committed Java sources to compare with what the {@code .abi} files generate. */
    @Parameter
    List<File> generatedJavaDirectories;

    /** Folders of committed documentation ({@code abic doc}) to compare with what the {@code .abi} files generate. */
    @Parameter
    List<File> generatedDocDirectories;

    /** The umbrella header's name in {@code generatedCppDirectories}. */
    @Parameter(property = "abic.umbrellaHeader", defaultValue = "abi.h", required = true)
    String umbrellaHeader;

    /** Where {@code check.sarif}, {@code check.json} and {@code check.txt} are written. */
    @Parameter(defaultValue = "${project.build.directory}/abic", required = true)
    File reportDirectory;

    /**
     * Print GitHub Actions workflow commands ({@code ::error file=…}) to standard output:
     * {@code auto} (when the environment variable {@code GITHUB_ACTIONS} is {@code true}),
     * {@code true} or {@code false}.
     */
    @Parameter(property = "abic.githubAnnotations", defaultValue = "auto", required = true)
    String githubAnnotations;

    /** Fail the build on a failing finding or a stale file; {@code false} only logs them. */
    @Parameter(property = "abic.check.failOnError", defaultValue = "true")
    boolean failOnError;

    /** Skips the goal. */
    @Parameter(property = "abic.check.skip", defaultValue = "false")
    boolean skip;

    /** The root of the build, to which report paths are made relative (as code scanning expects). */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true, required = true)
    File executionRoot;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("abic: check skipped");
            return;
        }
        AbicProject abic = new AbicProject(project, getLog());
        List<Path> inputs = abic.inputs(sources);
        if (inputs.isEmpty()) {
            getLog().info("abic: no " + abic.relative(abic.defaultSources()) + " folder, nothing to check");
            return;
        }
        CppEmitter.Options cppOptions = AbicProject.cppOptions(umbrellaHeader);
        if (!List.of("auto", "true", "false").contains(githubAnnotations)) {
            throw new MojoFailureException("abic: githubAnnotations must be auto, true or false, not '"
                    + githubAnnotations + "'");
        }
        Path lock = baselinePath(abic, inputs);
        boolean haveBaseline = Files.isRegularFile(lock);
        if (!haveBaseline && baseline != null) {
            throw new MojoFailureException("abic: the baseline " + abic.relative(lock) + " does not exist; "
                    + "write it with 'mvn abic:lock' and commit it");
        }
        if (!haveBaseline) {
            getLog().warn("abic: no baseline " + abic.relative(lock) + ": ABI drift is not checked; write it with "
                    + "'mvn abic:lock' and commit it");
        }
        AbiModel model = abic.model(Abic.compile(inputs));

        List<File> cppDirs = generatedCppDirectories == null ? List.of() : generatedCppDirectories;
        List<File> javaDirs = generatedJavaDirectories == null ? List.of() : generatedJavaDirectories;
        List<File> docDirs = generatedDocDirectories == null ? List.of() : generatedDocDirectories;
        for (File d : concat(concat(cppDirs, javaDirs), docDirs)) {
            if (!Files.isDirectory(abic.absolute(d))) {
                throw new MojoFailureException("abic: no such directory of generated files: " + abic.absolute(d));
            }
        }
        if (!haveBaseline && cppDirs.isEmpty() && javaDirs.isEmpty() && docDirs.isEmpty()) {
            return;
        }
        List<DriftCheck.Generated> generated = new ArrayList<>();
        if (!cppDirs.isEmpty()) {
            var headers = abic.files(Abic.generateCpp(model, cppOptions));
            cppDirs.forEach(d -> generated.add(new DriftCheck.Generated(abic.absolute(d), headers)));
        }
        if (!javaDirs.isEmpty()) {
            var java = abic.files(Abic.generateJava(model, JavaEmitter.Options.DEFAULTS));
            javaDirs.forEach(d -> generated.add(new DriftCheck.Generated(abic.absolute(d), java)));
        }
        if (!docDirs.isEmpty()) {
            var doc = abic.files(Abic.generateDoc(model));
            docDirs.forEach(d -> generated.add(new DriftCheck.Generated(abic.absolute(d), doc)));
        }
        CheckReport report;
        try {
            Optional<DriftCheck.Baseline> base = haveBaseline ? Optional.of(DriftCheck.readBaseline(lock))
                    : Optional.empty();
            Optional<Path> configPath = config != null ? Optional.of(abic.absolute(config))
                    : DriftCheck.configNextTo(lock);
            CheckConfig checkConfig = configPath.isPresent() ? DriftCheck.readConfig(configPath.get()) : CheckConfig.NONE;
            report = DriftCheck.check(model, base, checkConfig, generated);
        } catch (InvalidFile e) {
            getLog().error(e.diagnostic().render());
            throw new MojoFailureException(e.diagnostic().headline());
        } catch (IOException e) {
            throw new MojoFailureException("abic: " + e.getMessage());
        }
        log(report);
        writeReports(abic, report);
        if (githubAnnotations.equals("true")
                || (githubAnnotations.equals("auto") && "true".equals(System.getenv("GITHUB_ACTIONS")))) {
            System.out.print(report.github(root()));
            System.out.flush();
        }
        if (report.failed()) {
            String message = "abic: " + report.summary().substring("abic check: ".length())
                    + " (see above, or " + abic.relative(reportDirectory.toPath().resolve("check.txt")) + ")";
            if (failOnError) {
                throw new MojoFailureException(message);
            }
            getLog().error(message);
        }
    }

    private static List<File> concat(List<File> a, List<File> b) {
        List<File> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private Path root() {
        return executionRoot.toPath();
    }

    /** Each finding at its level: failing ones as errors, allowed breaking and source changes as warnings. */
    private void log(CheckReport report) {
        for (CheckReport.Entry e : report.entries()) {
            switch (e.severity()) {
                case "error" -> getLog().error(e.text());
                case "warning" -> getLog().warn(e.text());
                default -> getLog().info(e.text());
            }
        }
        getLog().info(report.summary());
    }

    private void writeReports(AbicProject abic, CheckReport report) throws MojoExecutionException {
        Path dir = abic.absolute(reportDirectory);
        String version = getClass().getPackage().getImplementationVersion();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("check.sarif"), report.sarif(root(), version), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("check.json"), report.json(root()), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("check.txt"), report.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("abic: cannot write the reports in " + dir + ": " + e, e);
        }
    }
}
