// Generated from hdch.abi by abic; do not edit.
//
// Host-device channel (HDCH): message lanes in one shared region between a CPU host and an L2
// endpoint. Each lane is a single-producer single-consumer ring of fixed 320-byte descriptors with
// inline payload; lanes are grouped by direction (CPU to L2, then L2 to CPU) and senders spread
// messages over the lanes of their direction round robin.
#ifndef SIMPLER_HDCH_H_
#define SIMPLER_HDCH_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "abic/support.h"

namespace simpler {
namespace hdch {

/// Value of HostDeviceChannelHeader.magic: the ASCII letters "HDCH", first letter most significant
/// (bytes in memory read "HCDH").
constexpr std::uint32_t HDCH_MAGIC = 0x48444348u;

/// Value of HostDeviceChannelHeader.version.
constexpr std::uint32_t HDCH_VERSION = 1u;

/// Capacity of a descriptor's inline payload, and the largest message a channel can carry.
constexpr std::uint32_t HDCH_MAX_INLINE_BYTES = 256u;

/// Result codes of the channel API (negative errno values).
enum class HdchStatus : std::int32_t {
    OK = 0,
    /// No room to send / nothing to receive before the timeout (-EAGAIN).
    ERR_WOULD_BLOCK = -11,
    /// Bad argument, or a header whose magic or version does not match (-EINVAL).
    ERR_INVALID = -22,
    /// Message larger than max_message_bytes or HDCH_MAX_INLINE_BYTES (-EOVERFLOW).
    ERR_MSG_TOO_LARGE = -75,
    /// Mapping or copy failure in the backend (-EIO).
    ERR_BACKEND = -5,
};

/// Parameters for creating a channel. Valid when both lane counts are > 0, lane_depth is a
/// non-zero power of two and 0 < max_message_bytes <= HDCH_MAX_INLINE_BYTES.
struct HostDeviceChannelConfig {
    /// Number of lanes carrying messages from the CPU to L2.
    std::uint32_t lane_count_cpu_to_l2;
    /// Number of lanes carrying messages from L2 to the CPU.
    std::uint32_t lane_count_l2_to_cpu;
    /// Descriptors per lane; a power of two.
    std::uint32_t lane_depth;
    /// Largest message the channel accepts.
    std::uint32_t max_message_bytes;  ///< untrusted: read with read_max_message_bytes_checked()
    /// No flags are defined.
    std::uint32_t flags;
};
static_assert(sizeof(HostDeviceChannelConfig) == 20, "HostDeviceChannelConfig: size must be 20 (hdch.abi:30)");
static_assert(alignof(HostDeviceChannelConfig) == 4, "HostDeviceChannelConfig: alignment must be 4 (hdch.abi:30)");
static_assert(std::is_standard_layout<HostDeviceChannelConfig>::value, "HostDeviceChannelConfig: must be standard-layout (hdch.abi:30)");
static_assert(std::is_trivially_copyable<HostDeviceChannelConfig>::value, "HostDeviceChannelConfig: must be trivially copyable (hdch.abi:30)");
static_assert(offsetof(HostDeviceChannelConfig, lane_count_cpu_to_l2) == 0, "HostDeviceChannelConfig::lane_count_cpu_to_l2: offset must be 0 (hdch.abi:32)");
static_assert(offsetof(HostDeviceChannelConfig, lane_count_l2_to_cpu) == 4, "HostDeviceChannelConfig::lane_count_l2_to_cpu: offset must be 4 (hdch.abi:34)");
static_assert(offsetof(HostDeviceChannelConfig, lane_depth) == 8, "HostDeviceChannelConfig::lane_depth: offset must be 8 (hdch.abi:36)");
static_assert(offsetof(HostDeviceChannelConfig, max_message_bytes) == 12, "HostDeviceChannelConfig::max_message_bytes: offset must be 12 (hdch.abi:38)");
static_assert(offsetof(HostDeviceChannelConfig, flags) == 16, "HostDeviceChannelConfig::flags: offset must be 16 (hdch.abi:40)");

/// Reads HostDeviceChannelConfig::max_message_bytes once and accepts it only in 0..256.
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_max_message_bytes_checked(const HostDeviceChannelConfig* s, std::uint32_t* out) {
    const std::uint32_t value = *static_cast<const volatile std::uint32_t*>(&s->max_message_bytes);
    if (value > 256u) {
        return false;
    }
    *out = value;
    return true;
}

/// Header at offset 0 of the channel region, written once at initialisation (after the region is
/// zeroed). Every public call checks magic and version.
struct alignas(64) HostDeviceChannelHeader {
    /// HDCH_MAGIC.
    std::uint32_t magic;
    /// HDCH_VERSION.
    std::uint32_t version;
    /// Unused by the library.
    std::uint32_t flags;
    /// Number of CPU-to-L2 lanes.
    std::uint32_t lane_count_cpu_to_l2;
    /// Number of L2-to-CPU lanes.
    std::uint32_t lane_count_l2_to_cpu;
    /// Descriptors per lane (a power of two).
    std::uint32_t lane_depth;
    /// Largest message the channel accepts.
    std::uint32_t max_message_bytes;  ///< untrusted: read with read_max_message_bytes_checked()
    std::uint32_t reserved0;  ///< reserved: write zero
    /// Size of the whole region (the HostDeviceChannelRegion total).
    std::uint64_t control_bytes;
    /// Unused by the library.
    std::uint64_t fatal_status;
    std::uint64_t reserved[4];  ///< reserved: write zero
    /// Padding up to the 64-byte alignment of the header.
    std::uint64_t reserved_tail[6];  ///< reserved: write zero
};
static_assert(sizeof(HostDeviceChannelHeader) == 128, "HostDeviceChannelHeader: size must be 128 (hdch.abi:45)");
static_assert(alignof(HostDeviceChannelHeader) == 64, "HostDeviceChannelHeader: alignment must be 64 (hdch.abi:45)");
static_assert(std::is_standard_layout<HostDeviceChannelHeader>::value, "HostDeviceChannelHeader: must be standard-layout (hdch.abi:45)");
static_assert(std::is_trivially_copyable<HostDeviceChannelHeader>::value, "HostDeviceChannelHeader: must be trivially copyable (hdch.abi:45)");
static_assert(offsetof(HostDeviceChannelHeader, magic) == 0, "HostDeviceChannelHeader::magic: offset must be 0 (hdch.abi:47)");
static_assert(offsetof(HostDeviceChannelHeader, version) == 4, "HostDeviceChannelHeader::version: offset must be 4 (hdch.abi:49)");
static_assert(offsetof(HostDeviceChannelHeader, flags) == 8, "HostDeviceChannelHeader::flags: offset must be 8 (hdch.abi:51)");
static_assert(offsetof(HostDeviceChannelHeader, lane_count_cpu_to_l2) == 12, "HostDeviceChannelHeader::lane_count_cpu_to_l2: offset must be 12 (hdch.abi:53)");
static_assert(offsetof(HostDeviceChannelHeader, lane_count_l2_to_cpu) == 16, "HostDeviceChannelHeader::lane_count_l2_to_cpu: offset must be 16 (hdch.abi:55)");
static_assert(offsetof(HostDeviceChannelHeader, lane_depth) == 20, "HostDeviceChannelHeader::lane_depth: offset must be 20 (hdch.abi:57)");
static_assert(offsetof(HostDeviceChannelHeader, max_message_bytes) == 24, "HostDeviceChannelHeader::max_message_bytes: offset must be 24 (hdch.abi:59)");
static_assert(offsetof(HostDeviceChannelHeader, reserved0) == 28, "HostDeviceChannelHeader::reserved0: offset must be 28 (hdch.abi:60)");
static_assert(offsetof(HostDeviceChannelHeader, control_bytes) == 32, "HostDeviceChannelHeader::control_bytes: offset must be 32 (hdch.abi:62)");
static_assert(offsetof(HostDeviceChannelHeader, fatal_status) == 40, "HostDeviceChannelHeader::fatal_status: offset must be 40 (hdch.abi:64)");
static_assert(offsetof(HostDeviceChannelHeader, reserved) == 48, "HostDeviceChannelHeader::reserved: offset must be 48 (hdch.abi:65)");
static_assert(offsetof(HostDeviceChannelHeader, reserved_tail) == 80, "HostDeviceChannelHeader::reserved_tail: offset must be 80 (hdch.abi:67)");

/// Reads HostDeviceChannelHeader::max_message_bytes once and accepts it only in 0..256.
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_max_message_bytes_checked(const HostDeviceChannelHeader* s, std::uint32_t* out) {
    const std::uint32_t value = *static_cast<const volatile std::uint32_t*>(&s->max_message_bytes);
    if (value > 256u) {
        return false;
    }
    *out = value;
    return true;
}

/// Per-lane ring state, at the start of each lane and followed by lane_depth descriptors.
/// head and tail are free-running u32 counters compared with wrap-around arithmetic: the lane is
/// full when tail - head >= depth and empty when head == tail.
struct alignas(64) HostDeviceLaneHeader {
    /// Next descriptor to consume; written (release) only by the consumer after reading the slot.
    std::uint32_t head;  ///< atomic: load_head_acquire(), store_head_release()
    /// Next descriptor to fill; written (release) only by the producer after filling the slot.
    std::uint32_t tail;  ///< atomic: load_tail_acquire(), store_tail_release()
    /// Number of descriptors in the lane.
    std::uint32_t depth;
    /// depth - 1; slot index = counter & depth_mask.
    std::uint32_t depth_mask;
    /// Statistics; not used by the library.
    std::uint64_t dropped_count;
    /// Statistics; not used by the library.
    std::uint64_t blocked_count;
    std::uint64_t reserved[4];  ///< reserved: write zero
};
static_assert(sizeof(HostDeviceLaneHeader) == 64, "HostDeviceLaneHeader: size must be 64 (hdch.abi:73)");
static_assert(alignof(HostDeviceLaneHeader) == 64, "HostDeviceLaneHeader: alignment must be 64 (hdch.abi:73)");
static_assert(std::is_standard_layout<HostDeviceLaneHeader>::value, "HostDeviceLaneHeader: must be standard-layout (hdch.abi:73)");
static_assert(std::is_trivially_copyable<HostDeviceLaneHeader>::value, "HostDeviceLaneHeader: must be trivially copyable (hdch.abi:73)");
static_assert(offsetof(HostDeviceLaneHeader, head) == 0, "HostDeviceLaneHeader::head: offset must be 0 (hdch.abi:75)");
static_assert(offsetof(HostDeviceLaneHeader, tail) == 4, "HostDeviceLaneHeader::tail: offset must be 4 (hdch.abi:77)");
static_assert(offsetof(HostDeviceLaneHeader, depth) == 8, "HostDeviceLaneHeader::depth: offset must be 8 (hdch.abi:79)");
static_assert(offsetof(HostDeviceLaneHeader, depth_mask) == 12, "HostDeviceLaneHeader::depth_mask: offset must be 12 (hdch.abi:81)");
static_assert(offsetof(HostDeviceLaneHeader, dropped_count) == 16, "HostDeviceLaneHeader::dropped_count: offset must be 16 (hdch.abi:83)");
static_assert(offsetof(HostDeviceLaneHeader, blocked_count) == 24, "HostDeviceLaneHeader::blocked_count: offset must be 24 (hdch.abi:85)");
static_assert(offsetof(HostDeviceLaneHeader, reserved) == 32, "HostDeviceLaneHeader::reserved: offset must be 32 (hdch.abi:86)");

/// Loads HostDeviceLaneHeader::head with acquire ordering.
ABIC_HD inline std::uint32_t load_head_acquire(const HostDeviceLaneHeader* s) {
    return ::abic::detail::load_acquire(&s->head);
}
/// Stores HostDeviceLaneHeader::head with release ordering.
ABIC_HD inline void store_head_release(HostDeviceLaneHeader* s, std::uint32_t value) {
    ::abic::detail::store_release(&s->head, value);
}
/// Replaces HostDeviceLaneHeader::head with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_head(HostDeviceLaneHeader* s, std::uint32_t* expected, std::uint32_t desired) {
    return ::abic::detail::compare_exchange(&s->head, expected, desired);
}

/// Loads HostDeviceLaneHeader::tail with acquire ordering.
ABIC_HD inline std::uint32_t load_tail_acquire(const HostDeviceLaneHeader* s) {
    return ::abic::detail::load_acquire(&s->tail);
}
/// Stores HostDeviceLaneHeader::tail with release ordering.
ABIC_HD inline void store_tail_release(HostDeviceLaneHeader* s, std::uint32_t value) {
    ::abic::detail::store_release(&s->tail, value);
}
/// Replaces HostDeviceLaneHeader::tail with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_tail(HostDeviceLaneHeader* s, std::uint32_t* expected, std::uint32_t desired) {
    return ::abic::detail::compare_exchange(&s->tail, expected, desired);
}

