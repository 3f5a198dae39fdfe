// abic runtime: the shared-memory files of idl/shm_file.abi (host only, POSIX).
//
// A file starts with a ShmFileHeader (magic, version, kind, file_bytes, creator_pid). A queue file
// (ShmQueueFile) then holds the twelve L3L2QueueTaskArgs scalars, with payload_base and counter_base
// given as offsets into the file, the counter block and the payload range; a mailbox file
// (ShmMailboxFile) holds one ChipBootstrapMailboxV2 page. The creator builds the whole file under
// a temporary name next to the target (sized, space allocated, zeroed, header and body written) and
// only then links it under its final name, which fails if that name exists (two creators never
// replace each other's file), so an opener never sees a half built file. Openers check the header and, for a queue, the task arguments against the file.
//
// Errors are values: FileStatus carries the kind and a message that names the path and the field
// or system call. BAD_ARGUMENT: a parameter the layout rejects, or a system call that failed (its
// errno text is in the message). BAD_DESCRIPTOR: a file whose header or task arguments are wrong.
#ifndef ABIC_RUNTIME_SHM_FILE_HPP_
#define ABIC_RUNTIME_SHM_FILE_HPP_

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "abic/shm.h"
#include "abic/support.h"
#include "abic_runtime/status.hpp"
#include "simpler/bootstrap.h"
#include "simpler/l3l2.h"
#include "simpler/orch.h"

namespace abic_runtime {

/// Outcome of a file operation: OK (kind NONE) or an error kind with a message.
struct FileStatus {
    /// NONE when the operation succeeded.
    ErrorKind kind = ErrorKind::NONE;
    /// Names the path and the field or system call that failed; empty when OK.
    std::string message;

    /// True when the operation succeeded.
    bool ok() const { return kind == ErrorKind::NONE; }
};

/// A value of type T, or the FileStatus saying why there is none.
template <class T>
class FileResult {
public:
    /// Success.
    FileResult(T value) : value_(std::move(value)) {}
    /// Failure; `status` is not OK.
    FileResult(FileStatus status) : status_(std::move(status)) {}

    /// True when there is a value.
    bool ok() const { return value_.has_value(); }
    /// The value; only when ok().
    T& value() { return *value_; }
    /// OK, or why there is no value.
    const FileStatus& status() const { return status_; }

private:
    std::optional<T> value_;
    FileStatus status_;
};

/// A read-write MAP_SHARED mapping of a whole file, unmapped when destroyed. Move-only.
class Mapping {
public:
    /// No mapping.
    Mapping() = default;
    /// Takes ownership of `bytes` bytes mapped at `address`.
    Mapping(void* address, std::size_t bytes) : address_(address), bytes_(bytes) {}
    Mapping(Mapping&& other) noexcept
        : address_(std::exchange(other.address_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}
    Mapping& operator=(Mapping&& other) noexcept {
        if (this != &other) {
            unmap();
            address_ = std::exchange(other.address_, nullptr);
            bytes_ = std::exchange(other.bytes_, 0);
        }
        return *this;
    }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping() { unmap(); }

    /// First byte of the mapping (the file's offset 0).
    unsigned char* data() const { return static_cast<unsigned char*>(address_); }
    /// Size of the mapping: the size of the file.
    std::size_t size() const { return bytes_; }

private:
    void unmap() {
        if (address_ != nullptr) {
            ::munmap(address_, bytes_);
        }
    }

    void* address_ = nullptr;
    std::size_t bytes_ = 0;
};

/// An open queue file: its mapping and a validated copy of its header and task arguments (the
/// copies are what counts; later writes to the file's header or arguments are ignored).
class QueueFile {
public:
    /// Takes `mapping`, whose header and task arguments were validated and are copied here.
    QueueFile(Mapping mapping, const abic_shm::ShmFileHeader& header, const simpler::l3l2::L3L2QueueTaskArgs& args)
        : mapping_(std::move(mapping)), header_(header), task_args_(args) {}

