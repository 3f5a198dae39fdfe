package dev.abic.compiler.drift;

import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.model.AbiModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code abic check} as a library call, shared by the command line and the Maven goal: baseline
 * drift ({@link Drift} + {@link Policy}) and staleness of committed generated files
 * ({@link Staleness}).
 */
public final class DriftCheck {
    private DriftCheck() {}

    /** A directory of committed generated files and what the {@code .abi} files produce for it now. */
    public record Generated(Path directory, List<GeneratedFile> expected) {
        public Generated {
            expected = List.copyOf(expected);
        }
    }

    /** The lock file {@code path} holds, with the baseline it was read from. */
    public record Baseline(Path path, Snapshot snapshot) {}

    /** Reads a lock file; {@code path} is shown in messages as given. */
    public static Baseline readBaseline(Path path) throws IOException, InvalidFile {
        return new Baseline(path, LockFile.read(source(path)));
    }

    /** The configuration used with a baseline when none is given: {@code abic-check.json} next to it, if it exists. */
    public static Optional<Path> configNextTo(Path baseline) {
        Path next = baseline.resolveSibling("abic-check.json");
        return Files.isRegularFile(next) ? Optional.of(next) : Optional.empty();
    }

    /** Reads a check configuration. */
    public static CheckConfig readConfig(Path path) throws IOException, InvalidFile {
        return CheckConfig.read(source(path));
    }

    /** A lock or configuration file; an unreadable one is an {@link IOException} that names it. */
    private static SourceFile source(Path path) throws IOException, InvalidFile {
        String text;
        try {
            if (Files.isDirectory(path)) {
                throw new IOException("it is a directory");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            SourceFile empty = new SourceFile(path.toAbsolutePath().normalize(), path.toString(),
                    String.valueOf(path.getFileName()), "");
            throw new InvalidFile(new dev.abic.compiler.diag.SourceSpan(empty, 1, 1, 1), "the file is not UTF-8 text");
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException("cannot read " + path + ": " + reason, e);
        }
        return new SourceFile(path.toAbsolutePath().normalize(), path.toString(), String.valueOf(path.getFileName()),
                text);
    }

    /** Writes the lock file of a model; returns true when the file changed. */
    public static boolean writeLock(AbiModel model, Path path) throws IOException, InvalidFile {
        String text = LockFile.write(Snapshot.of(model));
        if (Files.isRegularFile(path) && Files.readString(path, StandardCharsets.UTF_8).equals(text)) {
            return false;
        }
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".abi.lock", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /**
     * A baseline that shares no file name with the inputs was written from another folder (names
     * are relative to the folder given to {@code abic lock}): comparing would report every
     * declaration as moved, so it is an error that says which names were expected.
     */
    private static void requireCommonFiles(Snapshot base, Snapshot current) throws InvalidFile {
        if (base.files().isEmpty() || current.files().isEmpty()) {
            return;
        }
        java.util.Set<String> now = new java.util.TreeSet<>();
        current.files().forEach(f -> now.add(f.file()));
        if (base.files().stream().noneMatch(f -> now.contains(f.file()))) {
            List<String> names = base.files().stream().map(Snapshot.FileEntry::file).limit(3).toList();
            throw new InvalidFile(base.files().get(0).span(), "the baseline names its files " + String.join(", ", names)
                    + (base.files().size() > 3 ? ", ..." : "") + " and the inputs are " + String.join(", ",
                    now.stream().limit(3).toList()) + (now.size() > 3 ? ", ..." : "") + ": no name in common. "
                    + "File names are relative to the folder given to 'abic lock'; give 'abic check' that folder");
        }
    }

    /** Runs the checks asked for: against {@code baseline} when present, and on each generated directory. */
    public static CheckReport check(AbiModel model, Optional<Baseline> baseline, CheckConfig config,
                                    List<Generated> generated) throws IOException, InvalidFile {
        List<Verdict> verdicts = List.of();
        List<dev.abic.compiler.diag.Diagnostic> warnings = List.of();
        if (baseline.isPresent()) {
            Snapshot current = Snapshot.of(model);
            Snapshot base = baseline.get().snapshot();
            requireCommonFiles(base, current);
            Policy.Outcome outcome = Policy.judge(base, current, Drift.compare(base, current), config);
            verdicts = outcome.verdicts();
            warnings = outcome.warnings();
        }
        List<Staleness.StaleFile> stale = new ArrayList<>();
        for (Generated g : generated) {
            try {
                stale.addAll(Staleness.check(g.directory(), g.expected()));
            } catch (IOException e) {
                throw new IOException("cannot read the generated files in " + g.directory() + ": " + e, e);
            }
        }
        return new CheckReport(baseline.map(b -> b.path().toString()), verdicts, stale, warnings);
    }
}
