package dev.abic.maven;

import dev.abic.compiler.Abic;
import dev.abic.compiler.drift.DriftCheck;
import dev.abic.compiler.drift.InvalidFile;
import dev.abic.compiler.model.AbiModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes the ABI baseline on purpose: {@code mvn abic:lock} after a reviewed ABI change, then commit
 * the lock file. Not bound to a phase: a build never moves its own baseline.
 */
@Mojo(name = "lock", threadSafe = true)
public class LockMojo extends DriftParameters {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        AbicProject abic = new AbicProject(project, getLog());
        List<Path> inputs = abic.inputs(sources);
        if (inputs.isEmpty()) {
            throw new MojoFailureException("abic: nothing to lock: no " + abic.relative(abic.defaultSources())
                    + " folder and no <sources> configured");
        }
        AbiModel model = abic.model(Abic.compile(inputs));
        Path lock = baselinePath(abic, inputs);
        try {
            boolean changed = DriftCheck.writeLock(model, lock);
            getLog().info("abic: " + abic.relative(lock) + (changed ? " written" : " unchanged (the ABI did not change)"));
        } catch (InvalidFile e) {
            getLog().error(e.diagnostic().render());
            throw new MojoFailureException(e.diagnostic().headline());
        } catch (IOException e) {
            throw new MojoExecutionException("abic: cannot write " + lock + ": " + e, e);
        }
    }
}
