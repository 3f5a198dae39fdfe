// Generated from chip_bootstrap.abi by abic; do not edit.
//
// Chip bootstrap mailbox: a one-shot 4 KiB shared page that a parent process allocates for each
// chip child. The child reports the outcome of its bootstrap exactly once (SUCCESS with the
// communicator details, or ERROR with a message); the parent polls `state`.
// Two versions existed: v1 (one communicator) and v2 (up to 8 named domains).
#ifndef SIMPLER_BOOTSTRAP_H_
#define SIMPLER_BOOTSTRAP_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "abic/support.h"

namespace simpler {
namespace bootstrap {

/// Size of the whole mailbox page.
constexpr std::uint32_t CHIP_BOOTSTRAP_MAILBOX_SIZE = 4096u;

/// Size of the fixed header at the start of the page (state, error code, counts, ...).
constexpr std::uint32_t CHIP_BOOTSTRAP_HEADER_SIZE = 64u;

/// Capacity of the error text at the end of the page, terminating NUL included.
constexpr std::uint32_t CHIP_BOOTSTRAP_ERROR_MSG_SIZE = 1024u;

/// Page offset of `state` (both versions).
constexpr std::uint32_t CHIP_BOOTSTRAP_OFF_STATE = 0u;

/// Page offset of `error_code` (both versions).
constexpr std::uint32_t CHIP_BOOTSTRAP_OFF_ERROR_CODE = 4u;

/// Page offset of the error text (both versions): the last ERROR_MSG_SIZE bytes of the page.
constexpr std::uint32_t CHIP_BOOTSTRAP_OFF_ERROR_MSG = 3072u;  // CHIP_BOOTSTRAP_MAILBOX_SIZE - CHIP_BOOTSTRAP_ERROR_MSG_SIZE

/// v1: number of buffer pointers that fit between the header and the error text (376).
constexpr std::uint32_t CHIP_BOOTSTRAP_V1_PTR_CAPACITY = 376u;  // (CHIP_BOOTSTRAP_MAILBOX_SIZE - CHIP_BOOTSTRAP_HEADER_SIZE - CHIP_BOOTSTRAP_ERROR_MSG_SIZE) / 8

/// v2: maximum number of domain records on a page.
constexpr std::uint32_t CHIP_BOOTSTRAP_MAX_DOMAINS = 8u;

/// v2: capacity of a domain name, terminating NUL included (so names are 1 to 31 bytes).
constexpr std::uint32_t CHIP_BOOTSTRAP_DOMAIN_NAME_SIZE = 32u;

/// v2: size of one domain record.
constexpr std::uint32_t CHIP_BOOTSTRAP_DOMAIN_RECORD_SIZE = 80u;

/// v2: page offset of `domain_count`.
constexpr std::uint32_t CHIP_BOOTSTRAP_OFF_DOMAIN_COUNT = 8u;

/// v2: old name of CHIP_BOOTSTRAP_OFF_DOMAIN_COUNT, kept for compatibility with v1 readers.
constexpr std::uint32_t CHIP_BOOTSTRAP_OFF_BUFFER_COUNT = 8u;  // CHIP_BOOTSTRAP_OFF_DOMAIN_COUNT

/// v2: page offset of domain record 0; record i is at this + i * DOMAIN_RECORD_SIZE.
constexpr std::uint32_t CHIP_BOOTSTRAP_OFF_DOMAIN_RECORDS = 64u;  // CHIP_BOOTSTRAP_HEADER_SIZE

/// v2: page offset of the shared buffer-pointer pool, right after the last domain record (704).
constexpr std::uint32_t CHIP_BOOTSTRAP_OFF_BUFFER_PTRS = 704u;  // CHIP_BOOTSTRAP_OFF_DOMAIN_RECORDS + CHIP_BOOTSTRAP_MAX_DOMAINS * CHIP_BOOTSTRAP_DOMAIN_RECORD_SIZE

/// v2: number of buffer pointers in the shared pool, which fills the space up to the error text (296).
constexpr std::uint32_t CHIP_BOOTSTRAP_V2_PTR_CAPACITY = 296u;  // (CHIP_BOOTSTRAP_OFF_ERROR_MSG - CHIP_BOOTSTRAP_OFF_BUFFER_PTRS) / 8

/// Life cycle of a mailbox page. The parent resets the page (zeroes it, then stores IDLE); the child
/// moves it once to SUCCESS or ERROR.
enum class ChipBootstrapMailboxState : std::int32_t {
    /// Nothing reported yet.
    IDLE = 0,
    /// Bootstrap succeeded; the payload fields are valid.
    SUCCESS = 1,
    /// Bootstrap failed; error_code and error_msg are valid.
    ERROR = 2,
};

/// Version 1 page: a single communicator.
/// The child writes every payload field with plain stores, then publishes `state` with a release
/// store; the parent reads `state` with an acquire load and only then reads the payload.
struct ChipBootstrapMailboxV1 {
    /// The only synchronising word; see ChipBootstrapMailboxState.
    std::int32_t state;  ///< atomic ChipBootstrapMailboxState: load_state_acquire(), store_state_release()
    /// Free-form failure code (the Python writers use 1); meaningful when state is ERROR.
    std::int32_t error_code;
    /// Number of valid entries in buffer_ptrs. Untrusted: v1 readers clamp a value below 0 to 0
    /// and a value above their capacity to the capacity.
    std::int32_t buffer_count;  ///< untrusted: read with read_buffer_count_checked()
    std::uint32_t reserved0;  ///< reserved: write zero
    /// Device context of the communicator.
    std::uint64_t device_ctx;
    /// Base address of this chip's local communication window.
    std::uint64_t local_window_base;
    /// Size of the window that was actually allocated.
    std::uint64_t actual_window_size;
    std::uint64_t reserved1[3];  ///< reserved: write zero
    /// Device addresses of the communicator's buffers.
    std::uint64_t buffer_ptrs[376];
    /// NUL-terminated failure text; writers truncate to 1023 bytes, readers never read past 1024.
    char error_msg[1024];
};
static_assert(sizeof(ChipBootstrapMailboxV1) == 4096, "ChipBootstrapMailboxV1: size must be 4096 (chip_bootstrap.abi:57)");
static_assert(alignof(ChipBootstrapMailboxV1) == 8, "ChipBootstrapMailboxV1: alignment must be 8 (chip_bootstrap.abi:57)");
static_assert(std::is_standard_layout<ChipBootstrapMailboxV1>::value, "ChipBootstrapMailboxV1: must be standard-layout (chip_bootstrap.abi:57)");
static_assert(std::is_trivially_copyable<ChipBootstrapMailboxV1>::value, "ChipBootstrapMailboxV1: must be trivially copyable (chip_bootstrap.abi:57)");
static_assert(offsetof(ChipBootstrapMailboxV1, state) == 0, "ChipBootstrapMailboxV1::state: offset must be 0 (chip_bootstrap.abi:59)");
static_assert(offsetof(ChipBootstrapMailboxV1, error_code) == 4, "ChipBootstrapMailboxV1::error_code: offset must be 4 (chip_bootstrap.abi:61)");
static_assert(offsetof(ChipBootstrapMailboxV1, buffer_count) == 8, "ChipBootstrapMailboxV1::buffer_count: offset must be 8 (chip_bootstrap.abi:64)");
static_assert(offsetof(ChipBootstrapMailboxV1, reserved0) == 12, "ChipBootstrapMailboxV1::reserved0: offset must be 12 (chip_bootstrap.abi:65)");
static_assert(offsetof(ChipBootstrapMailboxV1, device_ctx) == 16, "ChipBootstrapMailboxV1::device_ctx: offset must be 16 (chip_bootstrap.abi:67)");
static_assert(offsetof(ChipBootstrapMailboxV1, local_window_base) == 24, "ChipBootstrapMailboxV1::local_window_base: offset must be 24 (chip_bootstrap.abi:69)");
static_assert(offsetof(ChipBootstrapMailboxV1, actual_window_size) == 32, "ChipBootstrapMailboxV1::actual_window_size: offset must be 32 (chip_bootstrap.abi:71)");
static_assert(offsetof(ChipBootstrapMailboxV1, reserved1) == 40, "ChipBootstrapMailboxV1::reserved1: offset must be 40 (chip_bootstrap.abi:72)");
static_assert(offsetof(ChipBootstrapMailboxV1, buffer_ptrs) == 64, "ChipBootstrapMailboxV1::buffer_ptrs: offset must be 64 (chip_bootstrap.abi:74)");
static_assert(offsetof(ChipBootstrapMailboxV1, error_msg) == 3072, "ChipBootstrapMailboxV1::error_msg: offset must be 3072 (chip_bootstrap.abi:76)");

/// Loads ChipBootstrapMailboxV1::state with acquire ordering.
ABIC_HD inline ChipBootstrapMailboxState load_state_acquire(const ChipBootstrapMailboxV1* s) {
    return static_cast<ChipBootstrapMailboxState>(::abic::detail::load_acquire(&s->state));
}
/// Stores ChipBootstrapMailboxV1::state with release ordering.
ABIC_HD inline void store_state_release(ChipBootstrapMailboxV1* s, ChipBootstrapMailboxState value) {
    ::abic::detail::store_release(&s->state, static_cast<std::int32_t>(value));
}
/// Replaces ChipBootstrapMailboxV1::state with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_state(ChipBootstrapMailboxV1* s, std::int32_t* expected, ChipBootstrapMailboxState desired) {
    return ::abic::detail::compare_exchange(&s->state, expected, static_cast<std::int32_t>(desired));
}

/// Reads ChipBootstrapMailboxV1::buffer_count once and accepts it only in 0..376 (the capacity of buffer_ptrs).
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_buffer_count_checked(const ChipBootstrapMailboxV1* s, std::int32_t* out) {
    const std::int32_t value = *static_cast<const volatile std::int32_t*>(&s->buffer_count);
    if (value < 0 || value > 376) {
        return false;
    }
    *out = value;
    return true;
}

/// The length of the text in ChipBootstrapMailboxV1::error_msg: up to its first NUL, never more than 1024.
ABIC_HD inline std::size_t error_msg_length(const ChipBootstrapMailboxV1* s) {
    std::size_t n = 0;
    while (n < 1024u && s->error_msg[n] != '\0') {
        ++n;
    }
    return n;
}

/// Version 2 description of one communication domain. Every value is untrusted: readers reject a
/// record whose name is empty, unterminated or duplicated, whose rank is outside
/// 0..domain_size-1, or whose pointer range falls outside the shared pool.
struct ChipBootstrapDomainRecord {
    /// NUL-terminated domain name, 1 to 31 bytes; unique within the page.
    char name[32];
    /// This chip's rank in the domain: 0 <= domain_rank < domain_size.
    std::int32_t domain_rank;
    /// Number of ranks in the domain; must be > 0.
    std::int32_t domain_size;
    /// Number of buffer pointers of this domain in the page's shared pool.
    std::int32_t buffer_count;  ///< untrusted: read with read_buffer_count_checked()
    /// Index (in elements) of this domain's first pointer in the shared pool;
    /// ptr_offset + buffer_count must not exceed CHIP_BOOTSTRAP_V2_PTR_CAPACITY.
    std::int32_t ptr_offset;  ///< untrusted: read with read_ptr_offset_checked()
    /// Device context of the domain's communicator.
    std::uint64_t device_ctx;
    /// Base address of this chip's local window in the domain.
    std::uint64_t local_window_base;
    /// Size of the window that was actually allocated.
    std::uint64_t actual_window_size;
    std::uint64_t reserved0;  ///< reserved: write zero
};
static_assert(sizeof(ChipBootstrapDomainRecord) == 80, "ChipBootstrapDomainRecord: size must be 80 (chip_bootstrap.abi:82)");
static_assert(alignof(ChipBootstrapDomainRecord) == 8, "ChipBootstrapDomainRecord: alignment must be 8 (chip_bootstrap.abi:82)");
static_assert(std::is_standard_layout<ChipBootstrapDomainRecord>::value, "ChipBootstrapDomainRecord: must be standard-layout (chip_bootstrap.abi:82)");
static_assert(std::is_trivially_copyable<ChipBootstrapDomainRecord>::value, "ChipBootstrapDomainRecord: must be trivially copyable (chip_bootstrap.abi:82)");
static_assert(offsetof(ChipBootstrapDomainRecord, name) == 0, "ChipBootstrapDomainRecord::name: offset must be 0 (chip_bootstrap.abi:84)");
static_assert(offsetof(ChipBootstrapDomainRecord, domain_rank) == 32, "ChipBootstrapDomainRecord::domain_rank: offset must be 32 (chip_bootstrap.abi:86)");
static_assert(offsetof(ChipBootstrapDomainRecord, domain_size) == 36, "ChipBootstrapDomainRecord::domain_size: offset must be 36 (chip_bootstrap.abi:88)");
static_assert(offsetof(ChipBootstrapDomainRecord, buffer_count) == 40, "ChipBootstrapDomainRecord::buffer_count: offset must be 40 (chip_bootstrap.abi:90)");
static_assert(offsetof(ChipBootstrapDomainRecord, ptr_offset) == 44, "ChipBootstrapDomainRecord::ptr_offset: offset must be 44 (chip_bootstrap.abi:93)");
static_assert(offsetof(ChipBootstrapDomainRecord, device_ctx) == 48, "ChipBootstrapDomainRecord::device_ctx: offset must be 48 (chip_bootstrap.abi:95)");
static_assert(offsetof(ChipBootstrapDomainRecord, local_window_base) == 56, "ChipBootstrapDomainRecord::local_window_base: offset must be 56 (chip_bootstrap.abi:97)");
static_assert(offsetof(ChipBootstrapDomainRecord, actual_window_size) == 64, "ChipBootstrapDomainRecord::actual_window_size: offset must be 64 (chip_bootstrap.abi:99)");
static_assert(offsetof(ChipBootstrapDomainRecord, reserved0) == 72, "ChipBootstrapDomainRecord::reserved0: offset must be 72 (chip_bootstrap.abi:100)");

/// Reads ChipBootstrapDomainRecord::buffer_count once and accepts it only in 0..296.
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_buffer_count_checked(const ChipBootstrapDomainRecord* s, std::int32_t* out) {
    const std::int32_t value = *static_cast<const volatile std::int32_t*>(&s->buffer_count);
    if (value < 0 || value > 296) {
        return false;
    }
    *out = value;
    return true;
}

/// Reads ChipBootstrapDomainRecord::ptr_offset once and accepts it only in 0..296.
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_ptr_offset_checked(const ChipBootstrapDomainRecord* s, std::int32_t* out) {
    const std::int32_t value = *static_cast<const volatile std::int32_t*>(&s->ptr_offset);
    if (value < 0 || value > 296) {
        return false;
    }
    *out = value;
    return true;
}

/// The length of the text in ChipBootstrapDomainRecord::name: up to its first NUL, never more than 32.
ABIC_HD inline std::size_t name_length(const ChipBootstrapDomainRecord* s) {
    std::size_t n = 0;
    while (n < 32u && s->name[n] != '\0') {
        ++n;
    }
    return n;
}

/// Version 2 page: up to CHIP_BOOTSTRAP_MAX_DOMAINS domains sharing one pool of buffer pointers.
/// Publication follows the same rule as v1 (payload first, then a release store of `state`); on
/// success the writer zeroes bytes 8..3071 before filling them. Readers reject (rather than clamp)
/// any out-of-range value.
struct ChipBootstrapMailboxV2 {
    /// The only synchronising word; see ChipBootstrapMailboxState.
    std::int32_t state;  ///< atomic ChipBootstrapMailboxState: load_state_acquire(), store_state_release()
    /// Free-form failure code (the Python writers use 1); meaningful when state is ERROR.
    std::int32_t error_code;
    /// Number of valid domain records, 0 to CHIP_BOOTSTRAP_MAX_DOMAINS (untrusted).
    std::int32_t domain_count;  ///< untrusted: read with read_domain_count_checked()
    std::uint8_t reserved0[52];  ///< reserved: write zero
    /// Domain records; only the first domain_count are meaningful.
    ChipBootstrapDomainRecord domain_records[8];
    /// Shared pool of buffer device addresses; each record owns the slice
    /// [ptr_offset, ptr_offset + buffer_count).
    std::uint64_t buffer_ptrs[296];
    /// NUL-terminated failure text; writers truncate to 1023 bytes, readers never read past 1024.
    char error_msg[1024];
};
static_assert(sizeof(ChipBootstrapMailboxV2) == 4096, "ChipBootstrapMailboxV2: size must be 4096 (chip_bootstrap.abi:107)");
static_assert(alignof(ChipBootstrapMailboxV2) == 8, "ChipBootstrapMailboxV2: alignment must be 8 (chip_bootstrap.abi:107)");
static_assert(std::is_standard_layout<ChipBootstrapMailboxV2>::value, "ChipBootstrapMailboxV2: must be standard-layout (chip_bootstrap.abi:107)");
static_assert(std::is_trivially_copyable<ChipBootstrapMailboxV2>::value, "ChipBootstrapMailboxV2: must be trivially copyable (chip_bootstrap.abi:107)");
static_assert(offsetof(ChipBootstrapMailboxV2, state) == 0, "ChipBootstrapMailboxV2::state: offset must be 0 (chip_bootstrap.abi:109)");
static_assert(offsetof(ChipBootstrapMailboxV2, error_code) == 4, "ChipBootstrapMailboxV2::error_code: offset must be 4 (chip_bootstrap.abi:111)");
static_assert(offsetof(ChipBootstrapMailboxV2, domain_count) == 8, "ChipBootstrapMailboxV2::domain_count: offset must be 8 (chip_bootstrap.abi:113)");
static_assert(offsetof(ChipBootstrapMailboxV2, reserved0) == 12, "ChipBootstrapMailboxV2::reserved0: offset must be 12 (chip_bootstrap.abi:114)");
static_assert(offsetof(ChipBootstrapMailboxV2, domain_records) == 64, "ChipBootstrapMailboxV2::domain_records: offset must be 64 (chip_bootstrap.abi:116)");
static_assert(offsetof(ChipBootstrapMailboxV2, buffer_ptrs) == 704, "ChipBootstrapMailboxV2::buffer_ptrs: offset must be 704 (chip_bootstrap.abi:119)");
static_assert(offsetof(ChipBootstrapMailboxV2, error_msg) == 3072, "ChipBootstrapMailboxV2::error_msg: offset must be 3072 (chip_bootstrap.abi:121)");

/// Loads ChipBootstrapMailboxV2::state with acquire ordering.
ABIC_HD inline ChipBootstrapMailboxState load_state_acquire(const ChipBootstrapMailboxV2* s) {
    return static_cast<ChipBootstrapMailboxState>(::abic::detail::load_acquire(&s->state));
}
/// Stores ChipBootstrapMailboxV2::state with release ordering.
ABIC_HD inline void store_state_release(ChipBootstrapMailboxV2* s, ChipBootstrapMailboxState value) {
    ::abic::detail::store_release(&s->state, static_cast<std::int32_t>(value));
}
/// Replaces ChipBootstrapMailboxV2::state with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_state(ChipBootstrapMailboxV2* s, std::int32_t* expected, ChipBootstrapMailboxState desired) {
    return ::abic::detail::compare_exchange(&s->state, expected, static_cast<std::int32_t>(desired));
}

/// Reads ChipBootstrapMailboxV2::domain_count once and accepts it only in 0..8.
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_domain_count_checked(const ChipBootstrapMailboxV2* s, std::int32_t* out) {
    const std::int32_t value = *static_cast<const volatile std::int32_t*>(&s->domain_count);
    if (value < 0 || value > 8) {
        return false;
    }
    *out = value;
    return true;
}

/// The length of the text in ChipBootstrapMailboxV2::error_msg: up to its first NUL, never more than 1024.
ABIC_HD inline std::size_t error_msg_length(const ChipBootstrapMailboxV2* s) {
    std::size_t n = 0;
    while (n < 1024u && s->error_msg[n] != '\0') {
        ++n;
    }
    return n;
}

}  // namespace bootstrap
}  // namespace simpler

#endif  // SIMPLER_BOOTSTRAP_H_
