// abic runtime: bounded waiting for the queue and the mailbox.
//
// Device-portable. A wait probes its condition in a loop. It reads the clock and the peer's abort
// flag only every WAIT_SPINS_PER_CHECK probes while spinning. On the host it then yields the thread
// and finally sleeps in short steps, checking on every probe; device code only spins.
// std::chrono and std::thread appear only in host code paths.
#ifndef ABIC_RUNTIME_WAIT_HPP_
#define ABIC_RUNTIME_WAIT_HPP_

#include <chrono>
#include <cstdint>
#include <thread>

#include "abic/support.h"
#include "abic_runtime/status.hpp"

namespace abic_runtime {

/// Probes between two reads of the clock and the peer's abort flag while spinning.
constexpr std::uint64_t WAIT_SPINS_PER_CHECK = 1024;  // not ABI: tuning, probes per clock read
/// Host only: probes spent spinning with a CPU pause before the wait starts to yield the thread.
constexpr std::uint64_t WAIT_SPIN_PROBES = 256;  // not ABI: tuning, spin phase length (some us)
/// Host only: probes spent yielding the thread before the wait starts to sleep between probes.
constexpr std::uint64_t WAIT_YIELD_PROBES = 1024;  // not ABI: tuning, yield phase length
/// Host only: length of one sleep between probes once spinning and yielding are over.
constexpr std::uint64_t WAIT_SLEEP_NS = 50000;  // not ABI: tuning, 50 us sleep step

/// The clock policy of every wait: now_ns() is a monotonic time in nanoseconds. Host code reads
/// std::chrono::steady_clock; device code (under __CUDA_ARCH__) the %globaltimer register. Another
/// policy is any type with a static `ABIC_HD std::uint64_t now_ns()`.
struct DefaultClock {
    /// Monotonic nanoseconds; only differences are meaningful.
    ABIC_HD static std::uint64_t now_ns() {
#if defined(__CUDA_ARCH__)
        std::uint64_t t;
        __asm__ __volatile__("mov.u64 %0, %%globaltimer;" : "=l"(t));
        return t;
#else
        return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                std::chrono::steady_clock::now().time_since_epoch()).count());
#endif
    }
};

namespace detail {

/// Tells the CPU that this is a spin loop (x86 PAUSE, Arm YIELD). On the device the next probe's
/// loads are the spin, so it does nothing there.
ABIC_HD inline void cpu_relax() {
#if defined(__CUDA_ARCH__)
#elif defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield" ::: "memory");
#endif
}

/// True when a wait reads the clock and the abort flag before probe number `round` + 1.
ABIC_HD inline bool wait_checks_now(std::uint64_t round) {
#if defined(__CUDA_ARCH__)
    return round % WAIT_SPINS_PER_CHECK == 0;
#else
    return round % WAIT_SPINS_PER_CHECK == 0 || round >= WAIT_SPIN_PROBES;
#endif
}

/// Pauses between probe number `round` and the next one: spin, then (host) yield, then sleep.
ABIC_HD inline void wait_backoff(std::uint64_t round) {
#if defined(__CUDA_ARCH__)
    (void)round;
    cpu_relax();
#else
    if (round < WAIT_SPIN_PROBES) {
        cpu_relax();
    } else if (round < WAIT_SPIN_PROBES + WAIT_YIELD_PROBES) {
        std::this_thread::yield();
    } else {
        std::this_thread::sleep_for(std::chrono::nanoseconds(WAIT_SLEEP_NS));
    }
#endif
}

/// Calls `probe()` (returning a Status) until it returns anything but would-block. Gives up with
/// REMOTE_ABORTED when `peer_aborted()` turns true and one more probe still would block (so that
/// what the peer published before aborting is delivered first), or with TIMEOUT once
/// `timeout_ns` has passed. A timeout of 0 probes once. Neither outcome poisons.
template <class Clock, class Probe, class PeerAborted>
ABIC_HD Status wait_for(Probe&& probe, PeerAborted&& peer_aborted, std::uint64_t timeout_ns) {
    Status s = probe();
    if (!s.is_would_block()) {
        return s;
    }
    const std::uint64_t start = Clock::now_ns();
    for (std::uint64_t round = 0;; ++round) {
        if (wait_checks_now(round)) {
            if (peer_aborted()) {
                s = probe();
                return s.is_would_block() ? Status::error(ErrorKind::REMOTE_ABORTED, "the peer aborted") : s;
            }
            if (Clock::now_ns() - start >= timeout_ns) {
                return Status::error(ErrorKind::TIMEOUT, "timed out");
            }
        }
        wait_backoff(round);
        s = probe();
        if (!s.is_would_block()) {
            return s;
        }
    }
}

}  // namespace detail
}  // namespace abic_runtime

#endif  // ABIC_RUNTIME_WAIT_HPP_