    /// The header.
    const abic_shm::ShmFileHeader& header() const { return header_; }
    /// The twelve task scalars; region.payload_base and region.counter_base are file offsets.
    const simpler::l3l2::L3L2QueueTaskArgs& task_args() const { return task_args_; }
    /// The queue arguments an endpoint's init() takes.
    const simpler::l3l2::L3L2QueueArgs& queue_args() const { return task_args_.queue; }
    /// The payload range (descriptor rings and arenas): an endpoint's `payload`.
    unsigned char* payload() const { return mapping_.data() + task_args_.region.payload_base; }
    /// The counter block: an endpoint's `counters`.
    simpler::l3l2::L3L2QueueCounters* counters() const {
        return reinterpret_cast<simpler::l3l2::L3L2QueueCounters*>(mapping_.data() + task_args_.region.counter_base);
    }
    /// The whole file.
    const Mapping& mapping() const { return mapping_; }

private:
    Mapping mapping_;
    abic_shm::ShmFileHeader header_;
    simpler::l3l2::L3L2QueueTaskArgs task_args_;
};

/// An open mailbox file: its mapping and a validated copy of its header.
class MailboxFile {
public:
    /// Takes `mapping`, whose header was validated and is copied here.
    MailboxFile(Mapping mapping, const abic_shm::ShmFileHeader& header)
        : mapping_(std::move(mapping)), header_(header) {}

