// Generated from common.abi by abic; do not edit.
//
// Types shared by the golden test's other file.
#ifndef GOLDEN_COMMON_H_
#define GOLDEN_COMMON_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "abic/support.h"

namespace golden {
namespace common {

/// A 16-byte pair, used nested and in arrays.
struct Pair {
    std::uint64_t first;
    std::int64_t second;
};
static_assert(sizeof(Pair) == 16, "Pair: size must be 16 (common.abi:5)");
static_assert(alignof(Pair) == 8, "Pair: alignment must be 8 (common.abi:5)");
static_assert(std::is_standard_layout<Pair>::value, "Pair: must be standard-layout (common.abi:5)");
static_assert(std::is_trivially_copyable<Pair>::value, "Pair: must be trivially copyable (common.abi:5)");
static_assert(offsetof(Pair, first) == 0, "Pair::first: offset must be 0 (common.abi:6)");
static_assert(offsetof(Pair, second) == 8, "Pair::second: offset must be 8 (common.abi:7)");

enum class Small : std::uint8_t {
    ZERO = 0u,
    MAX = 255u,
};

/// A tagged word, with rules of its own for validate.
struct Tagged {
    Small tag;
    std::uint8_t reserved0[7];  ///< reserved: write zero
};
static_assert(sizeof(Tagged) == 8, "Tagged: size must be 8 (common.abi:13)");
static_assert(alignof(Tagged) == 1, "Tagged: alignment must be 1 (common.abi:13)");
static_assert(std::is_standard_layout<Tagged>::value, "Tagged: must be standard-layout (common.abi:13)");
static_assert(std::is_trivially_copyable<Tagged>::value, "Tagged: must be trivially copyable (common.abi:13)");
static_assert(offsetof(Tagged, tag) == 0, "Tagged::tag: offset must be 0 (common.abi:14)");
static_assert(offsetof(Tagged, reserved0) == 1, "Tagged::reserved0: offset must be 1 (common.abi:15)");

}  // namespace common
}  // namespace golden

#endif  // GOLDEN_COMMON_H_
