package dev.abic.bench;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.emit.java.JavaEmitter;
import dev.abic.compiler.model.AbiModel;
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
 * The compiler as a library, warmed up: read, parse, resolve and check {@code structs} structs (see
 * {@link ScalingInput}), then emit the C++ headers and the Java sources into memory. Nothing is
 * written; {@link CompilerProcessBench} measures the whole {@code abic generate} process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompilerBench {
    @Param({"10", "100", "1000", "10000"})
    public int structs;

    private Path input;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        input = ScalingInput.write(structs);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        ScalingInput.delete(input);
    }

    @Benchmark
    public int compileAndEmit() {
        Abic.Result result = Abic.compile(List.of(input));
        AbiModel model = result.model().orElseThrow(() -> new IllegalStateException(result.diagnostics().toString()));
        return Abic.generateCpp(model, CppEmitter.Options.DEFAULTS).files().size()
                + Abic.generateJava(model, JavaEmitter.Options.DEFAULTS).files().size();
    }
}
