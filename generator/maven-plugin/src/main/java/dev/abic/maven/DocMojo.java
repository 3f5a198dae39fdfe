package dev.abic.maven;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.OutputWriter;
import dev.abic.compiler.model.AbiModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Writes the documentation of the {@code .abi} files, as {@code abic doc} does: a Markdown page per
 * file and an SVG byte map per struct. Not bound to a phase: run {@code mvn abic:doc}, or bind it
 * (to {@code site} or {@code package}) in an execution.
 */
@Mojo(name = "doc", threadSafe = true)
public class DocMojo extends AbstractMojo {
    /** The {@code .abi} files and folders, as for the goal {@code generate}. */
    @Parameter
    List<File> sources;

    /** Where the pages ({@code FILE.md}) and byte maps ({@code FILE/STRUCT.svg}) are written. */
    @Parameter(property = "abic.docDirectory", defaultValue = "${project.build.directory}/abic-doc", required = true)
    File docDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        AbicProject abic = new AbicProject(project, getLog());
        List<Path> inputs = abic.inputs(sources);
        if (inputs.isEmpty()) {
            throw new MojoFailureException("abic: nothing to document: no " + abic.relative(abic.defaultSources())
                    + " folder and no <sources> configured");
        }
        AbiModel model = abic.model(Abic.compile(inputs));
        Path out = abic.absolute(docDirectory);
        try {
            OutputWriter.Report report = OutputWriter.write(out, abic.files(Abic.generateDoc(model)));
            getLog().info("abic: " + model.files().size() + " .abi file(s) -> " + abic.relative(out) + ": "
                    + report.written().size() + " written, " + report.unchanged().size() + " unchanged");
        } catch (IOException e) {
            throw new MojoExecutionException("abic: cannot write " + out + ": " + e, e);
        }
    }
}
