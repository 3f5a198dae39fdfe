// Generated from orch_comm.abi by abic; do not edit.
//
// L3-L2 orchestration communication region (ABI 2.0): a payload range plus a range of 32-bit
// counters that an L3 host process and an L2 AICPU endpoint share, described to L2 by six 64-bit
// task scalars, and the control wire the L3 parent uses to ask a chip child to create one.
#ifndef SIMPLER_ORCH_H_
#define SIMPLER_ORCH_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "abic/support.h"

namespace simpler {
namespace orch {

/// High 32 bits of every magic_version: the ASCII letters "L3L2", first letter most significant.
constexpr std::uint32_t L3L2_ORCH_COMM_MAGIC = 0x4C334C32u;

/// Major ABI version; readers accept a descriptor only when it matches.
constexpr std::uint16_t L3L2_ORCH_COMM_ABI_MAJOR = 2u;

/// Minor ABI version; not checked by descriptor validation, but checked by the create wire.
constexpr std::uint16_t L3L2_ORCH_COMM_ABI_MINOR = 0u;

/// Packed version word: magic in bits 63..32, major in bits 31..16, minor in bits 15..0.
constexpr std::uint64_t L3L2_ORCH_COMM_MAGIC_VERSION = 5490816148326973440ull;  // (L3L2_ORCH_COMM_MAGIC << 32) | (L3L2_ORCH_COMM_ABI_MAJOR << 16) | L3L2_ORCH_COMM_ABI_MINOR

/// Number of u64 task scalars that carry an L3L2OrchRegionDesc.
constexpr std::uint32_t L3L2_ORCH_REGION_DESC_SCALAR_COUNT = 6u;

/// Size of one counter word (an i32); counter_bytes is a multiple of it.
constexpr std::uint32_t L3L2_ORCH_COMM_COUNTER_BYTES = 4u;

/// Required alignment of counter_base. Protocols also keep one writer per 64-byte line.
constexpr std::uint64_t L3L2_ORCH_COMM_COUNTER_BASE_ALIGNMENT = 64u;

/// Worker-mailbox control sub-command: create a region (request and reply travel through two
/// shared-memory objects named in the mailbox arguments).
constexpr std::uint64_t CTRL_L3_L2_REGION_CREATE = 16u;

/// Worker-mailbox control sub-command: release a region (region_id passed as the first argument).
constexpr std::uint64_t CTRL_L3_L2_REGION_RELEASE = 17u;

/// Value that L3L2RegionCreateRequest.request_bytes must hold.
constexpr std::uint64_t L3L2_REGION_CREATE_REQUEST_BYTES = 32u;

/// Size of the create reply.
constexpr std::uint64_t L3L2_REGION_CREATE_REPLY_BYTES = 112u;

/// Describes one region to its L2 endpoint; passed as six u64 task scalars in field order.
/// Validation order (the first failure is reported): magic and major of magic_version
/// (BAD_MAGIC_VERSION), region_id (BAD_REGION_ID), payload range (BAD_PAYLOAD_RANGE), counter range
/// (BAD_COUNTER_RANGE). A base address of 0 is not by itself invalid.
struct L3L2OrchRegionDesc {
    /// L3L2_ORCH_COMM_MAGIC_VERSION; readers compare magic and major only.
    std::uint64_t magic_version;
    /// Region identifier assigned by the chip child (1, 2, 3, ...); 0 is never valid.
    std::uint64_t region_id;
    /// Device (GM) address of the payload range as seen by L2.
    std::uint64_t payload_base;
    /// Size of the payload range; non-zero and payload_base + payload_bytes must not overflow.
    std::uint64_t payload_bytes;
    /// Device (GM) address of the counter range; a multiple of 64, not overlapping the payload.
    std::uint64_t counter_base;
    /// Size of the counter range; non-zero and a multiple of 4.
    std::uint64_t counter_bytes;
};
static_assert(sizeof(L3L2OrchRegionDesc) == 48, "L3L2OrchRegionDesc: size must be 48 (orch_comm.abi:37)");
static_assert(alignof(L3L2OrchRegionDesc) == 8, "L3L2OrchRegionDesc: alignment must be 8 (orch_comm.abi:37)");
static_assert(std::is_standard_layout<L3L2OrchRegionDesc>::value, "L3L2OrchRegionDesc: must be standard-layout (orch_comm.abi:37)");
static_assert(std::is_trivially_copyable<L3L2OrchRegionDesc>::value, "L3L2OrchRegionDesc: must be trivially copyable (orch_comm.abi:37)");
static_assert(offsetof(L3L2OrchRegionDesc, magic_version) == 0, "L3L2OrchRegionDesc::magic_version: offset must be 0 (orch_comm.abi:39)");
static_assert(offsetof(L3L2OrchRegionDesc, region_id) == 8, "L3L2OrchRegionDesc::region_id: offset must be 8 (orch_comm.abi:41)");
static_assert(offsetof(L3L2OrchRegionDesc, payload_base) == 16, "L3L2OrchRegionDesc::payload_base: offset must be 16 (orch_comm.abi:43)");
static_assert(offsetof(L3L2OrchRegionDesc, payload_bytes) == 24, "L3L2OrchRegionDesc::payload_bytes: offset must be 24 (orch_comm.abi:45)");
static_assert(offsetof(L3L2OrchRegionDesc, counter_base) == 32, "L3L2OrchRegionDesc::counter_base: offset must be 32 (orch_comm.abi:47)");
static_assert(offsetof(L3L2OrchRegionDesc, counter_bytes) == 40, "L3L2OrchRegionDesc::counter_bytes: offset must be 40 (orch_comm.abi:49)");

/// How a notify changes a counter.
enum class L3L2OrchNotifyOp : std::uint32_t {
    /// Store the operand.
    SET = 0u,
    /// Add the operand with a plain (non-atomic) read-modify-write.
    ADD = 1u,
};

/// Comparison a test or wait applies between the counter and the operand, as signed 32-bit values.
enum class L3L2OrchWaitCmp : std::uint32_t {
    /// counter == operand
    EQ = 0u,
    /// counter != operand
    NE = 1u,
    /// counter > operand
    GT = 2u,
    /// counter >= operand
    GE = 3u,
    /// counter < operand
    LT = 4u,
    /// counter <= operand
    LE = 5u,
};

/// Outcome of validating a region descriptor or an access to it.
enum class L3L2OrchCommValidationError : std::uint32_t {
    OK = 0u,
    /// Magic or major version does not match.
    BAD_MAGIC_VERSION = 1u,
    /// region_id is 0.
    BAD_REGION_ID = 2u,
    /// payload_bytes is 0 or the payload range overflows.
    BAD_PAYLOAD_RANGE = 3u,
    /// Counter range empty, misaligned, not a multiple of 4, overflowing or overlapping the payload.
    BAD_COUNTER_RANGE = 4u,
    /// A payload or counter access falls outside its range.
    OUT_OF_BOUNDS = 5u,
    /// Fewer than six task scalars were supplied.
    BAD_SCALAR_COUNT = 6u,
    /// The scalar array pointer is null.
    NULL_POINTER = 7u,
};

/// Class of the first (sticky) error recorded by an L2 endpoint.
enum class L3L2EndpointErrorKind : std::uint32_t {
    NONE = 0u,
    BAD_DESCRIPTOR = 1u,
    OUT_OF_BOUNDS = 2u,
    SIGNAL_TIMEOUT = 3u,
    SIGNAL_PROTOCOL = 4u,
};

/// Endpoint operation during which an error was recorded.
enum class L3L2EndpointOp : std::uint32_t {
    INIT = 1u,
    COUNTER_ADDR = 2u,
    PAYLOAD_READ = 3u,
    PAYLOAD_WRITE = 4u,
    SIGNAL_NOTIFY = 5u,
    SIGNAL_TEST = 6u,
    SIGNAL_WAIT = 7u,
};

/// How the L3 parent reaches a region's memory.
enum class L3L2RegionAccessProfile : std::uint32_t {
    INVALID = 0u,
    /// On board: an exported VMM shareable handle that the host imports.
    ONBOARD_VMM = 1u,
    /// Simulation: a POSIX shared-memory object named in the reply.
    SIM_POSIX_SHM = 2u,
};

/// Region creation request, written by the L3 parent into the request shared-memory object.
struct L3L2RegionCreateRequest {
    /// Must equal L3L2_ORCH_COMM_MAGIC_VERSION exactly (minor included).
    std::uint64_t magic_version;
    /// Must equal L3L2_REGION_CREATE_REQUEST_BYTES (the size of this struct).
    std::uint64_t request_bytes;
    /// Requested payload size; must be > 0.
    std::uint64_t payload_bytes;
    /// Requested counter range size; must be > 0 and a multiple of 4.
    std::uint64_t counter_bytes;
};
static_assert(sizeof(L3L2RegionCreateRequest) == 32, "L3L2RegionCreateRequest: size must be 32 (orch_comm.abi:125)");
static_assert(alignof(L3L2RegionCreateRequest) == 8, "L3L2RegionCreateRequest: alignment must be 8 (orch_comm.abi:125)");
static_assert(std::is_standard_layout<L3L2RegionCreateRequest>::value, "L3L2RegionCreateRequest: must be standard-layout (orch_comm.abi:125)");
static_assert(std::is_trivially_copyable<L3L2RegionCreateRequest>::value, "L3L2RegionCreateRequest: must be trivially copyable (orch_comm.abi:125)");
static_assert(offsetof(L3L2RegionCreateRequest, magic_version) == 0, "L3L2RegionCreateRequest::magic_version: offset must be 0 (orch_comm.abi:127)");
static_assert(offsetof(L3L2RegionCreateRequest, request_bytes) == 8, "L3L2RegionCreateRequest::request_bytes: offset must be 8 (orch_comm.abi:129)");
static_assert(offsetof(L3L2RegionCreateRequest, payload_bytes) == 16, "L3L2RegionCreateRequest::payload_bytes: offset must be 16 (orch_comm.abi:131)");
static_assert(offsetof(L3L2RegionCreateRequest, counter_bytes) == 24, "L3L2RegionCreateRequest::counter_bytes: offset must be 24 (orch_comm.abi:133)");

/// Region creation reply, written by the chip child into the reply shared-memory object.
/// The parent checks: exact magic_version, region_id != 0, the expected access profile, non-empty
/// ranges, counter_base == payload_base + align_up(payload_bytes, 64) and 64-aligned, and
/// mapping_bytes == total (simulation) or >= total (on board). A rollback path reads
/// desc.region_id (offset 8) before anything else is decoded.
struct L3L2RegionCreateReply {
    /// Descriptor of the new region.
    L3L2OrchRegionDesc desc;
    /// How the parent must map the region.
    L3L2RegionAccessProfile access_profile;
    /// Written as 0.
    std::uint32_t reserved0;  ///< reserved: write zero
    /// Device the region lives on, or -1 when unknown.
    std::int32_t device_id;
    /// Simulation only: NUL-padded UTF-8 name of the POSIX shared-memory object backing the region.
    char backing_shm[32];
    std::uint32_t reserved1;  ///< reserved: write zero
    /// Size of the mapping the parent must create.
    std::uint64_t mapping_bytes;
    /// On board only: exported VMM shareable handle.
    std::uint64_t shareable_handle;
};
static_assert(sizeof(L3L2RegionCreateReply) == 112, "L3L2RegionCreateReply: size must be 112 (orch_comm.abi:141)");
static_assert(alignof(L3L2RegionCreateReply) == 8, "L3L2RegionCreateReply: alignment must be 8 (orch_comm.abi:141)");
static_assert(std::is_standard_layout<L3L2RegionCreateReply>::value, "L3L2RegionCreateReply: must be standard-layout (orch_comm.abi:141)");
static_assert(std::is_trivially_copyable<L3L2RegionCreateReply>::value, "L3L2RegionCreateReply: must be trivially copyable (orch_comm.abi:141)");
static_assert(offsetof(L3L2RegionCreateReply, desc) == 0, "L3L2RegionCreateReply::desc: offset must be 0 (orch_comm.abi:143)");
static_assert(offsetof(L3L2RegionCreateReply, access_profile) == 48, "L3L2RegionCreateReply::access_profile: offset must be 48 (orch_comm.abi:145)");
static_assert(offsetof(L3L2RegionCreateReply, reserved0) == 52, "L3L2RegionCreateReply::reserved0: offset must be 52 (orch_comm.abi:147)");
static_assert(offsetof(L3L2RegionCreateReply, device_id) == 56, "L3L2RegionCreateReply::device_id: offset must be 56 (orch_comm.abi:149)");
static_assert(offsetof(L3L2RegionCreateReply, backing_shm) == 60, "L3L2RegionCreateReply::backing_shm: offset must be 60 (orch_comm.abi:151)");
static_assert(offsetof(L3L2RegionCreateReply, reserved1) == 92, "L3L2RegionCreateReply::reserved1: offset must be 92 (orch_comm.abi:152)");
static_assert(offsetof(L3L2RegionCreateReply, mapping_bytes) == 96, "L3L2RegionCreateReply::mapping_bytes: offset must be 96 (orch_comm.abi:154)");
static_assert(offsetof(L3L2RegionCreateReply, shareable_handle) == 104, "L3L2RegionCreateReply::shareable_handle: offset must be 104 (orch_comm.abi:156)");

/// The length of the text in L3L2RegionCreateReply::backing_shm: up to its first NUL, never more than 32.
ABIC_HD inline std::size_t backing_shm_length(const L3L2RegionCreateReply* s) {
    std::size_t n = 0;
    while (n < 32u && s->backing_shm[n] != '\0') {
        ++n;
    }
    return n;
}

}  // namespace orch
}  // namespace simpler

#endif  // SIMPLER_ORCH_H_
