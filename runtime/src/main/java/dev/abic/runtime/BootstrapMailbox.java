package dev.abic.runtime;

import dev.abic.shm.ShmFileAbi;
import dev.abic.shm.ShmFileKind;
import dev.abic.shm.ShmMailboxFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import simpler.bootstrap.AbiViolationException;
import simpler.bootstrap.ChipBootstrapDomainRecord;
import simpler.bootstrap.ChipBootstrapMailboxState;
import simpler.bootstrap.ChipBootstrapMailboxV2;

/**
 * The one-shot chip bootstrap mailbox (version 2 page, {@code ChipBootstrapMailboxV2}): a child
 * reports the outcome of its bootstrap exactly once, success with up to eight named domains and
 * their buffer pointers, or an error code with a message; the parent waits for it.
 *
 * <p>{@code state} is the only synchronising word. The writer fills every other field with plain
 * stores and then stores SUCCESS or ERROR with release; the reader loads {@code state} with acquire
 * and only then reads the rest, each field once, and checks it before using it: counts within
 * their capacities, pointer ranges inside the shared pool, names and the message terminated
 * within their fields, names unique, ranks inside their domains. A page that breaks a rule is
 * reported as INVALID_DESCRIPTOR, never clamped.
 */
public final class BootstrapMailbox {
    /** One communication domain of a successful bootstrap. */
    public record Domain(String name, int rank, int size, long deviceCtx, long localWindowBase,
            long actualWindowSize, List<Long> bufferPtrs) {
        public Domain {
            Objects.requireNonNull(name);
            bufferPtrs = List.copyOf(bufferPtrs);
        }
    }

    /** What a child reported. */
    public sealed interface Result {
    }

    /** The bootstrap succeeded with these domains. */
    public record Success(List<Domain> domains) implements Result {
        public Success {
            domains = List.copyOf(domains);
        }
    }

    /** The bootstrap failed. */
    public record Failure(int code, String message) implements Result {
    }

    private final MemorySegment page;

    private BootstrapMailbox(MemorySegment page) {
        this.page = page;
    }

    /** The mailbox of {@code region}, which must be a CHIP_BOOTSTRAP_MAILBOX region. */
    public static BootstrapMailbox of(SharedRegion region) {
        if (region.kind() != ShmFileKind.CHIP_BOOTSTRAP_MAILBOX) {
            throw new AbicRuntimeException(ErrorKind.BAD_DESCRIPTOR, region + " is not a mailbox");
        }
        if (region.segment().byteSize() < ShmMailboxFile.BYTES) {
            throw new AbicRuntimeException(ErrorKind.BAD_DESCRIPTOR, region + " is smaller than a mailbox file ("
                    + ShmMailboxFile.BYTES + " bytes)");
        }
        return new BootstrapMailbox(ShmMailboxFile.mailbox(region.segment()));
    }

    /** Creates a mailbox file (state IDLE). */
    public static SharedRegion create(Path path) {
        return SharedRegion.create(path, ShmFileKind.CHIP_BOOTSTRAP_MAILBOX, fileBytes(), segment -> { });
    }

    /** An anonymous mailbox region for two threads of this process. */
    public static SharedRegion anonymous() {
        return SharedRegion.anonymous(ShmFileKind.CHIP_BOOTSTRAP_MAILBOX, fileBytes(), segment -> { });
    }

    /** Opens an existing mailbox file. */
    public static SharedRegion open(Path path) {
        return SharedRegion.open(path, ShmFileKind.CHIP_BOOTSTRAP_MAILBOX);
    }

    private static long fileBytes() {
        long page = ShmFileAbi.SHM_FILE_PAGE_BYTES;
        return (ShmMailboxFile.BYTES + page - 1) / page * page;
    }

    // ---- writer (the child) ------------------------------------------------------------------

