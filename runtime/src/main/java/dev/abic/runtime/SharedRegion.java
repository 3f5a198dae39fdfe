package dev.abic.runtime;

import dev.abic.shm.ShmFileAbi;
import dev.abic.shm.ShmFileHeader;
import dev.abic.shm.ShmFileKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Memory that two sides share: a file (normally in {@code /dev/shm}) mapped read-write by each
 * process, or an anonymous shared segment for two threads of one process. Every region starts with
 * a {@link ShmFileHeader} (magic, version, kind, size); the body after it belongs to the queue or
 * the mailbox that the kind names.
 *
 * <p>Creating a file never exposes it half built: the file is created under a temporary name next
 * to the target, sized in full, zeroed, filled by the caller's initialiser, given its header, and
 * only then linked under its final name (which fails if that name exists). Opening checks the size
 * and the header before anything else reads the body.
 *
 * <p>{@link #close()} unmaps at once (segments obtained from the region become unusable); the file
 * stays until {@link #unlink()}.
 */
public final class SharedRegion implements AutoCloseable {
    /** Bytes written per call while allocating a file. */
    private static final long ZERO_CHUNK = 1 << 20; // not ABI: tuning, 1 MiB

    private final Arena arena;
    private final MemorySegment segment;
    private final Path path;
    private final ShmFileKind kind;

    private SharedRegion(Arena arena, MemorySegment segment, Path path, ShmFileKind kind) {
        this.arena = arena;
        this.segment = segment;
        this.path = path;
        this.kind = kind;
    }

    /**
     * Creates the file {@code path} of {@code fileBytes} bytes (a multiple of the page size) holding
     * a {@code kind} body, maps it, and runs {@code initialiser} on the whole mapping (zero: the
     * file was allocated by writing zeros) before the header is written and the file gets its name.
     *
     * @throws AbicRuntimeException BAD_ARGUMENT for a bad size or kind, or if {@code path} exists
     * @throws UncheckedIOException if the file cannot be created or mapped
     */
    public static SharedRegion create(Path path, ShmFileKind kind, long fileBytes,
            Consumer<MemorySegment> initialiser) {
        checkShape(kind, fileBytes);
        Path absolute = path.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, absolute + " already exists");
        }
        Path temporary = absolute.resolveSibling(
                absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Arena arena = Arena.ofShared();
        boolean linked = false;
        try {
            MemorySegment segment;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                allocate(channel, fileBytes);
                segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileBytes, arena);
            }
            initialise(segment, kind, fileBytes, initialiser);
            Files.createLink(absolute, temporary);
            linked = true;
            return new SharedRegion(arena, segment, absolute, kind);
        } catch (FileAlreadyExistsException e) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, absolute + " already exists");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + absolute + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // The temporary name is only a leftover; the region (if linked) is complete.
            }
            if (!linked) {
                arena.close();
            }
        }
    }

    /**
     * Gives the file its full size by writing zeros, so that a full {@code /dev/shm} is an
     * IOException here rather than a SIGBUS when a page of a sparse file is first touched.
     */
    private static void allocate(FileChannel channel, long fileBytes) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(fileBytes, ZERO_CHUNK));
        for (long position = 0; position < fileBytes; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), fileBytes - position));
            position += channel.write(zeros, position);
        }
    }

    /**
     * An anonymous region of {@code fileBytes} bytes for two threads of this process, laid out
     * exactly like a file.
     */
    public static SharedRegion anonymous(ShmFileKind kind, long fileBytes, Consumer<MemorySegment> initialiser) {
        checkShape(kind, fileBytes);
        Arena arena = Arena.ofShared();
        // Zeroed explicitly: a file is zero from allocate(), native memory is not promised to be.
        MemorySegment segment = arena.allocate(fileBytes, ShmFileAbi.SHM_FILE_PAGE_BYTES).fill((byte) 0);
        initialise(segment, kind, fileBytes, initialiser);
        return new SharedRegion(arena, segment, null, kind);
    }

    /**
     * Maps an existing file and checks its header: magic, version, the expected kind, and that the
     * size recorded in the header is the size of the file.
     *
     * @throws AbicRuntimeException BAD_DESCRIPTOR if the file is not a complete {@code expected} region
     * @throws UncheckedIOException if the file cannot be opened or mapped
     */
    public static SharedRegion open(Path path, ShmFileKind expected) {
        Path absolute = path.toAbsolutePath();
        Arena arena = Arena.ofShared();
        boolean opened = false;
        try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < ShmFileHeader.BYTES) {
                throw bad(absolute, "it has " + size + " bytes, fewer than its header needs (" + ShmFileHeader.BYTES + ")");
            }
            MemorySegment segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            checkHeader(absolute, segment, expected);
            opened = true;
            return new SharedRegion(arena, segment, absolute, expected);
        } catch (NoSuchFileException e) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, absolute + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + absolute + ": " + e.getMessage(), e);
        } finally {
            if (!opened) {
                arena.close();
            }
        }
    }

    private static void checkShape(ShmFileKind kind, long fileBytes) {
        if (kind == ShmFileKind.INVALID) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, "a region needs a kind other than INVALID");
        }
        if (fileBytes < ShmFileHeader.BYTES || fileBytes % ShmFileAbi.SHM_FILE_PAGE_BYTES != 0) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, "a region's size must be a positive multiple of "
                    + ShmFileAbi.SHM_FILE_PAGE_BYTES + " bytes, not " + fileBytes);
        }
    }

    /** Runs the initialiser on the (zeroed) region, then writes the header last. */
    private static void initialise(MemorySegment segment, ShmFileKind kind, long fileBytes,
            Consumer<MemorySegment> initialiser) {
        initialiser.accept(segment);
        writeHeader(segment, kind, fileBytes);
    }

    /** Writes the header of a {@code kind} region of {@code fileBytes} bytes, magic last. */
    static void writeHeader(MemorySegment segment, ShmFileKind kind, long fileBytes) {
        ShmFileHeader.version(segment, ShmFileAbi.SHM_FILE_VERSION);
        ShmFileHeader.kind(segment, kind);
        ShmFileHeader.fileBytes(segment, fileBytes);
        ShmFileHeader.creatorPid(segment, ProcessHandle.current().pid());
        ShmFileHeader.magic(segment, ShmFileAbi.SHM_FILE_MAGIC);
    }

    private static void checkHeader(Path path, MemorySegment segment, ShmFileKind expected) {
        long magic = ShmFileHeader.magic(segment);
        if (magic != ShmFileAbi.SHM_FILE_MAGIC) {
            throw bad(path, "its magic is 0x" + Long.toHexString(magic) + ", not 0x"
                    + Long.toHexString(ShmFileAbi.SHM_FILE_MAGIC) + " (not an abic shared-memory file)");
        }
        int version = ShmFileHeader.version(segment);
        if (version != ShmFileAbi.SHM_FILE_VERSION) {
            throw bad(path, "its format version is " + Integer.toUnsignedString(version) + "; this runtime reads "
                    + ShmFileAbi.SHM_FILE_VERSION);
        }
        int kind = ShmFileHeader.kindRaw(segment);
        if (kind != expected.value()) {
            throw bad(path, "it holds " + ShmFileKind.toString(kind) + ", not " + expected);
        }
        long recorded = ShmFileHeader.fileBytes(segment);
        if (recorded != segment.byteSize()) {
            throw bad(path, "its header says " + Long.toUnsignedString(recorded) + " bytes, but the file has "
                    + segment.byteSize());
        }
    }

    private static AbicRuntimeException bad(Path path, String why) {
        return new AbicRuntimeException(ErrorKind.BAD_DESCRIPTOR, path + ": " + why);
    }

    /** The whole mapping, header included. */
    public MemorySegment segment() {
        return segment;
    }

    /** What the region holds. */
    public ShmFileKind kind() {
        return kind;
    }

    /** The file, or {@code null} for an anonymous region. */
    public Path path() {
        return path;
    }

    /** Removes the file name (mappings stay valid until closed); nothing for an anonymous region. */
    public void unlink() {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path + ": " + e.getMessage(), e);
        }
    }

    /** Unmaps the region now; idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "SharedRegion[" + kind + ", " + segment.byteSize() + " bytes, "
                + Objects.requireNonNullElse(path, "anonymous") + "]";
    }
}
