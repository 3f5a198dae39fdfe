// The test stream the peer program, the C++ tests and the Java tests agree on: message k of the
// stream (seed, max) has a size in 0..max, an opcode (ERROR about one time in sixteen, else DATA)
// and bytes that all derive from splitmix64(seed + k).
#ifndef ABIC_PEER_TEST_STREAM_HPP_
#define ABIC_PEER_TEST_STREAM_HPP_

#include <cstdint>

#include "simpler/l3l2.h"

namespace abic_peer {

/// splitmix64: one step of Vigna's generator, all arithmetic unsigned 64-bit and wrapping.
inline std::uint64_t splitmix64(std::uint64_t x) {
    std::uint64_t z = x + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/// Message k of the stream (seed, max).
struct StreamMessage {
    /// splitmix64(seed + k): everything else derives from it.
    std::uint64_t x;
    /// x % (max + 1).
    std::uint64_t size;
    /// ERROR when the top four bits of x are all set, else DATA.
    simpler::l3l2::L3L2QueueOpcode opcode;

    /// Payload byte i: (uint8_t)((x >> ((i & 7) * 8)) + i).
    std::uint8_t byte(std::uint64_t i) const { return static_cast<std::uint8_t>((x >> ((i & 7) * 8)) + i); }

    /// Writes the payload (size bytes) to `out`.
    void fill(unsigned char* out) const {
        for (std::uint64_t i = 0; i < size; ++i) {
            out[i] = byte(i);
        }
    }

    /// Index of the first byte of `data` (size bytes) that differs from the payload, or size when none does.
    std::uint64_t first_mismatch(const unsigned char* data) const {
        for (std::uint64_t i = 0; i < size; ++i) {
            if (data[i] != byte(i)) {
                return i;
            }
        }
        return size;
    }
};

/// Message k of the stream (seed, max); max must be below 2^64 - 1.
inline StreamMessage stream_message(std::uint64_t seed, std::uint64_t max, std::uint64_t k) {
    const std::uint64_t x = splitmix64(seed + k);
    return StreamMessage{x, x % (max + 1),
                         (x >> 60) == 0xF ? simpler::l3l2::L3L2QueueOpcode::ERROR : simpler::l3l2::L3L2QueueOpcode::DATA};
}

}  // namespace abic_peer

#endif  // ABIC_PEER_TEST_STREAM_HPP_