    /**
     * Reports success: checks every domain, zeroes the payload fields, writes the records and packs
     * each domain's pointers one after the other into the shared pool, then release-stores SUCCESS.
     *
     * @throws AbicRuntimeException BAD_ARGUMENT (nothing written) for too many domains or pointers, an
     *     empty, too long, duplicate or NUL-containing name, a size below 1 or a rank outside the
     *     domain; OWNERSHIP if the mailbox was already published
     */
    public void publishSuccess(List<Domain> domains) {
        requireIdle();
        List<byte[]> names = checkDomains(domains);
        page.asSlice(ChipBootstrapMailboxV2.DOMAIN_COUNT_OFFSET,
                ChipBootstrapMailboxV2.ERROR_MSG_OFFSET - ChipBootstrapMailboxV2.DOMAIN_COUNT_OFFSET).fill((byte) 0);
        ChipBootstrapMailboxV2.domainCount(page, domains.size());
        int pool = 0;
        for (int d = 0; d < domains.size(); d++) {
            Domain domain = domains.get(d);
            MemorySegment record = ChipBootstrapMailboxV2.domainRecords(page, d);
            MemorySegment.copy(names.get(d), 0, record, ValueLayout.JAVA_BYTE, ChipBootstrapDomainRecord.NAME_OFFSET,
                    names.get(d).length);
            ChipBootstrapDomainRecord.domainRank(record, domain.rank());
            ChipBootstrapDomainRecord.domainSize(record, domain.size());
            ChipBootstrapDomainRecord.bufferCount(record, domain.bufferPtrs().size());
            ChipBootstrapDomainRecord.ptrOffset(record, pool);
            ChipBootstrapDomainRecord.deviceCtx(record, domain.deviceCtx());
            ChipBootstrapDomainRecord.localWindowBase(record, domain.localWindowBase());
            ChipBootstrapDomainRecord.actualWindowSize(record, domain.actualWindowSize());
            for (long pointer : domain.bufferPtrs()) {
                ChipBootstrapMailboxV2.bufferPtrs(page, pool++, pointer);
            }
        }
        ChipBootstrapMailboxV2.stateRelease(page, ChipBootstrapMailboxState.SUCCESS);
    }

    /**
     * Reports failure: writes {@code code} and {@code message} (UTF-8, cut at a character boundary to
     * leave room for the terminating NUL), then release-stores ERROR.
     *
     * @throws AbicRuntimeException BAD_ARGUMENT for a null message (nothing written), OWNERSHIP if the
     *     mailbox was already published
     */
    public void publishError(int code, String message) {
        if (message == null) {
            throw badArgument("an error report needs a message (it may be empty)");
        }
        requireIdle();
        ChipBootstrapMailboxV2.errorCode(page, code);
        ChipBootstrapMailboxV2.errorMsg(page, message);
        ChipBootstrapMailboxV2.stateRelease(page, ChipBootstrapMailboxState.ERROR);
    }

    private void requireIdle() {
        int state = ChipBootstrapMailboxV2.stateRaw(page);
        if (state != ChipBootstrapMailboxState.IDLE.value()) {
            throw new AbicRuntimeException(ErrorKind.OWNERSHIP, "the mailbox was already published (state "
                    + ChipBootstrapMailboxState.toString(state) + "); a mailbox is written once");
        }
    }

    private static List<byte[]> checkDomains(List<Domain> domains) {
        if (domains.size() > ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH) {
            throw badArgument(domains.size() + " domains; a page holds at most " + ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH);
        }
        List<byte[]> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long pointers = 0;
        for (Domain domain : domains) {
            byte[] name = domain.name().getBytes(StandardCharsets.UTF_8);
            if (name.length == 0 || name.length >= ChipBootstrapDomainRecord.NAME_LENGTH) {
                throw badArgument("domain name '" + domain.name() + "' has " + name.length + " bytes; it must have 1 to "
                        + (ChipBootstrapDomainRecord.NAME_LENGTH - 1));
            }
            if (domain.name().indexOf('\0') >= 0) {
                throw badArgument("domain name '" + domain.name() + "' contains NUL");
            }
            if (!seen.add(pageKey(name))) {
                throw badArgument("domain name '" + domain.name() + "' appears twice");
            }
            if (domain.size() <= 0 || domain.rank() < 0 || domain.rank() >= domain.size()) {
                throw badArgument("domain '" + domain.name() + "': rank " + domain.rank() + " of size " + domain.size()
                        + "; the size must be positive and the rank 0 to size - 1");
            }
            pointers += domain.bufferPtrs().size();
            names.add(name);
        }
        if (pointers > ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH) {
            throw badArgument(pointers + " buffer pointers; the shared pool holds " + ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH);
        }
        return names;
    }

