package dev.abic.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code abic generate --cpp-out … --java-out …} as a whole process, the way a build or a user runs
 * it: a new JVM with the flags of the {@code ./abic} launcher, the runnable jar, {@code structs}
 * structs in, every file written to a new directory. Each shot is one cold process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompilerProcessBench {
    @Param({"10", "100", "1000", "10000"})
    public int structs;

    private Path input;
    private Path outputs;
    private int run;
    private List<String> command;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        input = ScalingInput.write(structs);
        outputs = java.nio.file.Files.createTempDirectory("abic-bench-out-");
    }

    /**
     * Each shot writes into a new, empty directory. Deleting the last shot's files instead would
     * measure ext4 rather than abic: for a few minutes after thousands of files are deleted, creating
     * new ones is about ten times slower (see docs/cli.md, Speed).
     */
    @Setup(Level.Invocation)
    public void newOutput() {
        Path output = outputs.resolve("run" + run++);
        command = List.of(Repo.java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Repo.cliJar().toString(),
                "generate", "-q", "--cpp-out", output.resolve("cpp").toString(), "--java-out",
                output.resolve("java").toString(), input.toString());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        ScalingInput.delete(input);
        ScalingInput.delete(outputs);
    }

    @Benchmark
    public String generate() {
        return Repo.run(command, 600);
    }
}
