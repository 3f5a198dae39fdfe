// A small test harness for the runtime's C++ tests: registered test functions, CHECK macros that
// stop the test with file, line and values, two-thread runs that abort the failing side's queue
// endpoint (so the other side stops too), and an in-process queue region.
#ifndef ABIC_RUNTIME_TEST_SUPPORT_HPP_
#define ABIC_RUNTIME_TEST_SUPPORT_HPP_

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "abic_runtime/queue.hpp"
#include "abic_runtime/status.hpp"
#include "simpler/l3l2.h"

namespace abic_test {

/// Thrown by a failing CHECK; carries the whole message.
struct Failure {
    std::string message;
};

/// A registered test.
struct Test {
    const char* name;
    void (*run)();
};

/// Every registered test, in registration order.
inline std::vector<Test>& tests() {
    static std::vector<Test> all;
    return all;
}

/// Registers a test at static initialisation.
struct Register {
    Register(const char* name, void (*run)()) { tests().push_back(Test{name, run}); }
};

[[noreturn]] inline void fail(const char* file, int line, const std::string& what) {
    std::ostringstream s;
    s << file << ":" << line << ": " << what;
    throw Failure{s.str()};
}

/// Text for a value in a failure message: enums as their number, everything else streamed.
template <class T>
std::string text(const T& value) {
    std::ostringstream s;
    if constexpr (std::is_enum_v<T>) {
        s << static_cast<std::uint64_t>(value);
    } else if constexpr (std::is_same_v<T, unsigned char> || std::is_same_v<T, signed char>) {
        s << static_cast<int>(value);
    } else {
        s << value;
    }
    return s.str();
}

inline std::string describe(const abic_runtime::Status& s) {
    if (s.is_would_block()) {
        return "would-block";
    }
    return std::string(abic_runtime::to_string(s.kind())) + (s.is_ok() ? "" : std::string(" (") + s.message() + ")");
}

}  // namespace abic_test

#define ABIC_TEST(name)                                                             \
    static void name();                                                             \
    static const ::abic_test::Register name##_registration(#name, name);             \
    static void name()

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            ::abic_test::fail(__FILE__, __LINE__, "CHECK(" #cond ") failed"); \
        }                                                                   \
    } while (0)

