// Generated from all_constructs.abi by abic; do not edit.
//
// Every construct of the language, to pin the generated C++.
#ifndef GOLDEN_ALL_H_
#define GOLDEN_ALL_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "abic/support.h"
#include "golden/common.h"

namespace golden {
namespace all_constructs {

/// The magic, written in hex.
constexpr std::uint32_t MAGIC = 0x41424943u;

constexpr std::uint32_t CAPACITY = 504u;  // (4096 - 64) / 8

constexpr std::uint64_t PACKED = 0x4C334C3200010002ull;  // (0x4C334C32 << 32) | (1 << 16) | 2

constexpr std::int16_t MINUS = -12;

constexpr std::int64_t MIN64 = (-9223372036854775807ll - 1);  // -9223372036854775807 - 1

constexpr std::uint16_t TEXT_BYTES = 32u;

constexpr std::uint32_t PAIR_SIZE = 16u;  // sizeof(golden.common.Pair)

/// What a message carries.
enum class Opcode : std::uint64_t {
    /// Never valid.
    INVALID = 0u,
    DATA = 1u,
    STOP = 2u,
};

enum class Status : std::int32_t {
    OK = 0,
    WOULD_BLOCK = -11,
    INVALID_ARG = -22,
};

/// Properties of a region.
enum class Props : std::uint16_t {
    READ = 1u,
    WRITE = 2u,
    READ_WRITE = 0x3u,
};

ABIC_HD constexpr Props operator|(Props a, Props b) {
    return static_cast<Props>(static_cast<std::uint16_t>(a) | static_cast<std::uint16_t>(b));
}
ABIC_HD constexpr Props operator&(Props a, Props b) {
    return static_cast<Props>(static_cast<std::uint16_t>(a) & static_cast<std::uint16_t>(b));
}
ABIC_HD constexpr Props operator^(Props a, Props b) {
    return static_cast<Props>(static_cast<std::uint16_t>(a) ^ static_cast<std::uint16_t>(b));
}
ABIC_HD constexpr Props operator~(Props a) {
    return static_cast<Props>(static_cast<std::uint16_t>(~static_cast<std::uint16_t>(a)));
}
/// True when every flag of `flags` is set in `set`.
ABIC_HD constexpr bool has_flags(Props set, Props flags) {
    return (static_cast<std::uint16_t>(set) & static_cast<std::uint16_t>(flags)) == static_cast<std::uint16_t>(flags);
}

/// A record with one of everything.
struct alignas(16) Record {
    /// Written last, with release.
    std::uint64_t seq;  ///< atomic: load_seq_acquire(), store_seq_release()
    std::int32_t state;  ///< atomic Status: load_state_acquire(), store_state_release()
    std::uint32_t count;  ///< untrusted: read with read_count_checked()
    std::uint32_t items[4];
    Opcode opcode;
    Props props;
    std::uint8_t flag;  ///< bool: 0 or 1; a byte, since shared memory may hold any value
    ::golden::common::Small small;
    std::int8_t limit;  ///< untrusted: read with read_limit_checked()
    std::uint8_t reserved0[3];  ///< reserved: write zero
    ::golden::common::Pair pair;
    ::golden::common::Pair pairs[2];
    float ratio;
    std::uint32_t reserved1;  ///< reserved: write zero
    double precise;
    char name[32];
};
static_assert(sizeof(Record) == 144, "Record: size must be 144 (all_constructs.abi:36)");
static_assert(alignof(Record) == 16, "Record: alignment must be 16 (all_constructs.abi:36)");
static_assert(std::is_standard_layout<Record>::value, "Record: must be standard-layout (all_constructs.abi:36)");
static_assert(std::is_trivially_copyable<Record>::value, "Record: must be trivially copyable (all_constructs.abi:36)");
static_assert(offsetof(Record, seq) == 0, "Record::seq: offset must be 0 (all_constructs.abi:38)");
static_assert(offsetof(Record, state) == 8, "Record::state: offset must be 8 (all_constructs.abi:39)");
static_assert(offsetof(Record, count) == 12, "Record::count: offset must be 12 (all_constructs.abi:40)");
static_assert(offsetof(Record, items) == 16, "Record::items: offset must be 16 (all_constructs.abi:41)");
static_assert(offsetof(Record, opcode) == 32, "Record::opcode: offset must be 32 (all_constructs.abi:42)");
static_assert(offsetof(Record, props) == 40, "Record::props: offset must be 40 (all_constructs.abi:43)");
static_assert(offsetof(Record, flag) == 42, "Record::flag: offset must be 42 (all_constructs.abi:44)");
static_assert(offsetof(Record, small) == 43, "Record::small: offset must be 43 (all_constructs.abi:45)");
static_assert(offsetof(Record, limit) == 44, "Record::limit: offset must be 44 (all_constructs.abi:46)");
static_assert(offsetof(Record, reserved0) == 45, "Record::reserved0: offset must be 45 (all_constructs.abi:47)");
static_assert(offsetof(Record, pair) == 48, "Record::pair: offset must be 48 (all_constructs.abi:48)");
static_assert(offsetof(Record, pairs) == 64, "Record::pairs: offset must be 64 (all_constructs.abi:49)");
static_assert(offsetof(Record, ratio) == 96, "Record::ratio: offset must be 96 (all_constructs.abi:50)");
static_assert(offsetof(Record, reserved1) == 100, "Record::reserved1: offset must be 100 (all_constructs.abi:51)");
static_assert(offsetof(Record, precise) == 104, "Record::precise: offset must be 104 (all_constructs.abi:52)");
static_assert(offsetof(Record, name) == 112, "Record::name: offset must be 112 (all_constructs.abi:53)");

/// Loads Record::seq with acquire ordering.
ABIC_HD inline std::uint64_t load_seq_acquire(const Record* s) {
    return ::abic::detail::load_acquire(&s->seq);
}
/// Stores Record::seq with release ordering.
ABIC_HD inline void store_seq_release(Record* s, std::uint64_t value) {
    ::abic::detail::store_release(&s->seq, value);
}
/// Replaces Record::seq with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_seq(Record* s, std::uint64_t* expected, std::uint64_t desired) {
    return ::abic::detail::compare_exchange(&s->seq, expected, desired);
}

/// Loads Record::state with acquire ordering.
ABIC_HD inline Status load_state_acquire(const Record* s) {
    return static_cast<Status>(::abic::detail::load_acquire(&s->state));
}
/// Stores Record::state with release ordering.
ABIC_HD inline void store_state_release(Record* s, Status value) {
    ::abic::detail::store_release(&s->state, static_cast<std::int32_t>(value));
}
/// Replaces Record::state with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_state(Record* s, std::int32_t* expected, Status desired) {
    return ::abic::detail::compare_exchange(&s->state, expected, static_cast<std::int32_t>(desired));
}