    private static AbicRuntimeException badArgument(String why) {
        return new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, why);
    }

    // ---- reader (the parent) -----------------------------------------------------------------

    /**
     * The report, or null while the state is IDLE.
     *
     * @throws AbicRuntimeException INVALID_DESCRIPTOR if the page breaks a rule (unknown state, a
     *     count above its capacity, a pointer range outside the pool, a missing NUL, a duplicate name…)
     */
    public Result poll() {
        ChipBootstrapMailboxState state;
        try {
            state = ChipBootstrapMailboxV2.stateAcquire(page);
        } catch (AbiViolationException e) {
            throw invalid("state: " + e.getMessage());
        }
        return switch (state) {
            case IDLE -> null;
            case SUCCESS -> new Success(readDomains());
            case ERROR -> new Failure(ChipBootstrapMailboxV2.errorCode(page), readErrorMessage());
        };
    }

    /** {@link #poll}, waiting up to {@code timeout} for the report; TIMEOUT if none came. */
    public Result await(Duration timeout) {
        Waiter waiter = new Waiter(timeout);
        while (true) {
            Result result = poll();
            if (result != null) {
                return result;
            }
            if (waiter.idle() && waiter.expired()) {
                throw new AbicRuntimeException(ErrorKind.TIMEOUT, "no bootstrap report within " + timeout);
            }
        }
    }

    /** Makes the page reusable: zeroes it, then release-stores IDLE. */
    public void reset() {
        page.fill((byte) 0);
        ChipBootstrapMailboxV2.stateRelease(page, ChipBootstrapMailboxState.IDLE);
    }

    private List<Domain> readDomains() {
        int count = ChipBootstrapMailboxV2.domainCount(page);
        if (count < 0 || count > ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH) {
            throw invalid("domain_count is " + count + "; a page holds 0 to " + ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH);
        }
        List<Domain> domains = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        for (int d = 0; d < count; d++) {
            MemorySegment record = ChipBootstrapMailboxV2.domainRecords(page, d);
            byte[] nameBytes = terminatedBytes(record, ChipBootstrapDomainRecord.NAME_OFFSET,
                    ChipBootstrapDomainRecord.NAME_LENGTH, "domain " + d + " name");
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            int rank = ChipBootstrapDomainRecord.domainRank(record);
            int size = ChipBootstrapDomainRecord.domainSize(record);
            int bufferCount = ChipBootstrapDomainRecord.bufferCount(record);
            int ptrOffset = ChipBootstrapDomainRecord.ptrOffset(record);
            long deviceCtx = ChipBootstrapDomainRecord.deviceCtx(record);
            long windowBase = ChipBootstrapDomainRecord.localWindowBase(record);
            long windowSize = ChipBootstrapDomainRecord.actualWindowSize(record);
            if (name.isEmpty()) {
                throw invalid("domain " + d + " has an empty name");
            }
            if (!seen.add(pageKey(nameBytes))) {
                throw invalid("domain " + d + " name '" + name + "' appears twice");
            }
            if (size <= 0 || rank < 0 || rank >= size) {
                throw invalid("domain '" + name + "': rank " + rank + " of size " + size);
            }
            if (bufferCount < 0 || ptrOffset < 0
                    || (long) ptrOffset + bufferCount > ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH) {
                throw invalid("domain '" + name + "': buffer_count " + bufferCount + " at ptr_offset " + ptrOffset
                        + " is outside the pool of " + ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH);
            }
            List<Long> pointers = new ArrayList<>(bufferCount);
            for (int j = 0; j < bufferCount; j++) {
                pointers.add(ChipBootstrapMailboxV2.bufferPtrs(page, ptrOffset + j));
            }
            domains.add(new Domain(name, rank, size, deviceCtx, windowBase, windowSize, pointers));
        }
        return domains;
    }

    private String readErrorMessage() {
        return terminatedText(page, ChipBootstrapMailboxV2.ERROR_MSG_OFFSET, ChipBootstrapMailboxV2.ERROR_MSG_LENGTH,
                "error_msg");
    }

    /** The UTF-8 text of a char[capacity] field; INVALID_DESCRIPTOR if it has no NUL. Copies once. */
    private static String terminatedText(MemorySegment segment, long offset, long capacity, String what) {
        return new String(terminatedBytes(segment, offset, capacity, what), StandardCharsets.UTF_8);
    }

    /** The bytes of a char[capacity] field before its NUL; INVALID_DESCRIPTOR if it has none. Copies once. */
    private static byte[] terminatedBytes(MemorySegment segment, long offset, long capacity, String what) {
        byte[] bytes = segment.asSlice(offset, capacity).toArray(ValueLayout.JAVA_BYTE);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return Arrays.copyOf(bytes, i);
            }
        }
        throw invalid(what + " has no terminating NUL within its " + capacity + " bytes");
    }

    /**
     * Names are compared as the bytes on the page (as the C++ reader does): different strings can
     * encode to the same bytes, and different invalid UTF-8 bytes can decode to the same string.
     */
    private static String pageKey(byte[] name) {
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    private static AbicRuntimeException invalid(String why) {
        return new AbicRuntimeException(ErrorKind.INVALID_DESCRIPTOR, "bootstrap mailbox: " + why);
    }
}
