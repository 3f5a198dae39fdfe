package dev.abic.compiler;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.emit.cpp.CppEmitter;
import java.nio.file.Path;

/**
 * Jazzer fuzzing of the whole compiler on arbitrary text: it must answer with diagnostics or a
 * model (and then headers), never an exception.
 *
 * <p>In {@code mvn verify} this runs in regression mode over the seed inputs in
 * {@code src/test/resources/dev/abic/compiler/CompilerFuzzTestInputs/compilerNeverThrows/} (the real
 * ABIs and the golden inputs). To fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -pl generator/compiler test -Dtest=CompilerFuzzTest}; a crash is saved
 * in that directory, where it then stays as a regression input.
 */
class CompilerFuzzTest {
    private static final Path VIRTUAL = Path.of("fuzz", "input.abi");

    @FuzzTest(maxDuration = "60s")
    void compilerNeverThrows(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Abic.Result result = Abic.compileText(VIRTUAL, text);
        for (Diagnostic d : result.diagnostics()) {
            d.render();
        }
        result.model().ifPresent(model -> Abic.generateCpp(model, CppEmitter.Options.DEFAULTS));
    }
}