/// Reads Record::count once and accepts it only in 0..4 (the capacity of items).
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_count_checked(const Record* s, std::uint32_t* out) {
    const std::uint32_t value = *static_cast<const volatile std::uint32_t*>(&s->count);
    if (value > 4u) {
        return false;
    }
    *out = value;
    return true;
}

/// Reads Record::limit once and accepts it only in 0..100.
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_limit_checked(const Record* s, std::int8_t* out) {
    const std::int8_t value = *static_cast<const volatile std::int8_t*>(&s->limit);
    if (value < 0 || value > 100) {
        return false;
    }
    *out = value;
    return true;
}

/// The length of the text in Record::name: up to its first NUL, never more than 32.
ABIC_HD inline std::size_t name_length(const Record* s) {
    std::size_t n = 0;
    while (n < 32u && s->name[n] != '\0') {
        ++n;
    }
    return n;
}

/// Capabilities, as a 32-bit set that can be updated atomically.
enum class Caps : std::uint32_t {
    FAST = 1u,
    SAFE = 16u,
};

ABIC_HD constexpr Caps operator|(Caps a, Caps b) {
    return static_cast<Caps>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
ABIC_HD constexpr Caps operator&(Caps a, Caps b) {
    return static_cast<Caps>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}
ABIC_HD constexpr Caps operator^(Caps a, Caps b) {
    return static_cast<Caps>(static_cast<std::uint32_t>(a) ^ static_cast<std::uint32_t>(b));
}
ABIC_HD constexpr Caps operator~(Caps a) {
    return static_cast<Caps>(static_cast<std::uint32_t>(~static_cast<std::uint32_t>(a)));
}
/// True when every flag of `flags` is set in `set`.
ABIC_HD constexpr bool has_flags(Caps set, Caps flags) {
    return (static_cast<std::uint32_t>(set) & static_cast<std::uint32_t>(flags)) == static_cast<std::uint32_t>(flags);
}

/// Arrays and atomics of the other kinds.
struct Extras {
    std::uint32_t caps;  ///< atomic Caps: load_caps_acquire(), store_caps_release()
    std::uint16_t levels;
    std::uint8_t tiny;
    std::uint8_t ok;  ///< bool: 0 or 1; a byte, since shared memory may hold any value
    std::uint8_t oks[4];  ///< bool: 0 or 1; a byte, since shared memory may hold any value
    ::golden::common::Small smalls[4];
    std::int64_t wide;
};
static_assert(sizeof(Extras) == 24, "Extras: size must be 24 (all_constructs.abi:60)");
static_assert(alignof(Extras) == 8, "Extras: alignment must be 8 (all_constructs.abi:60)");
static_assert(std::is_standard_layout<Extras>::value, "Extras: must be standard-layout (all_constructs.abi:60)");
static_assert(std::is_trivially_copyable<Extras>::value, "Extras: must be trivially copyable (all_constructs.abi:60)");
static_assert(offsetof(Extras, caps) == 0, "Extras::caps: offset must be 0 (all_constructs.abi:61)");
static_assert(offsetof(Extras, levels) == 4, "Extras::levels: offset must be 4 (all_constructs.abi:62)");
static_assert(offsetof(Extras, tiny) == 6, "Extras::tiny: offset must be 6 (all_constructs.abi:63)");
static_assert(offsetof(Extras, ok) == 7, "Extras::ok: offset must be 7 (all_constructs.abi:64)");
static_assert(offsetof(Extras, oks) == 8, "Extras::oks: offset must be 8 (all_constructs.abi:65)");
static_assert(offsetof(Extras, smalls) == 12, "Extras::smalls: offset must be 12 (all_constructs.abi:66)");
static_assert(offsetof(Extras, wide) == 16, "Extras::wide: offset must be 16 (all_constructs.abi:67)");

/// Loads Extras::caps with acquire ordering.
ABIC_HD inline Caps load_caps_acquire(const Extras* s) {
    return static_cast<Caps>(::abic::detail::load_acquire(&s->caps));
}
/// Stores Extras::caps with release ordering.
ABIC_HD inline void store_caps_release(Extras* s, Caps value) {
    ::abic::detail::store_release(&s->caps, static_cast<std::uint32_t>(value));
}
/// Replaces Extras::caps with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_caps(Extras* s, std::uint32_t* expected, Caps desired) {
    return ::abic::detail::compare_exchange(&s->caps, expected, static_cast<std::uint32_t>(desired));
}