    /// The header.
    const abic_shm::ShmFileHeader& header() const { return header_; }
    /// The mailbox page.
    simpler::bootstrap::ChipBootstrapMailboxV2* mailbox() const {
        return reinterpret_cast<simpler::bootstrap::ChipBootstrapMailboxV2*>(
                mapping_.data() + offsetof(abic_shm::ShmMailboxFile, mailbox));
    }
    /// The whole file.
    const Mapping& mapping() const { return mapping_; }

private:
    Mapping mapping_;
    abic_shm::ShmFileHeader header_;
};

namespace detail {

/// A FileStatus of `kind` with `message`.
inline FileStatus file_error(ErrorKind kind, const std::string& message) {
    return FileStatus{kind, message};
}

/// BAD_ARGUMENT for a failed system call: "<path>: <call>: <errno text>".
inline FileStatus system_error(const std::string& path, const char* call, int error) {
    return file_error(ErrorKind::BAD_ARGUMENT, path + ": " + call + ": " + std::strerror(error));
}

/// `value` in hexadecimal with a 0x prefix.
inline std::string hex(std::uint64_t value) {
    std::ostringstream s;
    s << "0x" << std::hex << value;
    return s.str();
}

/// BAD_DESCRIPTOR for a file field that does not hold what it must.
inline FileStatus bad_field(const std::string& path, const char* field, std::uint64_t actual, const std::string& expected) {
    return file_error(ErrorKind::BAD_DESCRIPTOR,
                      path + ": " + field + " is " + std::to_string(actual) + " (" + hex(actual) + "), expected " + expected);
}

/// The name of a layout function's status.
inline const char* layout_status_name(::abic::LayoutStatus status) {
    switch (status) {
        case ::abic::LayoutStatus::OK: return "OK";
        case ::abic::LayoutStatus::REQUIREMENT_FAILED: return "REQUIREMENT_FAILED";
        case ::abic::LayoutStatus::ARITHMETIC_OVERFLOW: return "ARITHMETIC_OVERFLOW";
        case ::abic::LayoutStatus::DIVISION_BY_ZERO: return "DIVISION_BY_ZERO";
        case ::abic::LayoutStatus::SECTION_OVERLAP: return "SECTION_OVERLAP";
        case ::abic::LayoutStatus::SECTION_MISALIGNED: return "SECTION_MISALIGNED";
    }
    return "UNKNOWN";
}

/// Bits of a packed magic_version that hold the minor version (the minor constant's type).
constexpr std::uint64_t ORCH_MINOR_MASK =
        std::numeric_limits<std::remove_cv_t<decltype(simpler::orch::L3L2_ORCH_COMM_ABI_MINOR)>>::max();

/// Size of a mailbox file: the ShmMailboxFile rounded up to whole pages.
inline std::uint64_t mailbox_file_bytes() {
    std::uint64_t bytes = 0;
    ::abic::detail::align_up(sizeof(abic_shm::ShmMailboxFile), abic_shm::SHM_FILE_PAGE_BYTES, &bytes);
    return bytes;
}

/// Builds a file of `bytes` bytes at `path`: a temporary file next to it (created exclusively),
/// sized and allocated, mapped, zeroed, given its header (`kind`) and body (`fill(base)`), then
/// linked as `path` (failing if `path` exists) and the temporary name removed. Nothing is left
/// behind on failure.
template <class Fill>
FileResult<Mapping> create_file(const std::string& path, std::uint64_t bytes, abic_shm::ShmFileKind kind, Fill&& fill) {
    if (bytes > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max()) ||
        bytes > std::numeric_limits<std::size_t>::max()) {
        return file_error(ErrorKind::BAD_ARGUMENT, path + ": a file of " + std::to_string(bytes) + " bytes is too large");
    }
    std::string temp = path + ".XXXXXX";
    std::vector<char> name(temp.begin(), temp.end());
    name.push_back('\0');
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
        return system_error(temp, "mkostemp", errno);
    }
    temp.assign(name.data());
    const auto fail = [&](const char* call, int error) {
        ::close(fd);
        ::unlink(temp.c_str());
        return FileResult<Mapping>(system_error(temp, call, error));
    };
    if (::ftruncate(fd, static_cast<off_t>(bytes)) != 0) {
        return fail("ftruncate", errno);
    }
    const int allocated = ::posix_fallocate(fd, 0, static_cast<off_t>(bytes));
    if (allocated != 0) {
        return fail("posix_fallocate", allocated);
    }
    void* address = ::mmap(nullptr, static_cast<std::size_t>(bytes), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (address == MAP_FAILED) {
        return fail("mmap", errno);
    }
    Mapping mapping(address, static_cast<std::size_t>(bytes));
    std::memset(mapping.data(), 0, mapping.size());
    abic_shm::ShmFileHeader header{};
    header.magic = abic_shm::SHM_FILE_MAGIC;
    header.version = abic_shm::SHM_FILE_VERSION;
    header.kind = kind;
    header.file_bytes = bytes;
    header.creator_pid = static_cast<std::int64_t>(::getpid());
    std::memcpy(mapping.data(), &header, sizeof(header));
    fill(mapping.data());
    if (::link(temp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return FileResult<Mapping>(system_error(path, "link", error));
    }
    ::unlink(temp.c_str());
    ::close(fd);
    return FileResult<Mapping>(std::move(mapping));
}

/// Opens and maps the whole file at `path` read-write, and checks its header: the file holds at
/// least a header, and magic, version, `kind` and file_bytes (== the file's size) are right.
inline FileResult<Mapping> map_file(const std::string& path, abic_shm::ShmFileKind kind, abic_shm::ShmFileHeader* header) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return system_error(path, "open", errno);
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        const int error = errno;
        ::close(fd);
        return system_error(path, "fstat", error);
    }
    const std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
    if (size < sizeof(abic_shm::ShmFileHeader)) {
        ::close(fd);
        return file_error(ErrorKind::BAD_DESCRIPTOR, path + ": the file is " + std::to_string(size) +
                                                             " bytes, smaller than its header");
    }
    void* address = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    const int error = errno;
    ::close(fd);
    if (address == MAP_FAILED) {
        return system_error(path, "mmap", error);
    }
    Mapping mapping(address, static_cast<std::size_t>(size));
    std::memcpy(header, mapping.data(), sizeof(*header));
    if (header->magic != abic_shm::SHM_FILE_MAGIC) {
        return bad_field(path, "header.magic", header->magic, hex(abic_shm::SHM_FILE_MAGIC) + " (SHM_FILE_MAGIC)");
    }
    if (header->version != abic_shm::SHM_FILE_VERSION) {
        return bad_field(path, "header.version", header->version, std::to_string(abic_shm::SHM_FILE_VERSION));
    }
    if (header->kind != kind) {
        return bad_field(path, "header.kind", static_cast<std::uint64_t>(header->kind),
                         std::to_string(static_cast<std::uint64_t>(kind)));
    }
    if (header->file_bytes != size) {
        return bad_field(path, "header.file_bytes", header->file_bytes, "the file size " + std::to_string(size));
    }
    return FileResult<Mapping>(std::move(mapping));
}

/// Checks a queue file's task arguments against the file: region magic and major version,
/// region_id, payload and counter ranges where the ShmQueueFile layout for the region's
/// payload_bytes puts them, that layout's total equal to file_bytes, and the queue arguments
/// (exact magic_version, a region layout that computes, payload_bytes and counter_bytes that match
/// it and the region).
inline FileStatus check_task_args(const std::string& path, const simpler::l3l2::L3L2QueueTaskArgs& args,
                                  std::uint64_t file_bytes) {
    namespace orch = simpler::orch;
    namespace l3l2 = simpler::l3l2;
    const orch::L3L2OrchRegionDesc& region = args.region;
    if ((region.magic_version | ORCH_MINOR_MASK) != (orch::L3L2_ORCH_COMM_MAGIC_VERSION | ORCH_MINOR_MASK)) {
        return bad_field(path, "args.region.magic_version", region.magic_version,
                         "the magic and major version of " + hex(orch::L3L2_ORCH_COMM_MAGIC_VERSION));
    }
    if (region.region_id == 0) {
        return bad_field(path, "args.region.region_id", region.region_id, "a non-zero id");
    }
    abic_shm::ShmQueueFileLayout file;
    const ::abic::LayoutStatus file_status = abic_shm::compute_shm_queue_file_layout(region.payload_bytes, &file);
    if (file_status != ::abic::LayoutStatus::OK) {
        return bad_field(path, "args.region.payload_bytes", region.payload_bytes,
                         std::string("a size the ShmQueueFile layout accepts (") + layout_status_name(file_status) + ")");
    }
    if (region.payload_base != file.payload_offset) {
        return bad_field(path, "args.region.payload_base", region.payload_base, std::to_string(file.payload_offset));
    }
    if (region.counter_base != file.counters_offset) {
        return bad_field(path, "args.region.counter_base", region.counter_base, std::to_string(file.counters_offset));
    }
    if (region.counter_bytes != file.counters_bytes) {
        return bad_field(path, "args.region.counter_bytes", region.counter_bytes, std::to_string(file.counters_bytes));
    }
    if (file.total_bytes != file_bytes) {
        return bad_field(path, "header.file_bytes", file_bytes,
                         std::to_string(file.total_bytes) + ", the ShmQueueFile layout's total for args.region.payload_bytes");
    }
    const l3l2::L3L2QueueArgs& queue = args.queue;
    if (queue.magic_version != l3l2::L3L2_QUEUE_MAGIC_VERSION) {
        return bad_field(path, "args.queue.magic_version", queue.magic_version,
                         hex(l3l2::L3L2_QUEUE_MAGIC_VERSION) + " (L3L2_QUEUE_MAGIC_VERSION)");
    }
    l3l2::L3L2QueueRegionLayout layout;
    const ::abic::LayoutStatus queue_status = l3l2::compute_l3_l2_queue_region_layout(
            queue.depth, queue.input_arena_bytes, queue.output_arena_bytes, &layout);
    if (queue_status != ::abic::LayoutStatus::OK) {
        return file_error(ErrorKind::BAD_DESCRIPTOR,
                          path + ": args.queue.depth " + std::to_string(queue.depth) + ", input_arena_bytes " +
                                  std::to_string(queue.input_arena_bytes) + " and output_arena_bytes " +
                                  std::to_string(queue.output_arena_bytes) + " give no queue layout (" +
                                  layout_status_name(queue_status) + ")");
    }
    if (queue.payload_bytes != layout.total_bytes) {
        return bad_field(path, "args.queue.payload_bytes", queue.payload_bytes,
                         std::to_string(layout.total_bytes) + ", the queue layout's total");
    }
    if (queue.payload_bytes != region.payload_bytes) {
        return bad_field(path, "args.region.payload_bytes", region.payload_bytes,
                         std::to_string(queue.payload_bytes) + ", args.queue.payload_bytes");
    }
    if (queue.counter_bytes != l3l2::L3L2_QUEUE_COUNTER_BYTES || queue.counter_bytes != region.counter_bytes) {
        return bad_field(path, "args.queue.counter_bytes", queue.counter_bytes,
                         std::to_string(l3l2::L3L2_QUEUE_COUNTER_BYTES) + " (L3L2_QUEUE_COUNTER_BYTES)");
    }
    return FileStatus{};
}

}  // namespace detail

