// Generated from shm_file.abi by abic; do not edit.
//
// Shared-memory files of the abic runtime: a file in /dev/shm (or an anonymous shared mapping)
// that a host process and a peer process map at the same time. Every file starts with a 64-byte
// header that says what the file holds and how big it is; the body follows. The creator sizes and
// zeroes the file, writes the body and the header under a temporary name, and only then renames
// it to its final name, so a process that opens the file never sees it half built.
#ifndef ABIC_SHM_H_
#define ABIC_SHM_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "abic/support.h"
#include "simpler/l3l2.h"
#include "simpler/bootstrap.h"

namespace abic_shm {

/// First eight bytes of every file: the ASCII letters "abicSHM1" in memory order (little-endian).
constexpr std::uint64_t SHM_FILE_MAGIC = 0x314D485363696261ull;

/// Version of this file format; an opener accepts only this value.
constexpr std::uint32_t SHM_FILE_VERSION = 1u;

/// Size of the header.
constexpr std::uint64_t SHM_FILE_HEADER_BYTES = 64u;

/// Files are sized in whole pages of this many bytes.
constexpr std::uint64_t SHM_FILE_PAGE_BYTES = 4096u;

/// Region identifier of the single queue region a queue file holds (0 is never a valid id).
constexpr std::uint64_t SHM_FILE_QUEUE_REGION_ID = 1u;

/// What the body of a file is.
enum class ShmFileKind : std::uint32_t {
    /// Never valid in a published header.
    INVALID = 0u,
    /// An L3-L2 message queue: see ShmQueueFile.
    L3L2_QUEUE = 1u,
    /// A chip bootstrap mailbox page (version 2): see ShmMailboxFile.
    CHIP_BOOTSTRAP_MAILBOX = 2u,
};

/// Header at offset 0 of every file. Written once by the creator before the file gets its final
/// name; read-only afterwards. An opener checks magic, version, kind and that file_bytes equals
/// the size of the file it mapped.
struct ShmFileHeader {
    /// SHM_FILE_MAGIC.
    std::uint64_t magic;
    /// SHM_FILE_VERSION.
    std::uint32_t version;
    /// What the body holds.
    ShmFileKind kind;
    /// Size of the whole file, header included; a multiple of SHM_FILE_PAGE_BYTES.
    std::uint64_t file_bytes;
    /// Process id of the creator, for diagnostics only.
    std::int64_t creator_pid;
    std::uint64_t reserved[4];  ///< reserved: write zero
};
static_assert(sizeof(ShmFileHeader) == 64, "ShmFileHeader: size must be 64 (shm_file.abi:38)");
static_assert(alignof(ShmFileHeader) == 8, "ShmFileHeader: alignment must be 8 (shm_file.abi:38)");
static_assert(std::is_standard_layout<ShmFileHeader>::value, "ShmFileHeader: must be standard-layout (shm_file.abi:38)");
static_assert(std::is_trivially_copyable<ShmFileHeader>::value, "ShmFileHeader: must be trivially copyable (shm_file.abi:38)");
static_assert(offsetof(ShmFileHeader, magic) == 0, "ShmFileHeader::magic: offset must be 0 (shm_file.abi:40)");
static_assert(offsetof(ShmFileHeader, version) == 8, "ShmFileHeader::version: offset must be 8 (shm_file.abi:42)");
static_assert(offsetof(ShmFileHeader, kind) == 12, "ShmFileHeader::kind: offset must be 12 (shm_file.abi:44)");
static_assert(offsetof(ShmFileHeader, file_bytes) == 16, "ShmFileHeader::file_bytes: offset must be 16 (shm_file.abi:46)");
static_assert(offsetof(ShmFileHeader, creator_pid) == 24, "ShmFileHeader::creator_pid: offset must be 24 (shm_file.abi:48)");
static_assert(offsetof(ShmFileHeader, reserved) == 32, "ShmFileHeader::reserved: offset must be 32 (shm_file.abi:49)");

/// A queue file: the header, the twelve task scalars an L2 endpoint receives (with the region's
/// payload_base and counter_base given as offsets into this file), the six-counter block, and the
/// payload range that holds the L3L2QueueRegion (descriptor rings and arenas).
///
/// Offsets and sizes in bytes of the sections of a ShmQueueFile; see compute_shm_queue_file_layout().
struct ShmQueueFileLayout {
    /// What the file is.
    std::uint64_t header_offset;
    std::uint64_t header_bytes;
    /// Region descriptor and queue arguments, as an L2 endpoint would receive them.
    std::uint64_t args_offset;
    std::uint64_t args_bytes;
    /// The counter range: head, tail and abort counters, one per 64-byte line.
    std::uint64_t counters_offset;
    std::uint64_t counters_bytes;
    /// The payload range: an L3L2QueueRegion for the depth and arena sizes in args.
    std::uint64_t payload_offset;
    std::uint64_t payload_bytes;
    std::uint64_t total_bytes;
};

/// Computes the placement of a ShmQueueFile for the given parameters, every step checked for unsigned
/// 64-bit overflow. Returns ::abic::LayoutStatus::OK and fills `*out`, or the reason it cannot and
/// leaves `*out` untouched.
ABIC_HD ABIC_CONSTEXPR14 inline ::abic::LayoutStatus compute_shm_queue_file_layout(
        std::uint64_t payload_bytes,
        ShmQueueFileLayout* out) {
    // require payload_bytes > 0  (shm_file.abi:56)
    if (!(payload_bytes > 0u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    ShmQueueFileLayout result_ = {};
    std::uint64_t cursor_ = 0u;
    // header: ShmFileHeader  (shm_file.abi:58)
    result_.header_bytes = 64u;
    result_.header_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.header_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // args: L3L2QueueTaskArgs  (shm_file.abi:60)
    result_.args_bytes = 96u;
    result_.args_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.args_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // counters: L3L2QueueCounters  (shm_file.abi:62)
    result_.counters_bytes = 384u;
    if (!::abic::detail::align_up(cursor_, 64u, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.counters_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.counters_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // payload: bytes[payload_bytes] align 64  (shm_file.abi:64)
    result_.payload_bytes = payload_bytes;
    result_.payload_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.payload_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // total size rounded up to 4096
    if (!::abic::detail::align_up(cursor_, 4096u, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.total_bytes = cursor_;
    *out = result_;
    return ::abic::LayoutStatus::OK;
}

/// A mailbox file: the header, then one chip bootstrap mailbox page (version 2).
struct ShmMailboxFile {
    /// What the file is.
    ShmFileHeader header;
    /// The mailbox page; its `state` is the only synchronising word.
    ::simpler::bootstrap::ChipBootstrapMailboxV2 mailbox;
};
static_assert(sizeof(ShmMailboxFile) == 4160, "ShmMailboxFile: size must be 4160 (shm_file.abi:68)");
static_assert(alignof(ShmMailboxFile) == 8, "ShmMailboxFile: alignment must be 8 (shm_file.abi:68)");
static_assert(std::is_standard_layout<ShmMailboxFile>::value, "ShmMailboxFile: must be standard-layout (shm_file.abi:68)");
static_assert(std::is_trivially_copyable<ShmMailboxFile>::value, "ShmMailboxFile: must be trivially copyable (shm_file.abi:68)");
static_assert(offsetof(ShmMailboxFile, header) == 0, "ShmMailboxFile::header: offset must be 0 (shm_file.abi:70)");
static_assert(offsetof(ShmMailboxFile, mailbox) == 64, "ShmMailboxFile::mailbox: offset must be 64 (shm_file.abi:72)");

}  // namespace abic_shm

#endif  // ABIC_SHM_H_