#define CHECK_EQ(actual, expected)                                                                     \
    do {                                                                                               \
        const auto& abic_actual_ = (actual);                                                           \
        const auto& abic_expected_ = (expected);                                                       \
        if (!(abic_actual_ == abic_expected_)) {                                                       \
            ::abic_test::fail(__FILE__, __LINE__,                                                      \
                              #actual " is " + ::abic_test::text(abic_actual_) + ", expected " +       \
                                      ::abic_test::text(abic_expected_) + " (" #expected ")");         \
        }                                                                                              \
    } while (0)

/// The call returned OK.
#define CHECK_OK(call)                                                                                  \
    do {                                                                                                \
        const ::abic_runtime::Status abic_s_ = (call);                                                  \
        if (!abic_s_.is_ok()) {                                                                         \
            ::abic_test::fail(__FILE__, __LINE__, #call " returned " + ::abic_test::describe(abic_s_)); \
        }                                                                                               \
    } while (0)

/// The call returned an error of `expected` (an ErrorKind enumerator name).
#define CHECK_KIND(call, expected)                                                                      \
    do {                                                                                                \
        const ::abic_runtime::Status abic_s_ = (call);                                                  \
        if (abic_s_.kind() != ::abic_runtime::ErrorKind::expected) {                                    \
            ::abic_test::fail(__FILE__, __LINE__,                                                       \
                              #call " returned " + ::abic_test::describe(abic_s_) + ", expected " #expected); \
        }                                                                                               \
    } while (0)

/// The call returned would-block.
#define CHECK_WOULD_BLOCK(call)                                                                         \
    do {                                                                                                \
        const ::abic_runtime::Status abic_s_ = (call);                                                  \
        if (!abic_s_.is_would_block()) {                                                                \
            ::abic_test::fail(__FILE__, __LINE__,                                                       \
                              #call " returned " + ::abic_test::describe(abic_s_) + ", expected would-block"); \
        }                                                                                               \
    } while (0)

namespace abic_test {

namespace l3l2 = ::simpler::l3l2;

/// Runs `host` and `device` on two threads. When one fails, its endpoint is aborted, so that the
/// other one's waits end with REMOTE_ABORTED; the first failure is rethrown after both are done.
template <class HostEp, class HostBody, class DeviceEp, class DeviceBody>
void run_pair(HostEp& host_ep, HostBody&& host, DeviceEp& device_ep, DeviceBody&& device) {
    std::string host_failure;
    std::string device_failure;
    const auto guarded = [](auto& endpoint, auto& body, std::string* failure) {
        try {
            body();
        } catch (const Failure& f) {
            *failure = f.message;
            endpoint.abort();
        }
    };
    std::thread device_thread([&] { guarded(device_ep, device, &device_failure); });
    guarded(host_ep, host, &host_failure);
    device_thread.join();
    if (!host_failure.empty() || !device_failure.empty()) {
        throw Failure{"host thread: " + (host_failure.empty() ? std::string("ok") : host_failure) +
                      "\ndevice thread: " + (device_failure.empty() ? std::string("ok") : device_failure)};
    }
}

/// A queue region in process memory: a counter block and a payload range laid out by the
/// generated layout function, zeroed, with matching queue arguments.
class TestQueue {
public:
    TestQueue(std::uint64_t depth, std::uint64_t input_arena, std::uint64_t output_arena) {
        if (l3l2::compute_l3_l2_queue_region_layout(depth, input_arena, output_arena, &layout_) !=
            ::abic::LayoutStatus::OK) {
            throw Failure{"TestQueue: no layout"};
        }
        args_ = l3l2::L3L2QueueArgs{l3l2::L3L2_QUEUE_MAGIC_VERSION, depth, input_arena, output_arena,
                                    layout_.total_bytes, l3l2::L3L2_QUEUE_COUNTER_BYTES};
        const std::size_t counter_bytes = sizeof(l3l2::L3L2QueueCounters);
        const std::size_t total = (counter_bytes + layout_.total_bytes + 63) / 64 * 64;
        memory_.reset(static_cast<unsigned char*>(std::aligned_alloc(64, total)));
        std::memset(memory_.get(), 0, total);
        counters_ = reinterpret_cast<l3l2::L3L2QueueCounters*>(memory_.get());
        payload_ = memory_.get() + counter_bytes;
    }

    const l3l2::L3L2QueueArgs& args() const { return args_; }
    const l3l2::L3L2QueueRegionLayout& layout() const { return layout_; }
    l3l2::L3L2QueueCounters* counters() const { return counters_; }
    unsigned char* payload() const { return payload_; }

    template <class Endpoint>
    void attach(Endpoint& endpoint) const {
        const abic_runtime::Status s = endpoint.init(payload_, counters_, args_);
        if (!s.is_ok()) {
            throw Failure{"TestQueue: init failed: " + describe(s)};
        }
    }

    /// Slot of logical index `i` in the input / output ring.
    l3l2::L3L2QueueDescSlot* input_slot(std::uint64_t i) const {
        return reinterpret_cast<l3l2::L3L2QueueDescSlot*>(payload_ + layout_.input_desc_offset) + (i & (args_.depth - 1));
    }
    l3l2::L3L2QueueDescSlot* output_slot(std::uint64_t i) const {
        return reinterpret_cast<l3l2::L3L2QueueDescSlot*>(payload_ + layout_.output_desc_offset) + (i & (args_.depth - 1));
    }

    /// A counter's current value.
    static std::int32_t value(const l3l2::L3L2QueueCounterLine& line) { return l3l2::load_value_acquire(&line); }

private:
    struct Free {
        void operator()(unsigned char* p) const { std::free(p); }
    };

    l3l2::L3L2QueueRegionLayout layout_{};
    l3l2::L3L2QueueArgs args_{};
    std::unique_ptr<unsigned char, Free> memory_;
    l3l2::L3L2QueueCounters* counters_ = nullptr;
    unsigned char* payload_ = nullptr;
};

}  // namespace abic_test

#endif  // ABIC_RUNTIME_TEST_SUPPORT_HPP_
