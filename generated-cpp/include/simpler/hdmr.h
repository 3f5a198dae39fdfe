// Generated from hdmr.abi by abic; do not edit.
//
// Host/device mapped region (HDMR): one shared mapping that both the host and the device address,
// made of a small self-describing header, an array of cache-line signal slots and a data area.
// Signals are monotonic 32-bit counters; each slot has exactly one publisher.
#ifndef SIMPLER_HDMR_H_
#define SIMPLER_HDMR_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "abic/support.h"

namespace simpler {
namespace hdmr {

/// Value of HostDeviceMappedRegionHeader.magic: the ASCII letters "HDMR" packed into a 32-bit
/// integer with 'H' in the most significant byte (so the bytes in memory read "RMDH").
constexpr std::uint32_t HDMR_MAGIC = 0x48444D52u;

/// Value of HostDeviceMappedRegionHeader.version for the layout described here.
constexpr std::uint32_t HDMR_VERSION = 1u;

/// Alignment (and granule) of every part of a region: header, signal slots, data area and total size.
constexpr std::uint64_t HDMR_ALIGNMENT = 64u;

/// Byte distance between two consecutive signal slots; slot i lives at signal_offset + i * this.
constexpr std::uint64_t HDMR_SIGNAL_SLOT_STRIDE = 64u;

/// Public description of an open region, filled in by the owner of the mapping.
/// The producer zeroes the whole struct before filling it. When the description is relayed to a
/// process that does not own the mapping, the two host pointers are sent as 0.
struct HostDeviceMappedRegionInfo {
    /// Host virtual address of the data area (host base + data_offset); 0 when relayed.
    std::uint64_t host_data_ptr;
    /// Device virtual address of the data area.
    std::uint64_t device_data_ptr;
    /// Size of the data area as requested in the config.
    std::uint64_t data_bytes;
    /// Host virtual address of signal slot 0; 0 when relayed.
    std::uint64_t host_signal_ptr;
    /// Device virtual address of signal slot 0; device code addresses slot i at this + i * 64.
    std::uint64_t device_signal_ptr;
    /// Number of signal slots in the region.
    std::uint32_t signal_count;
    std::uint32_t reserved0;  ///< reserved: write zero
    /// Size of the whole mapping, header included.
    std::uint64_t total_bytes;
    /// Copy of the config flags; no flag is defined, so always 0.
    std::uint32_t flags;
    std::uint32_t reserved1;  ///< reserved: write zero
};
static_assert(sizeof(HostDeviceMappedRegionInfo) == 64, "HostDeviceMappedRegionInfo: size must be 64 (hdmr.abi:22)");
static_assert(alignof(HostDeviceMappedRegionInfo) == 8, "HostDeviceMappedRegionInfo: alignment must be 8 (hdmr.abi:22)");
static_assert(std::is_standard_layout<HostDeviceMappedRegionInfo>::value, "HostDeviceMappedRegionInfo: must be standard-layout (hdmr.abi:22)");
static_assert(std::is_trivially_copyable<HostDeviceMappedRegionInfo>::value, "HostDeviceMappedRegionInfo: must be trivially copyable (hdmr.abi:22)");
static_assert(offsetof(HostDeviceMappedRegionInfo, host_data_ptr) == 0, "HostDeviceMappedRegionInfo::host_data_ptr: offset must be 0 (hdmr.abi:24)");
static_assert(offsetof(HostDeviceMappedRegionInfo, device_data_ptr) == 8, "HostDeviceMappedRegionInfo::device_data_ptr: offset must be 8 (hdmr.abi:26)");
static_assert(offsetof(HostDeviceMappedRegionInfo, data_bytes) == 16, "HostDeviceMappedRegionInfo::data_bytes: offset must be 16 (hdmr.abi:28)");
static_assert(offsetof(HostDeviceMappedRegionInfo, host_signal_ptr) == 24, "HostDeviceMappedRegionInfo::host_signal_ptr: offset must be 24 (hdmr.abi:30)");
static_assert(offsetof(HostDeviceMappedRegionInfo, device_signal_ptr) == 32, "HostDeviceMappedRegionInfo::device_signal_ptr: offset must be 32 (hdmr.abi:32)");
static_assert(offsetof(HostDeviceMappedRegionInfo, signal_count) == 40, "HostDeviceMappedRegionInfo::signal_count: offset must be 40 (hdmr.abi:34)");
static_assert(offsetof(HostDeviceMappedRegionInfo, reserved0) == 44, "HostDeviceMappedRegionInfo::reserved0: offset must be 44 (hdmr.abi:35)");
static_assert(offsetof(HostDeviceMappedRegionInfo, total_bytes) == 48, "HostDeviceMappedRegionInfo::total_bytes: offset must be 48 (hdmr.abi:37)");
static_assert(offsetof(HostDeviceMappedRegionInfo, flags) == 56, "HostDeviceMappedRegionInfo::flags: offset must be 56 (hdmr.abi:39)");
static_assert(offsetof(HostDeviceMappedRegionInfo, reserved1) == 60, "HostDeviceMappedRegionInfo::reserved1: offset must be 60 (hdmr.abi:40)");

/// Parameters for opening a region. Valid only when data_bytes != 0, signal_count != 0 and
/// flags == 0; anything else is rejected with -EINVAL.
struct HostDeviceMappedRegionConfig {
    /// Requested size of the data area in bytes; must not be 0.
    std::uint64_t data_bytes;
    /// Requested number of signal slots; must not be 0.
    std::uint32_t signal_count;
    /// No flags are defined yet: must be 0.
    std::uint32_t flags;
};
static_assert(sizeof(HostDeviceMappedRegionConfig) == 16, "HostDeviceMappedRegionConfig: size must be 16 (hdmr.abi:45)");
static_assert(alignof(HostDeviceMappedRegionConfig) == 8, "HostDeviceMappedRegionConfig: alignment must be 8 (hdmr.abi:45)");
static_assert(std::is_standard_layout<HostDeviceMappedRegionConfig>::value, "HostDeviceMappedRegionConfig: must be standard-layout (hdmr.abi:45)");
static_assert(std::is_trivially_copyable<HostDeviceMappedRegionConfig>::value, "HostDeviceMappedRegionConfig: must be trivially copyable (hdmr.abi:45)");
static_assert(offsetof(HostDeviceMappedRegionConfig, data_bytes) == 0, "HostDeviceMappedRegionConfig::data_bytes: offset must be 0 (hdmr.abi:47)");
static_assert(offsetof(HostDeviceMappedRegionConfig, signal_count) == 8, "HostDeviceMappedRegionConfig::signal_count: offset must be 8 (hdmr.abi:49)");
static_assert(offsetof(HostDeviceMappedRegionConfig, flags) == 12, "HostDeviceMappedRegionConfig::flags: offset must be 12 (hdmr.abi:51)");

/// Header at offset 0 of the shared region. Written once by the opener (after zeroing the whole
/// region) and flushed together with the rest of the region; read-only afterwards.
struct alignas(64) HostDeviceMappedRegionHeader {
    /// HDMR_MAGIC.
    std::uint32_t magic;
    /// HDMR_VERSION.
    std::uint32_t version;
    /// Copy of the config flags (0).
    std::uint32_t flags;
    /// Number of signal slots following the header.
    std::uint32_t signal_count;
    /// Region offset of signal slot 0 (always 64, the header size).
    std::uint64_t signal_offset;
    /// Region offset of the data area: signal_offset + signal_count * 64, rounded up to 64.
    std::uint64_t data_offset;
    /// Size of the data area.
    std::uint64_t data_bytes;
    /// Size of the whole region: data_offset + data_bytes, rounded up to 64.
    std::uint64_t total_bytes;
    std::uint64_t reserved[2];  ///< reserved: write zero
};
static_assert(sizeof(HostDeviceMappedRegionHeader) == 64, "HostDeviceMappedRegionHeader: size must be 64 (hdmr.abi:56)");
static_assert(alignof(HostDeviceMappedRegionHeader) == 64, "HostDeviceMappedRegionHeader: alignment must be 64 (hdmr.abi:56)");
static_assert(std::is_standard_layout<HostDeviceMappedRegionHeader>::value, "HostDeviceMappedRegionHeader: must be standard-layout (hdmr.abi:56)");
static_assert(std::is_trivially_copyable<HostDeviceMappedRegionHeader>::value, "HostDeviceMappedRegionHeader: must be trivially copyable (hdmr.abi:56)");
static_assert(offsetof(HostDeviceMappedRegionHeader, magic) == 0, "HostDeviceMappedRegionHeader::magic: offset must be 0 (hdmr.abi:58)");
static_assert(offsetof(HostDeviceMappedRegionHeader, version) == 4, "HostDeviceMappedRegionHeader::version: offset must be 4 (hdmr.abi:60)");
static_assert(offsetof(HostDeviceMappedRegionHeader, flags) == 8, "HostDeviceMappedRegionHeader::flags: offset must be 8 (hdmr.abi:62)");
static_assert(offsetof(HostDeviceMappedRegionHeader, signal_count) == 12, "HostDeviceMappedRegionHeader::signal_count: offset must be 12 (hdmr.abi:64)");
static_assert(offsetof(HostDeviceMappedRegionHeader, signal_offset) == 16, "HostDeviceMappedRegionHeader::signal_offset: offset must be 16 (hdmr.abi:66)");
static_assert(offsetof(HostDeviceMappedRegionHeader, data_offset) == 24, "HostDeviceMappedRegionHeader::data_offset: offset must be 24 (hdmr.abi:68)");
static_assert(offsetof(HostDeviceMappedRegionHeader, data_bytes) == 32, "HostDeviceMappedRegionHeader::data_bytes: offset must be 32 (hdmr.abi:70)");
static_assert(offsetof(HostDeviceMappedRegionHeader, total_bytes) == 40, "HostDeviceMappedRegionHeader::total_bytes: offset must be 40 (hdmr.abi:72)");
static_assert(offsetof(HostDeviceMappedRegionHeader, reserved) == 48, "HostDeviceMappedRegionHeader::reserved: offset must be 48 (hdmr.abi:73)");

/// One signal word alone on its own 64-byte line. A slot has a single publisher (host or
/// device, never both; by convention slot 0 carries host-to-device and slot 1 device-to-host).
/// All slots start at 0.
struct alignas(64) HostDeviceMappedRegionSignalSlot {
    /// Monotonic counter. notify stores a value that is not smaller than the current one and is
    /// the release point for the publisher's earlier writes; a wait that observes
    /// value >= target is the acquire point for the waiter's later reads. No wrap-around handling.
    std::uint32_t value;  ///< atomic: load_value_acquire(), store_value_release()
    std::uint32_t reserved0;  ///< reserved: write zero
    std::uint64_t reserved[7];  ///< reserved: write zero
};
static_assert(sizeof(HostDeviceMappedRegionSignalSlot) == 64, "HostDeviceMappedRegionSignalSlot: size must be 64 (hdmr.abi:79)");
static_assert(alignof(HostDeviceMappedRegionSignalSlot) == 64, "HostDeviceMappedRegionSignalSlot: alignment must be 64 (hdmr.abi:79)");
static_assert(std::is_standard_layout<HostDeviceMappedRegionSignalSlot>::value, "HostDeviceMappedRegionSignalSlot: must be standard-layout (hdmr.abi:79)");
static_assert(std::is_trivially_copyable<HostDeviceMappedRegionSignalSlot>::value, "HostDeviceMappedRegionSignalSlot: must be trivially copyable (hdmr.abi:79)");
static_assert(offsetof(HostDeviceMappedRegionSignalSlot, value) == 0, "HostDeviceMappedRegionSignalSlot::value: offset must be 0 (hdmr.abi:83)");
static_assert(offsetof(HostDeviceMappedRegionSignalSlot, reserved0) == 4, "HostDeviceMappedRegionSignalSlot::reserved0: offset must be 4 (hdmr.abi:84)");
static_assert(offsetof(HostDeviceMappedRegionSignalSlot, reserved) == 8, "HostDeviceMappedRegionSignalSlot::reserved: offset must be 8 (hdmr.abi:85)");

/// Loads HostDeviceMappedRegionSignalSlot::value with acquire ordering.
ABIC_HD inline std::uint32_t load_value_acquire(const HostDeviceMappedRegionSignalSlot* s) {
    return ::abic::detail::load_acquire(&s->value);
}
/// Stores HostDeviceMappedRegionSignalSlot::value with release ordering.
ABIC_HD inline void store_value_release(HostDeviceMappedRegionSignalSlot* s, std::uint32_t value) {
    ::abic::detail::store_release(&s->value, value);
}
/// Replaces HostDeviceMappedRegionSignalSlot::value with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_value(HostDeviceMappedRegionSignalSlot* s, std::uint32_t* expected, std::uint32_t desired) {
    return ::abic::detail::compare_exchange(&s->value, expected, desired);
}

/// The shared region: header, signal_count slots, then the data area; every part starts on a
/// 64-byte boundary and the total is rounded up to 64. Example: 2 signals and 256 data bytes give
/// signals at 64, data at 192 and a total of 448 bytes.
///
/// Offsets and sizes in bytes of the sections of a HostDeviceMappedRegion; see compute_host_device_mapped_region_layout().
struct HostDeviceMappedRegionLayout {
    /// Written by the opener; see HostDeviceMappedRegionHeader.
    std::uint64_t header_offset;
    std::uint64_t header_bytes;
    /// Signal slot i at offset 64 + i * 64.
    std::uint64_t signals_offset;
    std::uint64_t signals_bytes;
    /// Application data; datacopy ranges must satisfy offset <= data_bytes and
    /// nbytes <= data_bytes - offset.
    std::uint64_t data_offset;
    std::uint64_t data_bytes;
    std::uint64_t total_bytes;
};

/// Computes the placement of a HostDeviceMappedRegion for the given parameters, every step checked for unsigned
/// 64-bit overflow. Returns ::abic::LayoutStatus::OK and fills `*out`, or the reason it cannot and
/// leaves `*out` untouched.
ABIC_HD ABIC_CONSTEXPR14 inline ::abic::LayoutStatus compute_host_device_mapped_region_layout(
        std::uint64_t signal_count,
        std::uint64_t data_bytes,
        HostDeviceMappedRegionLayout* out) {
    // require signal_count != 0  (hdmr.abi:92)
    if (!(signal_count != 0u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    // require signal_count <= 0xFFFF_FFFF  (hdmr.abi:93)
    if (!(signal_count <= 4294967295u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    // require data_bytes != 0  (hdmr.abi:94)
    if (!(data_bytes != 0u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    HostDeviceMappedRegionLayout result_ = {};
    std::uint64_t cursor_ = 0u;
    // header: HostDeviceMappedRegionHeader  (hdmr.abi:96)
    result_.header_bytes = 64u;
    result_.header_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.header_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // signals: HostDeviceMappedRegionSignalSlot[signal_count]  (hdmr.abi:98)
    if (!::abic::detail::mul(signal_count, 64u, &result_.signals_bytes)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.signals_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.signals_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // data: bytes[data_bytes] align 64  (hdmr.abi:101)
    result_.data_bytes = data_bytes;
    result_.data_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.data_bytes, &cursor_)) {
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

/// Worker-mailbox control sub-command: open a mapped region.
constexpr std::uint64_t CTRL_OPEN_MAPPED_REGION = 12u;

/// Worker-mailbox control sub-command: close a mapped region.
constexpr std::uint64_t CTRL_CLOSE_MAPPED_REGION = 13u;

/// Worker-mailbox control sub-command: report a region's HostDeviceMappedRegionInfo.
constexpr std::uint64_t CTRL_MAPPED_REGION_INFO = 14u;

/// Worker-mailbox control sub-command: copy host bytes into the region's data area.
constexpr std::uint64_t CTRL_MAPPED_REGION_DATACOPY_H2REGION = 15u;

/// Worker-mailbox control sub-command: copy bytes out of the region's data area to the host.
constexpr std::uint64_t CTRL_MAPPED_REGION_DATACOPY_REGION2H = 16u;

/// Worker-mailbox control sub-command: publish a signal value.
constexpr std::uint64_t CTRL_MAPPED_REGION_NOTIFY = 17u;

/// Worker-mailbox control sub-command: wait for a signal value.
constexpr std::uint64_t CTRL_MAPPED_REGION_WAIT = 18u;

/// Value of HostDeviceMappedRegionDatacopyHeader.version.
constexpr std::uint16_t HMRD_VERSION = 1u;

/// The "HMRD" byte-string magic of the datacopy header read as a little-endian u32
/// (bytes 'H' 'M' 'R' 'D'). Not the same as HDMR_MAGIC.
constexpr std::uint32_t HMRD_MAGIC_LE32 = 0x44524D48u;

/// Operation requested in a datacopy header.
enum class HostDeviceMappedRegionDatacopyOp : std::uint16_t {
    /// Return the region description; a 64-byte HostDeviceMappedRegionInfo (host pointers zeroed)
    /// follows the header.
    INFO = 1u,
    /// Copy the nbytes of payload following the header into the data area at offset.
    H2REGION = 2u,
    /// Copy nbytes from the data area at offset into the payload following the header.
    REGION2H = 3u,
};

/// Header at the start of the datacopy shared-memory object, followed by the operation's payload.
/// The parent fills the request fields; the child performs the operation and writes status.
struct HostDeviceMappedRegionDatacopyHeader {
    /// The four bytes "HMRD" (no terminating NUL).
    char magic[4];
    /// HMRD_VERSION.
    std::uint16_t version;
    /// Requested operation.
    HostDeviceMappedRegionDatacopyOp op;
    /// Region handle the operation applies to.
    std::uint64_t region;
    /// Byte offset in the region's data area.
    std::uint64_t offset;
    /// Number of payload bytes.
    std::uint64_t nbytes;
    /// Result written by the child: 0 or a negative errno.
    std::int32_t status;
    /// Must be 0.
    std::uint32_t reserved0;  ///< reserved: write zero
    std::uint8_t reserved1[24];  ///< reserved: write zero
};
static_assert(sizeof(HostDeviceMappedRegionDatacopyHeader) == 64, "HostDeviceMappedRegionDatacopyHeader: size must be 64 (hdmr.abi:148)");
static_assert(alignof(HostDeviceMappedRegionDatacopyHeader) == 8, "HostDeviceMappedRegionDatacopyHeader: alignment must be 8 (hdmr.abi:148)");
static_assert(std::is_standard_layout<HostDeviceMappedRegionDatacopyHeader>::value, "HostDeviceMappedRegionDatacopyHeader: must be standard-layout (hdmr.abi:148)");
static_assert(std::is_trivially_copyable<HostDeviceMappedRegionDatacopyHeader>::value, "HostDeviceMappedRegionDatacopyHeader: must be trivially copyable (hdmr.abi:148)");
static_assert(offsetof(HostDeviceMappedRegionDatacopyHeader, magic) == 0, "HostDeviceMappedRegionDatacopyHeader::magic: offset must be 0 (hdmr.abi:150)");
static_assert(offsetof(HostDeviceMappedRegionDatacopyHeader, version) == 4, "HostDeviceMappedRegionDatacopyHeader::version: offset must be 4 (hdmr.abi:152)");
static_assert(offsetof(HostDeviceMappedRegionDatacopyHeader, op) == 6, "HostDeviceMappedRegionDatacopyHeader::op: offset must be 6 (hdmr.abi:154)");
static_assert(offsetof(HostDeviceMappedRegionDatacopyHeader, region) == 8, "HostDeviceMappedRegionDatacopyHeader::region: offset must be 8 (hdmr.abi:156)");
static_assert(offsetof(HostDeviceMappedRegionDatacopyHeader, offset) == 16, "HostDeviceMappedRegionDatacopyHeader::offset: offset must be 16 (hdmr.abi:158)");
static_assert(offsetof(HostDeviceMappedRegionDatacopyHeader, nbytes) == 24, "HostDeviceMappedRegionDatacopyHeader::nbytes: offset must be 24 (hdmr.abi:160)");
static_assert(offsetof(HostDeviceMappedRegionDatacopyHeader, status) == 32, "HostDeviceMappedRegionDatacopyHeader::status: offset must be 32 (hdmr.abi:162)");
static_assert(offsetof(HostDeviceMappedRegionDatacopyHeader, reserved0) == 36, "HostDeviceMappedRegionDatacopyHeader::reserved0: offset must be 36 (hdmr.abi:164)");
static_assert(offsetof(HostDeviceMappedRegionDatacopyHeader, reserved1) == 40, "HostDeviceMappedRegionDatacopyHeader::reserved1: offset must be 40 (hdmr.abi:165)");

/// The length of the text in HostDeviceMappedRegionDatacopyHeader::magic: up to its first NUL, never more than 4.
ABIC_HD inline std::size_t magic_length(const HostDeviceMappedRegionDatacopyHeader* s) {
    std::size_t n = 0;
    while (n < 4u && s->magic[n] != '\0') {
        ++n;
    }
    return n;
}

}  // namespace hdmr
}  // namespace simpler

#endif  // SIMPLER_HDMR_H_