/// One message slot of a lane. The producer fills it with plain stores before releasing `tail`.
struct alignas(64) HostDeviceDesc {
    /// Written as 0.
    std::uint32_t flags;
    /// Number of valid bytes in inline_data. Untrusted: a receiver treats a value above the
    /// capacity (or above its buffer) as an empty message and still consumes the slot.
    std::uint32_t payload_bytes;  ///< untrusted: read with read_payload_bytes_checked()
    /// The lane's tail value when the message was sent.
    std::uint64_t seq;
    /// Caller-defined request/response correlation value.
    std::uint64_t correlation_id;
    /// Caller-defined routing value.
    std::uint32_t route;
    std::uint32_t reserved0;  ///< reserved: write zero
    /// Message bytes.
    std::uint8_t inline_data[256];
    /// Padding up to the 64-byte alignment of the descriptor.
    std::uint64_t reserved_tail[4];  ///< reserved: write zero
};
static_assert(sizeof(HostDeviceDesc) == 320, "HostDeviceDesc: size must be 320 (hdch.abi:90)");
static_assert(alignof(HostDeviceDesc) == 64, "HostDeviceDesc: alignment must be 64 (hdch.abi:90)");
static_assert(std::is_standard_layout<HostDeviceDesc>::value, "HostDeviceDesc: must be standard-layout (hdch.abi:90)");
static_assert(std::is_trivially_copyable<HostDeviceDesc>::value, "HostDeviceDesc: must be trivially copyable (hdch.abi:90)");
static_assert(offsetof(HostDeviceDesc, flags) == 0, "HostDeviceDesc::flags: offset must be 0 (hdch.abi:92)");
static_assert(offsetof(HostDeviceDesc, payload_bytes) == 4, "HostDeviceDesc::payload_bytes: offset must be 4 (hdch.abi:95)");
static_assert(offsetof(HostDeviceDesc, seq) == 8, "HostDeviceDesc::seq: offset must be 8 (hdch.abi:97)");
static_assert(offsetof(HostDeviceDesc, correlation_id) == 16, "HostDeviceDesc::correlation_id: offset must be 16 (hdch.abi:99)");
static_assert(offsetof(HostDeviceDesc, route) == 24, "HostDeviceDesc::route: offset must be 24 (hdch.abi:101)");
static_assert(offsetof(HostDeviceDesc, reserved0) == 28, "HostDeviceDesc::reserved0: offset must be 28 (hdch.abi:102)");
static_assert(offsetof(HostDeviceDesc, inline_data) == 32, "HostDeviceDesc::inline_data: offset must be 32 (hdch.abi:104)");
static_assert(offsetof(HostDeviceDesc, reserved_tail) == 288, "HostDeviceDesc::reserved_tail: offset must be 288 (hdch.abi:106)");