/// Structs of another package and of this one, nested: validate says where a violation is.
struct Nest {
    ::golden::common::Tagged tags[2];
    Extras extras;
};
static_assert(sizeof(Nest) == 40, "Nest: size must be 40 (all_constructs.abi:71)");
static_assert(alignof(Nest) == 8, "Nest: alignment must be 8 (all_constructs.abi:71)");
static_assert(std::is_standard_layout<Nest>::value, "Nest: must be standard-layout (all_constructs.abi:71)");
static_assert(std::is_trivially_copyable<Nest>::value, "Nest: must be trivially copyable (all_constructs.abi:71)");
static_assert(offsetof(Nest, tags) == 0, "Nest::tags: offset must be 0 (all_constructs.abi:72)");
static_assert(offsetof(Nest, extras) == 16, "Nest::extras: offset must be 16 (all_constructs.abi:73)");

/// A region with a fixed header, parametric arrays and an aligned tail.
///
/// Offsets and sizes in bytes of the sections of a Region; see compute_region_layout().
struct RegionLayout {
    /// The fixed header, first.
    std::uint64_t header_offset;
    std::uint64_t header_bytes;
    std::uint64_t records_offset;
    std::uint64_t records_bytes;
    std::uint64_t scratch_offset;
    std::uint64_t scratch_bytes;
    std::uint64_t tail_offset;
    std::uint64_t tail_bytes;
    std::uint64_t at_end_offset;
    std::uint64_t at_end_bytes;
    std::uint64_t total_bytes;
};

