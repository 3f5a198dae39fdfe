package dev.abic.maven;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.OutputWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What one execution of {@code abic:generate} produced, kept between builds in a small text file so
 * that a build whose inputs did not change does nothing at all (not even rewrite this file).
 *
 * <p>The output is up to date when all of these hold:
 * <ul>
 *   <li>the settings digest is the same (plugin and compiler, options, configured inputs);</li>
 *   <li>every {@code .abi} file now found under the inputs was read last time (none was added);</li>
 *   <li>every file read last time, imports included, still has the same content (none was edited or
 *       removed);</li>
 *   <li>every file written last time is still there with the content written (none was edited or
 *       deleted).</li>
 * </ul>
 *
 * <p>The file holds one entry a line, in UTF-8: {@code abic-state 1}, then {@code settings SHA256},
 * {@code source SHA256 ABSOLUTE-PATH} for each file read and {@code output SHA256 DIRECTORY<tab>PATH}
 * for each file written (the path relative to its output directory). A file that cannot be read or
 * parsed counts as no state: everything is generated again.
 *
 * @param settings digest of everything besides file contents that decides the output
 * @param sources  every file the compiler read, by absolute normalized path, with its SHA-256
 * @param outputs  every file generated
 */
record GenerationState(String settings, Map<Path, String> sources, List<Output> outputs) {
    private static final String HEADER = "abic-state 1";
    /** The hash recorded for, and computed of, a file that does not exist. */
    private static final String MISSING = "missing";

    /**
     * One generated file.
     *
     * @param directory the output directory it was written under (absolute)
     * @param path      its path relative to {@code directory}, with forward slashes
     * @param sha256    the SHA-256 of its content
     */
    record Output(Path directory, String path, String sha256) {
        Path file() {
            return directory.resolve(path);
        }
    }

    GenerationState {
        sources = Map.copyOf(sources);
        outputs = List.copyOf(outputs);
    }

    /** The state after a generation: hashes {@code sources} as they are on disk now. */
    static GenerationState of(String settings, Collection<Path> sources, Map<Path, List<GeneratedFile>> outputs)
            throws IOException {
        Map<Path, String> hashes = new HashMap<>();
        for (Path source : sources) {
            hashes.put(source, hash(source));
        }
        List<Output> written = new ArrayList<>();
        outputs.forEach((directory, files) -> files.forEach(f ->
                written.add(new Output(directory, f.path(), sha256(f.content().getBytes(StandardCharsets.UTF_8))))));
        return new GenerationState(settings, hashes, written);
    }

    /**
     * Whether the recorded output is still what generating from {@code inputFiles} (the {@code .abi}
     * files now under the inputs, see {@link #abiFiles}) with {@code settings} would give.
     */
    boolean isUpToDate(String settings, Collection<Path> inputFiles) throws IOException {
        if (!this.settings.equals(settings) || !sources.keySet().containsAll(inputFiles)) {
            return false;
        }
        for (Map.Entry<Path, String> source : sources.entrySet()) {
            if (!hash(source.getKey()).equals(source.getValue())) {
                return false;
            }
        }
        for (Output output : outputs) {
            if (!hash(output.file()).equals(output.sha256())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Deletes the files this state recorded as written that {@code next} no longer produces, if
     * they still hold what abic wrote (a file edited since is left alone), and the folders that
     * this leaves empty below their output directory. Nothing else is ever deleted.
     *
     * @return the files deleted
     */
    List<Path> deleteDropped(GenerationState next) throws IOException {
        Set<Path> kept = new TreeSet<>();
        next.outputs.forEach(o -> kept.add(o.file()));
        List<Path> deleted = new ArrayList<>();
        for (Output output : outputs) {
            Path file = output.file();
            if (kept.contains(file) || !hash(file).equals(output.sha256())) {
                continue;
            }
            Files.delete(file);
            deleted.add(file);
            for (Path dir = file.getParent(); dir.startsWith(output.directory()) && !dir.equals(output.directory())
                    && isEmptyDirectory(dir); dir = dir.getParent()) {
                Files.delete(dir);
            }
        }
        return deleted;
    }

    /** Reads a state file; empty when there is none or it cannot be read or parsed. */
    static Optional<GenerationState> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("settings ")) {
                return Optional.empty();
            }
            String settings = lines.get(1).substring("settings ".length());
            Map<Path, String> sources = new LinkedHashMap<>();
            List<Output> outputs = new ArrayList<>();
            for (String line : lines.subList(2, lines.size())) {
                String[] kindHashRest = line.split(" ", 3);
                if (kindHashRest.length != 3) {
                    return Optional.empty();
                }
                String hash = kindHashRest[1];
                String rest = kindHashRest[2];
                int tab = rest.indexOf('\t');
                switch (kindHashRest[0]) {
                    case "source" -> sources.put(Path.of(rest), hash);
                    case "output" -> {
                        if (tab < 0) {
                            return Optional.empty();
                        }
                        outputs.add(new Output(Path.of(rest.substring(0, tab)), rest.substring(tab + 1), hash));
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new GenerationState(settings, sources, outputs));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes this state to {@code file} atomically (creating its folder). */
    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append("\nsettings ").append(settings).append('\n');
        new TreeMap<>(sources).forEach((path, hash) ->
                text.append("source ").append(hash).append(' ').append(path).append('\n'));
        for (Output o : outputs) {
            text.append("output ").append(o.sha256()).append(' ').append(o.directory()).append('\t')
                    .append(o.path()).append('\n');
        }
        OutputWriter.write(file.getParent(), List.of(new GeneratedFile(file.getFileName().toString(), text.toString())));
    }

    /**
     * The {@code .abi} files the compiler takes from {@code inputs}, as absolute normalized paths:
     * for a directory the files {@link Abic#abiFilesUnder} finds (the compiler's own rule), and each
     * regular file named. Inputs that do not exist are left out (the compiler reports them).
     */
    static Set<Path> abiFiles(List<Path> inputs) throws IOException {
        Set<Path> files = new TreeSet<>();
        for (Path input : inputs) {
            Path absolute = input.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute)) {
                files.addAll(Abic.abiFilesUnder(absolute));
            } else if (Files.isRegularFile(absolute)) {
                files.add(absolute);
            }
        }
        return files;
    }

    /** The SHA-256 of a file's content, or {@link #MISSING} when it is not a regular file. */
    static String hash(Path file) throws IOException {
        return Files.isRegularFile(file) ? sha256(Files.readAllBytes(file)) : MISSING;
    }

    /** The SHA-256 of {@code bytes}, in lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
