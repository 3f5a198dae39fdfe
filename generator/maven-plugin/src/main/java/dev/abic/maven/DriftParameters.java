package dev.abic.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The parameters the goals {@code check} and {@code lock} share: which {@code .abi} files, and the
 * lock file that is their baseline. Set them once in the plugin's {@code <configuration>} so that
 * {@code mvn abic:lock} writes the file {@code check} reads.
 */
abstract class DriftParameters extends AbstractMojo {
    /**
     * The {@code .abi} files, and folders searched for {@code *.abi} files, as for the goal
     * {@code generate}. Default: {@code ${project.basedir}/src/main/abi}, when that folder exists.
     */
    @Parameter
    List<File> sources;

    /**
     * The lock file (written by {@code abic lock} or {@code mvn abic:lock}). Default:
     * {@code abi.lock} in the first source folder ({@code src/main/abi/abi.lock}).
     */
    @Parameter(property = "abic.baseline")
    File baseline;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The configured lock file, or the default one; null when there are no sources. */
    Path baselinePath(AbicProject abic, List<Path> inputs) {
        if (baseline != null) {
            return abic.absolute(baseline);
        }
        if (inputs.isEmpty()) {
            return null;
        }
        Path first = inputs.get(0);
        return (Files.isDirectory(first) ? first : first.toAbsolutePath().getParent()).resolve("abi.lock");
    }
}
