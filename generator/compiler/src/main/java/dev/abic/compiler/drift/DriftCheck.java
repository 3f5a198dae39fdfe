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

    /** Reads a check configuration. */
    public static CheckConfig readConfig(Path path) throws IOException, InvalidFile {
        return CheckConfig.read(source(path));
    }

    private static SourceFile source(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        return new SourceFile(path.toAbsolutePath().normalize(), path.toString(), path.getFileName().toString(), text);
    }

    /** Writes the lock file of a model; returns true when the file changed. */
    public static boolean writeLock(AbiModel model, Path path) throws IOException {
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

    /** Runs the checks asked for: against {@code baseline} when present, and on each generated directory. */
    public static CheckReport check(AbiModel model, Optional<Baseline> baseline, CheckConfig config,
                                    List<Generated> generated) throws IOException {
        List<Verdict> verdicts = List.of();
        List<dev.abic.compiler.diag.Diagnostic> warnings = List.of();
        if (baseline.isPresent()) {
            Snapshot current = Snapshot.of(model);
            Snapshot base = baseline.get().snapshot();
            Policy.Outcome outcome = Policy.judge(base, current, Drift.compare(base, current), config);
            verdicts = outcome.verdicts();
            warnings = outcome.warnings();
        }
        List<Staleness.StaleFile> stale = new ArrayList<>();
        for (Generated g : generated) {
            stale.addAll(Staleness.check(g.directory(), g.expected()));
        }
        return new CheckReport(baseline.map(b -> b.path().toString()), verdicts, stale, warnings);
    }
}