/// Creates the queue file `path` for a queue of `depth` slots per ring and the two arena sizes:
/// header (kind L3L2_QUEUE), task arguments (region magic_version, region_id
/// SHM_FILE_QUEUE_REGION_ID, payload and counter ranges as file offsets; the queue arguments),
/// zeroed counters and payload. BAD_ARGUMENT when the sizes give no layout or a system call fails.
inline FileResult<QueueFile> create_queue_file(const std::string& path, std::uint64_t depth,
                                               std::uint64_t input_arena_bytes, std::uint64_t output_arena_bytes) {
    namespace l3l2 = simpler::l3l2;
    l3l2::L3L2QueueRegionLayout region;
    const ::abic::LayoutStatus region_status =
            l3l2::compute_l3_l2_queue_region_layout(depth, input_arena_bytes, output_arena_bytes, &region);
    if (region_status != ::abic::LayoutStatus::OK) {
        return detail::file_error(ErrorKind::BAD_ARGUMENT,
                                  path + ": depth " + std::to_string(depth) + ", input arena " +
                                          std::to_string(input_arena_bytes) + " and output arena " +
                                          std::to_string(output_arena_bytes) + " give no queue layout (" +
                                          detail::layout_status_name(region_status) + ")");
    }
    abic_shm::ShmQueueFileLayout file;
    const ::abic::LayoutStatus file_status = abic_shm::compute_shm_queue_file_layout(region.total_bytes, &file);
    if (file_status != ::abic::LayoutStatus::OK) {
        return detail::file_error(ErrorKind::BAD_ARGUMENT, path + ": a payload of " + std::to_string(region.total_bytes) +
                                                                   " bytes gives no file layout (" +
                                                                   detail::layout_status_name(file_status) + ")");
    }
    l3l2::L3L2QueueTaskArgs args{};
    args.region.magic_version = simpler::orch::L3L2_ORCH_COMM_MAGIC_VERSION;
    args.region.region_id = abic_shm::SHM_FILE_QUEUE_REGION_ID;
    args.region.payload_base = file.payload_offset;
    args.region.payload_bytes = file.payload_bytes;
    args.region.counter_base = file.counters_offset;
    args.region.counter_bytes = file.counters_bytes;
    args.queue.magic_version = l3l2::L3L2_QUEUE_MAGIC_VERSION;
    args.queue.depth = depth;
    args.queue.input_arena_bytes = input_arena_bytes;
    args.queue.output_arena_bytes = output_arena_bytes;
    args.queue.payload_bytes = region.total_bytes;
    args.queue.counter_bytes = l3l2::L3L2_QUEUE_COUNTER_BYTES;
    FileResult<Mapping> created =
            detail::create_file(path, file.total_bytes, abic_shm::ShmFileKind::L3L2_QUEUE,
                                [&](unsigned char* base) { std::memcpy(base + file.args_offset, &args, sizeof(args)); });
    if (!created.ok()) {
        return created.status();
    }
    abic_shm::ShmFileHeader header;
    std::memcpy(&header, created.value().data(), sizeof(header));
    return QueueFile(std::move(created.value()), header, args);
}

