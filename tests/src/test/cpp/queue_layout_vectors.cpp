// The L3<->L2 queue region layout vectors of shared/reference/simpler-abi-facts.md section 5.5,
// checked against the generated compute_l3_l2_queue_region_layout(). Built and run by
// QueueLayoutVectorsTest with g++ at several language levels; exits non-zero on any mismatch.
#include <cstdint>
#include <cstdio>

#include "simpler/l3l2.h"

namespace q = simpler::l3l2;
using abic::LayoutStatus;

namespace {

int failures = 0;

void expect_equal(const char* what, std::uint64_t depth, std::uint64_t actual, std::uint64_t expected) {
    if (actual != expected) {
        std::printf("FAIL depth=%llu %s: got %llu, expected %llu\n", static_cast<unsigned long long>(depth), what,
                    static_cast<unsigned long long>(actual), static_cast<unsigned long long>(expected));
        ++failures;
    }
}

struct Row {
    std::uint64_t depth, input_arena, output_arena;
    std::uint64_t output_desc_offset, input_arena_offset, output_arena_offset, payload_bytes;
};

// depth, in_arena, out_arena -> out_desc_off, in_arena_off, out_arena_off, payload_bytes
const Row kRows[] = {
    {1, 64, 64, 32, 64, 128, 192},
    {4, 128, 192, 128, 256, 384, 576},
    {8, 192, 64, 256, 512, 704, 768},
};

struct Rejected {
    const char* why;
    std::uint64_t depth, input_arena, output_arena;
    LayoutStatus expected;
    std::int32_t unused;  // explicit tail padding: this file compiles with -Wpadded too
};

const Rejected kRejected[] = {
    {"depth 3 (not a power of two)", 3, 64, 64, LayoutStatus::REQUIREMENT_FAILED, 0},
    {"depth 2^30+1 (above the maximum)", (std::uint64_t{1} << 30) + 1, 64, 64, LayoutStatus::REQUIREMENT_FAILED, 0},
    {"depth 0", 0, 64, 64, LayoutStatus::REQUIREMENT_FAILED, 0},
    {"input arena 0", 4, 0, 64, LayoutStatus::REQUIREMENT_FAILED, 0},
    {"input arena 127 (not a multiple of 64)", 4, 127, 64, LayoutStatus::REQUIREMENT_FAILED, 0},
    {"output arena 0", 4, 64, 0, LayoutStatus::REQUIREMENT_FAILED, 0},
    {"output arena 127", 4, 64, 127, LayoutStatus::REQUIREMENT_FAILED, 0},
    // Both arenas valid on their own, but their sum does not fit in 64 bits.
    {"arenas overflowing uint64", 1, 0xFFFFFFFFFFFFFF00ull, 0xFFFFFFFFFFFFFF00ull, LayoutStatus::ARITHMETIC_OVERFLOW, 0},
    {"input arena at the edge of uint64", 1, 0xFFFFFFFFFFFFFFC0ull, 64, LayoutStatus::ARITHMETIC_OVERFLOW, 0},
};

}  // namespace

#if __cplusplus >= 201402L
// The layout function is constexpr from C++14: the first row, computed by the compiler itself.
constexpr q::L3L2QueueRegionLayout row1() {
    q::L3L2QueueRegionLayout l = {};
    return q::compute_l3_l2_queue_region_layout(1, 64, 64, &l) == LayoutStatus::OK ? l : q::L3L2QueueRegionLayout{};
}
static_assert(row1().output_desc_offset == 32, "constexpr layout: output_desc_offset");
static_assert(row1().input_arena_offset == 64, "constexpr layout: input_arena_offset");
static_assert(row1().output_arena_offset == 128, "constexpr layout: output_arena_offset");
static_assert(row1().total_bytes == 192, "constexpr layout: payload bytes");
#endif

int main() {
    int checked = 0;
    for (const Row& r : kRows) {
        q::L3L2QueueRegionLayout l = {};
        LayoutStatus s = q::compute_l3_l2_queue_region_layout(r.depth, r.input_arena, r.output_arena, &l);
        expect_equal("status", r.depth, static_cast<std::uint64_t>(s), static_cast<std::uint64_t>(LayoutStatus::OK));
        expect_equal("input_desc_offset", r.depth, l.input_desc_offset, 0);
        expect_equal("output_desc_offset", r.depth, l.output_desc_offset, r.output_desc_offset);
        expect_equal("input_arena_offset", r.depth, l.input_arena_offset, r.input_arena_offset);
        expect_equal("output_arena_offset", r.depth, l.output_arena_offset, r.output_arena_offset);
        expect_equal("input_arena_bytes", r.depth, l.input_arena_bytes, r.input_arena);
        expect_equal("output_arena_bytes", r.depth, l.output_arena_bytes, r.output_arena);
        expect_equal("payload_bytes (total)", r.depth, l.total_bytes, r.payload_bytes);
        ++checked;
    }
    for (const Rejected& r : kRejected) {
        q::L3L2QueueRegionLayout l = {};
        l.total_bytes = 12345;  // must stay untouched on failure
        LayoutStatus s = q::compute_l3_l2_queue_region_layout(r.depth, r.input_arena, r.output_arena, &l);
        if (s != r.expected) {
            std::printf("FAIL %s: status %d, expected %d\n", r.why, static_cast<int>(s), static_cast<int>(r.expected));
            ++failures;
        }
        if (l.total_bytes != 12345) {
            std::printf("FAIL %s: the output was written although the layout failed\n", r.why);
            ++failures;
        }
        ++checked;
    }
    if (failures != 0) {
        std::printf("%d failure(s)\n", failures);
        return 1;
    }
    std::printf("ok %d vectors\n", checked);
    return 0;
}