/// Computes the placement of a Region for the given parameters, every step checked for unsigned
/// 64-bit overflow. Returns ::abic::LayoutStatus::OK and fills `*out`, or the reason it cannot and
/// leaves `*out` untouched.
ABIC_HD ABIC_CONSTEXPR14 inline ::abic::LayoutStatus compute_region_layout(
        std::uint64_t count,
        std::uint64_t tail_bytes,
        std::uint64_t spare,
        RegionLayout* out) {
    static_cast<void>(spare);
    // require count >= 1 && count <= 1024 && is_pow2(count)  (all_constructs.abi:78)
    if (!(count >= 1u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    if (!(count <= 1024u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    if (!(::abic::detail::is_pow2(count))) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    // require tail_bytes % 64 == 0 || tail_bytes == 0  (all_constructs.abi:79)
    if (!(((tail_bytes % 64u) == 0u) || (tail_bytes == 0u))) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    // require count * 2 < 4096  (all_constructs.abi:80)
    std::uint64_t t0_ = 0u;
    if (!::abic::detail::mul(count, 2u, &t0_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    if (!(t0_ < 4096u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    RegionLayout result_ = {};
    std::uint64_t cursor_ = 0u;
    // header: Record  (all_constructs.abi:82)
    result_.header_bytes = 144u;
    result_.header_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.header_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // records: Record[count]  (all_constructs.abi:83)
    if (!::abic::detail::mul(count, 144u, &result_.records_bytes)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.records_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.records_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // scratch: u32[((count / 2) + 1)]  (all_constructs.abi:84)
    std::uint64_t t1_ = 0u;
    if (!::abic::detail::add((count / 2u), 1u, &t1_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    if (!::abic::detail::mul(t1_, 4u, &result_.scratch_bytes)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.scratch_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.scratch_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // tail: bytes[tail_bytes] align 64  (all_constructs.abi:85)
    result_.tail_bytes = tail_bytes;
    if (!::abic::detail::align_up(cursor_, 64u, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.tail_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.tail_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // at_end: bytes[64] @ align_up(tail_bytes, 4096) + 8192  (all_constructs.abi:86)
    result_.at_end_bytes = 64u;
    std::uint64_t t2_ = 0u;
    if (!::abic::detail::align_up(tail_bytes, 4096u, &t2_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    std::uint64_t t3_ = 0u;
    if (!::abic::detail::add(t2_, 8192u, &t3_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    if (t3_ < cursor_) {
        return ::abic::LayoutStatus::SECTION_OVERLAP;  // at_end would overlap what comes before it
    }
    cursor_ = t3_;
    result_.at_end_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.at_end_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // total size rounded up to 128
    if (!::abic::detail::align_up(cursor_, 128u, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.total_bytes = cursor_;
    *out = result_;
    return ::abic::LayoutStatus::OK;
}

}  // namespace all_constructs
}  // namespace golden

#endif  // GOLDEN_ALL_H_
