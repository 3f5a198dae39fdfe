package dev.abic.compiler.resolve;

import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.Diagnostics;
import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.diag.SourceSpan;
import dev.abic.compiler.syntax.Ast;
import dev.abic.compiler.syntax.SyntaxParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and parses the input files and, transitively, the files they import (paths relative to the
 * importing file). Reports unreadable and missing files and import cycles; yields the files in
 * dependency order, each after the files it imports.
 */
public final class Loader {
    /** An input: where it is, and the root its output names are relative to. */
    public record Input(Path path, Path root) {}

    /** A parsed file and the files its imports resolved to (empty where an import failed). */
    public record Loaded(Ast.File ast, List<Optional<Path>> imports) {}

    private enum State { VISITING, DONE }

    private final Diagnostics diagnostics;
    private final Map<Path, State> state = new HashMap<>();
    private final Map<Path, Loaded> loaded = new LinkedHashMap<>();
    private final List<SourceFile> sources = new ArrayList<>();
    private final List<Path> stack = new ArrayList<>();

    /** A loader that reports unreadable files, syntax errors and bad imports to {@code diagnostics}. */
    public Loader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Loads every input and what it imports. */
    public void load(List<Input> inputs) {
        for (Input input : inputs) {
            Path path = input.path().toAbsolutePath().normalize();
            String display = input.path().normalize().toString();
            String sourceName = relativeName(input.root(), input.path());
            visit(path, display, sourceName, null);
        }
    }

    /**
     * Loads one file whose text is given rather than read (for tools and fuzzing); its imports are
     * still read from disk, relative to {@code path}.
     */
    public void loadText(Path path, String text) {
        Path absolute = path.toAbsolutePath().normalize();
        parseAndFollow(new SourceFile(absolute, path.normalize().toString().replace('\\', '/'),
                path.getFileName().toString(), text));
    }

    /**
     * The loaded files whose imports all loaded too, transitively: the ones that can be resolved
     * even when others failed, so that their errors are reported in the same run.
     */
    public List<Loaded> completeFiles() {
        Map<Path, Boolean> complete = new HashMap<>();
        List<Loaded> out = new ArrayList<>();
        for (Map.Entry<Path, Loaded> e : loaded.entrySet()) {   // dependency order: imports come first
            boolean ok = e.getValue().imports().stream()
                    .allMatch(i -> i.isPresent() && complete.getOrDefault(i.get(), false));
            complete.put(e.getKey(), ok);
            if (ok) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Every file that was read, in the order it was read: the order diagnostics are sorted in. */
    public List<SourceFile> sources() {
        return List.copyOf(sources);
    }

    private void visit(Path path, String display, String sourceName, SourceSpan importedAt) {
        State s = state.get(path);
        if (s == State.DONE) {
            return;
        }
        if (s == State.VISITING) {
            int from = stack.indexOf(path);
            StringBuilder chain = new StringBuilder();
            for (Path p : stack.subList(from, stack.size())) {
                chain.append(p.getFileName()).append(" -> ");
            }
            chain.append(path.getFileName());
            diagnostics.error(importedAt, "import cycle: " + chain);
            return;
        }
        read(path, display, sourceName, importedAt).ifPresent(this::parseAndFollow);
    }

    /** Parses a file that has been read, loads what it imports, and records it. */
    private void parseAndFollow(SourceFile source) {
        Path path = source.path();
        sources.add(source);
        state.put(path, State.VISITING);
        stack.add(path);
        Optional<Ast.File> ast = SyntaxParser.parse(source, diagnostics);
        List<Optional<Path>> imports = new ArrayList<>();
        if (ast.isPresent()) {
            for (Ast.Import imp : ast.get().imports()) {
                imports.add(resolveImport(path, source.displayName(), source.sourceName(), imp));
            }
        }
        stack.remove(stack.size() - 1);
        state.put(path, State.DONE);
        ast.ifPresent(a -> loaded.put(path, new Loaded(a, imports)));
    }

    private Optional<Path> resolveImport(Path importer, String importerDisplay, String importerSourceName,
                                         Ast.Import imp) {
        if (imp.path().isEmpty() || !imp.path().endsWith(".abi")) {
            diagnostics.error(imp.span(), "import paths name an .abi file: \"" + imp.path() + "\"");
            return Optional.empty();
        }
        Path target;
        try {
            target = importer.getParent().resolve(imp.path()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            diagnostics.error(imp.span(), "invalid import path \"" + imp.path() + "\"");
            return Optional.empty();
        }
        String display = sibling(importerDisplay, imp.path());
        if (!Files.isRegularFile(target)) {
            diagnostics.error(imp.span(), "cannot find imported file \"" + imp.path() + "\" (looked for " + display + ")");
            return Optional.empty();
        }
        if (target.equals(importer)) {
            diagnostics.error(imp.span(), "a file cannot import itself");
            return Optional.empty();
        }
        boolean cycle = state.get(target) == State.VISITING;
        visit(target, display, sibling(importerSourceName, imp.path()), imp.span());
        return !cycle && loaded.containsKey(target) ? Optional.of(target) : Optional.empty();
    }

    private Optional<SourceFile> read(Path path, String display, String sourceName, SourceSpan importedAt) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            String why = "cannot read " + display + ": " + describe(e);
            diagnostics.report(importedAt == null ? Diagnostic.globalError(why) : Diagnostic.error(importedAt, why));
            return Optional.empty();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return Optional.of(new SourceFile(path, display, sourceName, text));
        } catch (CharacterCodingException e) {
            reportInvalidUtf8(path, display, sourceName, bytes);
            return Optional.empty();
        }
    }

    /** Points at the first byte that is not UTF-8, on a lenient decoding of the file. */
    private void reportInvalidUtf8(Path path, String display, String sourceName, byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        int bad = in.position();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        SourceFile file = new SourceFile(path, display, sourceName, lenient);
        int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
        diagnostics.error(new SourceSpan(file, line, column, 1), String.format(
                "this file is not valid UTF-8 text: byte 0x%02X cannot start or continue a character", bytes[bad] & 0xFF));
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code a/b/x.abi} + {@code ../y.abi} = {@code a/y.abi}, with forward slashes on every platform. */
    static String sibling(String name, String relative) {
        Path parent = Path.of(name).getParent();
        Path p = parent == null ? Path.of(relative) : parent.resolve(relative);
        return p.normalize().toString().replace('\\', '/');
    }

    static String relativeName(Path root, Path file) {
        Path r = root.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        Path rel = f.startsWith(r) ? r.relativize(f) : f.getFileName();
        return rel.toString().replace('\\', '/');
    }
}
