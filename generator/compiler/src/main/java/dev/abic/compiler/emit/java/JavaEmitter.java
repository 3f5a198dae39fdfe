package dev.abic.compiler.emit.java;

import dev.abic.compiler.diag.Diagnostics;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.model.AbiModel;
import java.util.List;

/** Writes Java (FFM, release 22) classes for a model. */
public final class JavaEmitter {
    /** Options of the Java output (none yet; the record keeps the signature stable). */
    public record Options() {
        public static final Options DEFAULTS = new Options();
    }

    private JavaEmitter() {}

    /** The Java sources for every file of the model, as paths such as {@code simpler/l3l2/DescSlot.java}. */
    public static List<GeneratedFile> emit(AbiModel model, Options options, Diagnostics diagnostics) {
        return List.of();
    }
}
