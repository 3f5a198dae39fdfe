package dev.abic.compiler.emit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes generated files under a directory. A file whose content is already what it should be is
 * not touched (its timestamp stays, so incremental builds stay incremental); others are written to a
 * temporary file and moved into place, so a reader never sees half a file.
 */
public final class OutputWriter {
    private OutputWriter() {}

    /** What a write did. */
    public record Report(List<Path> written, List<Path> unchanged) {
        public Report {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
        }
    }

    /** Writes {@code files} under {@code directory}, creating folders, and says which files changed. */
    public static Report write(Path directory, List<GeneratedFile> files) throws IOException {
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        for (GeneratedFile f : files) {
            Path target = directory.resolve(f.path());
            byte[] bytes = f.content().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                unchanged.add(target);
                continue;
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            written.add(target);
        }
        return new Report(written, unchanged);
    }
}
