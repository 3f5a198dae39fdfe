package dev.abic.compiler.model;

import dev.abic.compiler.diag.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resolved {@code .abi} file: its package, options and declarations in source order, and the
 * files it imports.
 */
public record AbiFile(SourceFile source, String packageName, Map<String, String> options, List<Decl> decls,
                      List<AbiFile> imports, Doc doc) {
    public AbiFile {
        options = Map.copyOf(options);
        decls = List.copyOf(decls);
        imports = List.copyOf(imports);
    }

    /** The value of {@code option name = "…";}, if the file sets it. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The declarations of one kind, in source order. */
    public <T extends Decl> List<T> decls(Class<T> kind) {
        return decls.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The file name without directory or {@code .abi}: {@code l3l2_queue}. */
    public String baseName() {
        String name = source.path().getFileName().toString();
        return name.endsWith(".abi") ? name.substring(0, name.length() - 4) : name;
    }
}
