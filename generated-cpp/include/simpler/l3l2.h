// Generated from l3l2_queue.abi by abic; do not edit.
//
// L3-L2 message queue (ABI 1.1): two single-producer single-consumer queues (input: L3 to L2,
// output: L2 to L3) built on one orchestration region. Descriptor rings and payload arenas live in
// the region's payload range; six head/tail/abort counters live in its counter range.
#ifndef SIMPLER_L3L2_H_
#define SIMPLER_L3L2_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "abic/support.h"
#include "simpler/orch.h"

namespace simpler {
namespace l3l2 {

/// High 32 bits of the queue magic_version: the ASCII letters "L3Q2", first letter most significant.
constexpr std::uint32_t L3L2_QUEUE_MAGIC = 0x4C335132u;

/// Major version of the queue ABI.
constexpr std::uint16_t L3L2_QUEUE_ABI_MAJOR = 1u;

/// Minor version of the queue ABI (also compared: the whole packed value must match).
constexpr std::uint16_t L3L2_QUEUE_ABI_MINOR = 1u;

/// Packed version word (magic << 32 | major << 16 | minor); L2 requires an exact match.
constexpr std::uint64_t L3L2_QUEUE_MAGIC_VERSION = 5490821645885046785ull;  // (L3L2_QUEUE_MAGIC << 32) | (L3L2_QUEUE_ABI_MAJOR << 16) | L3L2_QUEUE_ABI_MINOR

/// Size of one descriptor slot.
constexpr std::uint64_t L3L2_QUEUE_DESC_SLOT_BYTES = 32u;

/// Required alignment of a descriptor ring's offset.
constexpr std::uint64_t L3L2_QUEUE_DESC_RING_ALIGNMENT = 8u;

/// Alignment of each payload arena's offset and size.
constexpr std::uint64_t L3L2_QUEUE_PAYLOAD_ARENA_ALIGNMENT = 64u;

/// Distance between counters: each counter has a 64-byte line to itself (one writer per line).
constexpr std::uint64_t L3L2_QUEUE_COUNTER_STRIDE = 64u;

/// Counter-range offset of the input ring's tail (written by L3).
constexpr std::uint64_t L3L2_QUEUE_INPUT_DESC_TAIL_OFFSET = 0u;  // 0 * L3L2_QUEUE_COUNTER_STRIDE

/// Counter-range offset of the input ring's head (written by L2).
constexpr std::uint64_t L3L2_QUEUE_INPUT_DESC_HEAD_OFFSET = 64u;  // 1 * L3L2_QUEUE_COUNTER_STRIDE

/// Counter-range offset of the output ring's tail (written by L2).
constexpr std::uint64_t L3L2_QUEUE_OUTPUT_DESC_TAIL_OFFSET = 128u;  // 2 * L3L2_QUEUE_COUNTER_STRIDE

/// Counter-range offset of the output ring's head (written by L3).
constexpr std::uint64_t L3L2_QUEUE_OUTPUT_DESC_HEAD_OFFSET = 192u;  // 3 * L3L2_QUEUE_COUNTER_STRIDE

/// Counter-range offset of L3's abort flag (written by L3).
constexpr std::uint64_t L3L2_QUEUE_L3_ABORT_FLAG_OFFSET = 256u;  // 4 * L3L2_QUEUE_COUNTER_STRIDE

/// Counter-range offset of L2's abort flag (written by L2).
constexpr std::uint64_t L3L2_QUEUE_L2_ABORT_FLAG_OFFSET = 320u;  // 5 * L3L2_QUEUE_COUNTER_STRIDE

/// Size of the counter range a queue requires (six lines).
constexpr std::uint64_t L3L2_QUEUE_COUNTER_BYTES = 384u;  // 6 * L3L2_QUEUE_COUNTER_STRIDE

/// Largest ring depth (number of descriptor slots per direction).
constexpr std::uint64_t L3L2_QUEUE_MAX_DEPTH = 1073741824u;  // 1 << 30

/// Kind of message a descriptor carries.
enum class L3L2QueueOpcode : std::uint64_t {
    /// Never valid in a published descriptor.
    INVALID = 0u,
    /// Ordinary message.
    DATA = 1u,
    /// Input direction only: zero-byte terminal message; nothing may follow it.
    STOP = 2u,
    /// Error report; an ordinary message as far as the queue is concerned.
    ERROR = 3u,
};

/// Class of a queue error.
enum class L3L2QueueErrorKind : std::uint32_t {
    NONE = 0u,
    BAD_ARGUMENT = 1u,
    BAD_DESCRIPTOR = 2u,
    /// A shared value failed validation; the endpoint poisons itself (sets its abort flag).
    INVALID_DESCRIPTOR = 3u,
    OUT_OF_SPACE = 4u,
    /// Misuse of handles or reservations.
    OWNERSHIP = 5u,
    /// The peer's abort flag is set.
    REMOTE_ABORTED = 6u,
    ENDPOINT_ERROR = 7u,
};

/// Why a blocking queue call gave up.
enum class L3L2QueueTimeoutStatus : std::uint32_t {
    /// Plain timeout; the queue stays usable.
    ORDINARY_TIMEOUT = 0u,
    /// The peer's abort flag was found set after the timeout.
    REMOTE_ABORTED = 1u,
};

/// Queue operation during which an error was recorded.
enum class L3L2QueueOp : std::uint32_t {
    INIT = 1u,
    TIMEOUT = 2u,
    INPUT_TRY_PEEK = 3u,
    INPUT_RELEASE = 4u,
    OUTPUT_TRY_RESERVE = 5u,
    OUTPUT_PUBLISH = 6u,
};

/// One descriptor slot of a ring. Message n (0-based logical index) uses slot n & (depth - 1).
/// The producer writes the payload, then bytes 8..31, then `seq`, then publishes the tail counter.
/// The consumer accepts the slot only if seq == n + 1 and the rest validates.
struct L3L2QueueDescSlot {
    /// Logical index + 1 (1-based, monotonic); written last.
    std::uint64_t seq;  ///< atomic: load_seq_acquire(), store_seq_release()
    /// Kind of message.
    L3L2QueueOpcode opcode;
    /// Offset of the payload from the start of the region's payload range; 0 when payload_nbytes is 0.
    std::uint64_t payload_offset;
    /// Payload size; a non-zero payload lies entirely inside the direction's arena.
    std::uint64_t payload_nbytes;
};
static_assert(sizeof(L3L2QueueDescSlot) == 32, "L3L2QueueDescSlot: size must be 32 (l3l2_queue.abi:91)");
static_assert(alignof(L3L2QueueDescSlot) == 8, "L3L2QueueDescSlot: alignment must be 8 (l3l2_queue.abi:91)");
static_assert(std::is_standard_layout<L3L2QueueDescSlot>::value, "L3L2QueueDescSlot: must be standard-layout (l3l2_queue.abi:91)");
static_assert(std::is_trivially_copyable<L3L2QueueDescSlot>::value, "L3L2QueueDescSlot: must be trivially copyable (l3l2_queue.abi:91)");
static_assert(offsetof(L3L2QueueDescSlot, seq) == 0, "L3L2QueueDescSlot::seq: offset must be 0 (l3l2_queue.abi:93)");
static_assert(offsetof(L3L2QueueDescSlot, opcode) == 8, "L3L2QueueDescSlot::opcode: offset must be 8 (l3l2_queue.abi:95)");
static_assert(offsetof(L3L2QueueDescSlot, payload_offset) == 16, "L3L2QueueDescSlot::payload_offset: offset must be 16 (l3l2_queue.abi:97)");
static_assert(offsetof(L3L2QueueDescSlot, payload_nbytes) == 24, "L3L2QueueDescSlot::payload_nbytes: offset must be 24 (l3l2_queue.abi:99)");

/// Loads L3L2QueueDescSlot::seq with acquire ordering.
ABIC_HD inline std::uint64_t load_seq_acquire(const L3L2QueueDescSlot* s) {
    return ::abic::detail::load_acquire(&s->seq);
}
/// Stores L3L2QueueDescSlot::seq with release ordering.
ABIC_HD inline void store_seq_release(L3L2QueueDescSlot* s, std::uint64_t value) {
    ::abic::detail::store_release(&s->seq, value);
}
/// Replaces L3L2QueueDescSlot::seq with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_seq(L3L2QueueDescSlot* s, std::uint64_t* expected, std::uint64_t desired) {
    return ::abic::detail::compare_exchange(&s->seq, expected, desired);
}

/// One queue counter alone on its 64-byte line. Head and tail counters hold the low 32 bits of a
/// 64-bit logical index; a reader accepts a new value only if (i32)(observed - local) is in
/// 0..depth. Abort flags go from 0 to 1 and stay there.
struct alignas(64) L3L2QueueCounterLine {
    /// The counter; its single writer publishes it after the data it covers.
    std::int32_t value;  ///< atomic: load_value_acquire(), store_value_release()
    std::uint32_t reserved0;  ///< reserved: write zero
    std::uint64_t reserved[7];  ///< reserved: write zero
};
static_assert(sizeof(L3L2QueueCounterLine) == 64, "L3L2QueueCounterLine: size must be 64 (l3l2_queue.abi:105)");
static_assert(alignof(L3L2QueueCounterLine) == 64, "L3L2QueueCounterLine: alignment must be 64 (l3l2_queue.abi:105)");
static_assert(std::is_standard_layout<L3L2QueueCounterLine>::value, "L3L2QueueCounterLine: must be standard-layout (l3l2_queue.abi:105)");
static_assert(std::is_trivially_copyable<L3L2QueueCounterLine>::value, "L3L2QueueCounterLine: must be trivially copyable (l3l2_queue.abi:105)");
static_assert(offsetof(L3L2QueueCounterLine, value) == 0, "L3L2QueueCounterLine::value: offset must be 0 (l3l2_queue.abi:107)");
static_assert(offsetof(L3L2QueueCounterLine, reserved0) == 4, "L3L2QueueCounterLine::reserved0: offset must be 4 (l3l2_queue.abi:108)");
static_assert(offsetof(L3L2QueueCounterLine, reserved) == 8, "L3L2QueueCounterLine::reserved: offset must be 8 (l3l2_queue.abi:109)");

/// Loads L3L2QueueCounterLine::value with acquire ordering.
ABIC_HD inline std::int32_t load_value_acquire(const L3L2QueueCounterLine* s) {
    return ::abic::detail::load_acquire(&s->value);
}
/// Stores L3L2QueueCounterLine::value with release ordering.
ABIC_HD inline void store_value_release(L3L2QueueCounterLine* s, std::int32_t value) {
    ::abic::detail::store_release(&s->value, value);
}
/// Replaces L3L2QueueCounterLine::value with `desired` if it equals `*expected` (acquire-release); otherwise
/// stores the value seen in `*expected` and returns false.
ABIC_HD inline bool compare_exchange_value(L3L2QueueCounterLine* s, std::int32_t* expected, std::int32_t desired) {
    return ::abic::detail::compare_exchange(&s->value, expected, desired);
}

/// The queue's counter range (at the region's counter_base). L3 sets all six to 0 at creation.
struct L3L2QueueCounters {
    /// Input ring tail, written by L3 after publishing a descriptor.
    L3L2QueueCounterLine input_desc_tail;
    /// Input ring head, written by L2 after releasing descriptors (completed prefix only).
    L3L2QueueCounterLine input_desc_head;
    /// Output ring tail, written by L2 after publishing a descriptor.
    L3L2QueueCounterLine output_desc_tail;
    /// Output ring head, written by L3 after consuming descriptors.
    L3L2QueueCounterLine output_desc_head;
    /// Set to 1 by L3 when it poisons its side.
    L3L2QueueCounterLine l3_abort_flag;
    /// Set to 1 by L2 when it poisons its side.
    L3L2QueueCounterLine l2_abort_flag;
};
static_assert(sizeof(L3L2QueueCounters) == 384, "L3L2QueueCounters: size must be 384 (l3l2_queue.abi:113)");
static_assert(alignof(L3L2QueueCounters) == 64, "L3L2QueueCounters: alignment must be 64 (l3l2_queue.abi:113)");
static_assert(std::is_standard_layout<L3L2QueueCounters>::value, "L3L2QueueCounters: must be standard-layout (l3l2_queue.abi:113)");
static_assert(std::is_trivially_copyable<L3L2QueueCounters>::value, "L3L2QueueCounters: must be trivially copyable (l3l2_queue.abi:113)");
static_assert(offsetof(L3L2QueueCounters, input_desc_tail) == 0, "L3L2QueueCounters::input_desc_tail: offset must be 0 (l3l2_queue.abi:115)");
static_assert(offsetof(L3L2QueueCounters, input_desc_head) == 64, "L3L2QueueCounters::input_desc_head: offset must be 64 (l3l2_queue.abi:117)");
static_assert(offsetof(L3L2QueueCounters, output_desc_tail) == 128, "L3L2QueueCounters::output_desc_tail: offset must be 128 (l3l2_queue.abi:119)");
static_assert(offsetof(L3L2QueueCounters, output_desc_head) == 192, "L3L2QueueCounters::output_desc_head: offset must be 192 (l3l2_queue.abi:121)");
static_assert(offsetof(L3L2QueueCounters, l3_abort_flag) == 256, "L3L2QueueCounters::l3_abort_flag: offset must be 256 (l3l2_queue.abi:123)");
static_assert(offsetof(L3L2QueueCounters, l2_abort_flag) == 320, "L3L2QueueCounters::l2_abort_flag: offset must be 320 (l3l2_queue.abi:125)");

/// Queue parameters passed to L2 as six u64 task scalars (after the region descriptor).
struct L3L2QueueArgs {
    /// Must equal L3L2_QUEUE_MAGIC_VERSION exactly.
    std::uint64_t magic_version;
    /// Ring depth: a power of two, 1 to L3L2_QUEUE_MAX_DEPTH.
    std::uint64_t depth;  ///< untrusted: read with read_depth_checked()
    /// Input arena size: > 0 and a multiple of 64.
    std::uint64_t input_arena_bytes;
    /// Output arena size: > 0 and a multiple of 64.
    std::uint64_t output_arena_bytes;
    /// Must equal the layout's total and the region descriptor's payload_bytes.
    std::uint64_t payload_bytes;
    /// Must equal L3L2_QUEUE_COUNTER_BYTES and the region descriptor's counter_bytes.
    std::uint64_t counter_bytes;
};
static_assert(sizeof(L3L2QueueArgs) == 48, "L3L2QueueArgs: size must be 48 (l3l2_queue.abi:129)");
static_assert(alignof(L3L2QueueArgs) == 8, "L3L2QueueArgs: alignment must be 8 (l3l2_queue.abi:129)");
static_assert(std::is_standard_layout<L3L2QueueArgs>::value, "L3L2QueueArgs: must be standard-layout (l3l2_queue.abi:129)");
static_assert(std::is_trivially_copyable<L3L2QueueArgs>::value, "L3L2QueueArgs: must be trivially copyable (l3l2_queue.abi:129)");
static_assert(offsetof(L3L2QueueArgs, magic_version) == 0, "L3L2QueueArgs::magic_version: offset must be 0 (l3l2_queue.abi:131)");
static_assert(offsetof(L3L2QueueArgs, depth) == 8, "L3L2QueueArgs::depth: offset must be 8 (l3l2_queue.abi:133)");
static_assert(offsetof(L3L2QueueArgs, input_arena_bytes) == 16, "L3L2QueueArgs::input_arena_bytes: offset must be 16 (l3l2_queue.abi:135)");
static_assert(offsetof(L3L2QueueArgs, output_arena_bytes) == 24, "L3L2QueueArgs::output_arena_bytes: offset must be 24 (l3l2_queue.abi:137)");
static_assert(offsetof(L3L2QueueArgs, payload_bytes) == 32, "L3L2QueueArgs::payload_bytes: offset must be 32 (l3l2_queue.abi:139)");
static_assert(offsetof(L3L2QueueArgs, counter_bytes) == 40, "L3L2QueueArgs::counter_bytes: offset must be 40 (l3l2_queue.abi:141)");

/// Reads L3L2QueueArgs::depth once and accepts it only in 0..1073741824.
/// Returns false, leaving `*out` untouched, for any other value.
ABIC_HD inline bool read_depth_checked(const L3L2QueueArgs* s, std::uint64_t* out) {
    const std::uint64_t value = *static_cast<const volatile std::uint64_t*>(&s->depth);
    if (value > 1073741824u) {
        return false;
    }
    *out = value;
    return true;
}

/// The twelve u64 task scalars an L2 queue endpoint receives: region descriptor (0..5), then queue
/// arguments (6..11).
struct L3L2QueueTaskArgs {
    ::simpler::orch::L3L2OrchRegionDesc region;
    L3L2QueueArgs queue;
};
static_assert(sizeof(L3L2QueueTaskArgs) == 96, "L3L2QueueTaskArgs: size must be 96 (l3l2_queue.abi:146)");
static_assert(alignof(L3L2QueueTaskArgs) == 8, "L3L2QueueTaskArgs: alignment must be 8 (l3l2_queue.abi:146)");
static_assert(std::is_standard_layout<L3L2QueueTaskArgs>::value, "L3L2QueueTaskArgs: must be standard-layout (l3l2_queue.abi:146)");
static_assert(std::is_trivially_copyable<L3L2QueueTaskArgs>::value, "L3L2QueueTaskArgs: must be trivially copyable (l3l2_queue.abi:146)");
static_assert(offsetof(L3L2QueueTaskArgs, region) == 0, "L3L2QueueTaskArgs::region: offset must be 0 (l3l2_queue.abi:147)");
static_assert(offsetof(L3L2QueueTaskArgs, queue) == 48, "L3L2QueueTaskArgs::queue: offset must be 48 (l3l2_queue.abi:148)");

/// Placement of a queue inside the region's payload range. The total is the payload_bytes the
/// region must have. Slot k of a ring is at ring offset + k * 32.
///
/// Offsets and sizes in bytes of the sections of a L3L2QueueRegion; see compute_l3_l2_queue_region_layout().
struct L3L2QueueRegionLayout {
    /// Input (L3 to L2) descriptor ring, at 0.
    std::uint64_t input_desc_offset;
    std::uint64_t input_desc_bytes;
    /// Output (L2 to L3) descriptor ring, right after the input ring.
    std::uint64_t output_desc_offset;
    std::uint64_t output_desc_bytes;
    /// Input payload arena; payloads are never split across its end.
    std::uint64_t input_arena_offset;
    std::uint64_t input_arena_bytes;
    /// Output payload arena.
    std::uint64_t output_arena_offset;
    std::uint64_t output_arena_bytes;
    std::uint64_t total_bytes;
};

/// Computes the placement of a L3L2QueueRegion for the given parameters, every step checked for unsigned
/// 64-bit overflow. Returns ::abic::LayoutStatus::OK and fills `*out`, or the reason it cannot and
/// leaves `*out` untouched.
ABIC_HD ABIC_CONSTEXPR14 inline ::abic::LayoutStatus compute_l3_l2_queue_region_layout(
        std::uint64_t depth,
        std::uint64_t input_arena_bytes,
        std::uint64_t output_arena_bytes,
        L3L2QueueRegionLayout* out) {
    // require depth >= 1 && depth <= L3L2_QUEUE_MAX_DEPTH && is_pow2(depth)  (l3l2_queue.abi:154)
    if (!(depth >= 1u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    if (!(depth <= 1073741824u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    if (!(::abic::detail::is_pow2(depth))) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    // require input_arena_bytes > 0 && input_arena_bytes % L3L2_QUEUE_PAYLOAD_ARENA_ALIGNMENT == 0  (l3l2_queue.abi:155)
    if (!(input_arena_bytes > 0u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    if (!((input_arena_bytes % 64u) == 0u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    // require output_arena_bytes > 0 && output_arena_bytes % L3L2_QUEUE_PAYLOAD_ARENA_ALIGNMENT == 0  (l3l2_queue.abi:156)
    if (!(output_arena_bytes > 0u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    if (!((output_arena_bytes % 64u) == 0u)) {
        return ::abic::LayoutStatus::REQUIREMENT_FAILED;
    }
    L3L2QueueRegionLayout result_ = {};
    std::uint64_t cursor_ = 0u;
    // input_desc: L3L2QueueDescSlot[depth]  (l3l2_queue.abi:158)
    if (!::abic::detail::mul(depth, 32u, &result_.input_desc_bytes)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.input_desc_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.input_desc_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // output_desc: L3L2QueueDescSlot[depth]  (l3l2_queue.abi:160)
    if (!::abic::detail::mul(depth, 32u, &result_.output_desc_bytes)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.output_desc_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.output_desc_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // input_arena: bytes[input_arena_bytes] align 64  (l3l2_queue.abi:162)
    result_.input_arena_bytes = input_arena_bytes;
    if (!::abic::detail::align_up(cursor_, 64u, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.input_arena_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.input_arena_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    // output_arena: bytes[output_arena_bytes] align 64  (l3l2_queue.abi:164)
    result_.output_arena_bytes = output_arena_bytes;
    if (!::abic::detail::align_up(cursor_, 64u, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.output_arena_offset = cursor_;
    if (!::abic::detail::add(cursor_, result_.output_arena_bytes, &cursor_)) {
        return ::abic::LayoutStatus::ARITHMETIC_OVERFLOW;
    }
    result_.total_bytes = cursor_;
    *out = result_;
    return ::abic::LayoutStatus::OK;
}

}  // namespace l3l2
}  // namespace simpler

#endif  // SIMPLER_L3L2_H_