/// Reads HostDeviceDesc::payload_bytes once and accepts it only in 0..256 (the capacity of inline_data).
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_payload_bytes_checked(const HostDeviceDesc* s, std::uint32_t* out) {
    const std::uint32_t value = *static_cast<const volatile std::uint32_t*>(&s->payload_bytes);
    if (value > 256u) {
        return false;
    }
    *out = value;
    return true;
}

/// The channel region: header, then every CPU-to-L2 lane, then every L2-to-CPU lane. A lane is a
/// HostDeviceLaneHeader followed by lane_depth HostDeviceDesc, so lane i of a direction starts at
/// that direction's offset + i * (64 + lane_depth * 320). Example: one lane each way with depth 16
/// takes 128 + 2 * 5184 = 10496 bytes.
///
/// Offsets and sizes in bytes of the sections of a HostDeviceChannelRegion; see compute_host_device_channel_region_layout().
struct HostDeviceChannelRegionLayout {
    /// See HostDeviceChannelHeader.
    std::uint64_t header_offset;
    std::uint64_t header_bytes;
    /// lane_count_cpu_to_l2 lanes.
    std::uint64_t cpu_to_l2_lanes_offset;
    std::uint64_t cpu_to_l2_lanes_bytes;
    /// lane_count_l2_to_cpu lanes.
    std::uint64_t l2_to_cpu_lanes_offset;
    std::uint64_t l2_to_cpu_lanes_bytes;
    std::uint64_t total_bytes;
};