/// Opens the queue file `path` and validates its header (kind L3L2_QUEUE) and task arguments
/// against the file. BAD_DESCRIPTOR names the first field that is wrong.
inline FileResult<QueueFile> open_queue_file(const std::string& path) {
    abic_shm::ShmFileHeader header;
    FileResult<Mapping> mapped = detail::map_file(path, abic_shm::ShmFileKind::L3L2_QUEUE, &header);
    if (!mapped.ok()) {
        return mapped.status();
    }
    // The sections before the payload do not depend on its size: the smallest payload places them.
    abic_shm::ShmQueueFileLayout prefix{};
    abic_shm::compute_shm_queue_file_layout(1, &prefix);
    if (header.file_bytes < prefix.args_offset + prefix.args_bytes) {
        return detail::bad_field(path, "header.file_bytes", header.file_bytes, "room for the task arguments");
    }
    simpler::l3l2::L3L2QueueTaskArgs args;
    std::memcpy(&args, mapped.value().data() + prefix.args_offset, sizeof(args));
    const FileStatus checked = detail::check_task_args(path, args, header.file_bytes);
    if (!checked.ok()) {
        return checked;
    }
    return QueueFile(std::move(mapped.value()), header, args);
}

/// Creates the mailbox file `path`: header (kind CHIP_BOOTSTRAP_MAILBOX) and a zeroed (IDLE) page.
inline FileResult<MailboxFile> create_mailbox_file(const std::string& path) {
    FileResult<Mapping> created = detail::create_file(path, detail::mailbox_file_bytes(),
                                                      abic_shm::ShmFileKind::CHIP_BOOTSTRAP_MAILBOX, [](unsigned char*) {});
    if (!created.ok()) {
        return created.status();
    }
    abic_shm::ShmFileHeader header;
    std::memcpy(&header, created.value().data(), sizeof(header));
    return MailboxFile(std::move(created.value()), header);
}

/// Opens the mailbox file `path` and validates its header (kind CHIP_BOOTSTRAP_MAILBOX, file_bytes
/// the ShmMailboxFile rounded up to whole pages).
inline FileResult<MailboxFile> open_mailbox_file(const std::string& path) {
    abic_shm::ShmFileHeader header;
    FileResult<Mapping> mapped = detail::map_file(path, abic_shm::ShmFileKind::CHIP_BOOTSTRAP_MAILBOX, &header);
    if (!mapped.ok()) {
        return mapped.status();
    }
    if (header.file_bytes != detail::mailbox_file_bytes()) {
        return detail::bad_field(path, "header.file_bytes", header.file_bytes,
                                 std::to_string(detail::mailbox_file_bytes()) + ", a ShmMailboxFile in whole pages");
    }
    return MailboxFile(std::move(mapped.value()), header);
}

/// Removes the file `path` (mappings of it stay valid until unmapped).
inline FileStatus unlink_file(const std::string& path) {
    if (::unlink(path.c_str()) != 0) {
        return detail::system_error(path, "unlink", errno);
    }
    return FileStatus{};
}

}  // namespace abic_runtime

#endif  // ABIC_RUNTIME_SHM_FILE_HPP_