/// Computes the placement of a HostDeviceChannelRegion for the given parameters, every step checked for unsigned
/// 64-bit overflow. Returns ::abic::LayoutStatus::OK and fills `*out`, or the reason it cannot and
/// leaves `*out` untouched.
ABIC_HD ABIC_CONSTEXPR14 inline ::abic::LayoutStatus compute_host_device_channel_region_layout(
        std::uint64_t lane_count_cpu_to_l2,
        std::uint64_t lane_count_l2_to_cpu,
        std::uint64_t lane_depth,
        HostDeviceChannelRegionLayout* out) {
    // require lane_count_cpu_to_l2 > 0 && lane_count_cpu_to_l2 <= 0xFFFF_FFFF  (hdch.abi:114)
    if (!(lane_count_cpu_to_l2 > 0u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    if (!(lane_count_cpu_to_l2 <= 4294967295u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    // require lane_count_l2_to_cpu > 0 && lane_count_l2_to_cpu <= 0xFFFF_FFFF  (hdch.abi:115)
    if (!(lane_count_l2_to_cpu > 0u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    if (!(lane_count_l2_to_cpu <= 4294967295u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    // require is_pow2(lane_depth) && lane_depth <= (1 << 31)  (hdch.abi:116)
    if (!(::abic::detail::is_pow2(lane_depth))) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    if (!(lane_depth <= 2147483648u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    HostDeviceChannelRegionLayout result_ = {};
    std::uint64_t cursor_ = 0u;
    // header: HostDeviceChannelHeader  (hdch.abi:118)
    result_.header_bytes = 128u;
    result_.header_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.header_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // cpu_to_l2_lanes: bytes[(lane_count_cpu_to_l2 * (64 + (lane_depth * 320)))] align 64  (hdch.abi:120)
    std::uint64_t t0_ = 0u;
    if (!::abic::detail::mul(lane_depth, 320u, &t0_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    std::uint64_t t1_ = 0u;
    if (!::abic::detail::add(64u, t0_, &t1_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    std::uint64_t t2_ = 0u;
    if (!::abic::detail::mul(lane_count_cpu_to_l2, t1_, &t2_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.cpu_to_l2_lanes_bytes = t2_;
    result_.cpu_to_l2_lanes_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.cpu_to_l2_lanes_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // l2_to_cpu_lanes: bytes[(lane_count_l2_to_cpu * (64 + (lane_depth * 320)))] align 64  (hdch.abi:123)
    std::uint64_t t3_ = 0u;
    if (!::abic::detail::mul(lane_depth, 320u, &t3_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    std::uint64_t t4_ = 0u;
    if (!::abic::detail::add(64u, t3_, &t4_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    std::uint64_t t5_ = 0u;
    if (!::abic::detail::mul(lane_count_l2_to_cpu, t4_, &t5_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.l2_to_cpu_lanes_bytes = t5_;
    if (!::abic::detail::align_up(cursor_, 64u, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.l2_to_cpu_lanes_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.l2_to_cpu_lanes_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // total size rounded up to 64
    if (!::abic::detail::align_up(cursor_, 64u, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.total_bytes = cursor_;
    *out = result_;
    return ::abic::LayoutStatus::OK;
}

}  // namespace hdch
}  // namespace simpler

#endif  // SIMPLER_HDCH_H_
