// Queue error kinds provoked on purpose: every protocol violation a peer can commit through the
// descriptor rings and the counters (INVALID_DESCRIPTOR: the endpoint poisons itself, its abort
// flag goes up, the first error sticks, the peer sees REMOTE_ABORTED), and the misuses that must
// not poison (OWNERSHIP, BAD_ARGUMENT, OUT_OF_SPACE), and bad queue arguments at init
// (BAD_DESCRIPTOR, BAD_ARGUMENT).
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>

#include "abic_runtime/queue.hpp"
#include "test_support.hpp"

namespace {

using abic_runtime::DeviceEndpoint;
using abic_runtime::ErrorKind;
using abic_runtime::HostEndpoint;
using abic_runtime::Message;
using abic_runtime::Reservation;
using abic_runtime::Status;
using abic_test::Failure;
using abic_test::TestQueue;
using Opcode = simpler::l3l2::L3L2QueueOpcode;
using Slot = simpler::l3l2::L3L2QueueDescSlot;
using Line = simpler::l3l2::L3L2QueueCounterLine;

/// A queue with both endpoints attached.
struct Pair {
    Pair(std::uint64_t depth, std::uint64_t arena) : q(depth, arena, arena) {
        q.attach(host);
        q.attach(device);
    }

    TestQueue q;
    HostEndpoint host;
    DeviceEndpoint<> device;
};

void set(Line& line, std::int32_t value) { simpler::l3l2::store_value_release(&line, value); }

std::int32_t get(const Line& line) { return TestQueue::value(line); }

/// Runs `body`; a failure inside names `context`.
void in_context(const std::string& context, const std::function<void()>& body) {
    try {
        body();
    } catch (const Failure& f) {
        throw Failure{context + ": " + f.message};
    }
}

/// `call` fails with INVALID_DESCRIPTOR; afterwards the endpoint's own flag is 1, the first error
/// sticks (also after abort()), and the other direction fails with it too.
template <class Endpoint>
void check_poisoned(Endpoint& endpoint, const Line& own_flag, const std::function<Status()>& call,
                    const std::function<Status()>& other_direction, const char* message_part = "") {
    const Status first = call();
    CHECK_EQ(first.kind(), ErrorKind::INVALID_DESCRIPTOR);
    if (std::strstr(first.message(), message_part) == nullptr) {
        throw Failure{std::string("the message \"") + first.message() + "\" does not contain \"" + message_part + "\""};
    }
    CHECK_EQ(get(own_flag), 1);
    CHECK_KIND(endpoint.error(), INVALID_DESCRIPTOR);
    CHECK_EQ(std::string(endpoint.error().message()), std::string(first.message()));
    CHECK_KIND(call(), INVALID_DESCRIPTOR);
    CHECK_KIND(other_direction(), INVALID_DESCRIPTOR);
    endpoint.abort();
    CHECK_EQ(std::string(endpoint.error().message()), std::string(first.message()));
}

/// The device's next input peek is a protocol violation; the host then sees REMOTE_ABORTED.
void check_device_input_poisoned(Pair& p) {
    Message m{};
    Reservation r{};
    check_poisoned(
            p.device, p.q.counters()->l2_abort_flag, [&] { return p.device.input().try_peek(&m); },
            [&] { return p.device.output().try_reserve(0, &r); });
    CHECK_EQ(get(p.q.counters()->l3_abort_flag), 0);
    CHECK_KIND(p.host.output().try_peek(&m), REMOTE_ABORTED);
    CHECK_OK(p.host.error());
}

/// The host's next output peek is a protocol violation; the device then sees REMOTE_ABORTED.
void check_host_output_poisoned(Pair& p) {
    Message m{};
    Reservation r{};
    check_poisoned(
            p.host, p.q.counters()->l3_abort_flag, [&] { return p.host.output().try_peek(&m); },
            [&] { return p.host.input().try_reserve(0, &r); });
    CHECK_EQ(get(p.q.counters()->l2_abort_flag), 0);
    CHECK_KIND(p.device.input().try_peek(&m), REMOTE_ABORTED);
}

/// Host publishes one 64-byte DATA message on the input.
void publish_input(Pair& p, std::uint64_t nbytes = 64) {
    unsigned char bytes[64] = {};
    CHECK_OK(p.host.input().try_enqueue(Opcode::DATA, bytes, nbytes));
}

ABIC_TEST(corrupt_input_descriptors_and_tail_counters_poison_the_device) {
    struct Case {
        const char* name;
        std::function<void(Pair&)> setup;
    };
    const auto slot0 = [](Pair& p) -> Slot& { return *p.q.input_slot(0); };
    const Case cases[] = {
            {"seq is not index + 1", [&](Pair& p) { publish_input(p); slot0(p).seq = 7; }},
            {"seq not written yet", [&](Pair& p) { publish_input(p); slot0(p).seq = 0; }},
            {"opcode INVALID", [&](Pair& p) { publish_input(p); slot0(p).opcode = Opcode::INVALID; }},
            {"opcode unknown", [&](Pair& p) { publish_input(p); slot0(p).opcode = static_cast<Opcode>(9); }},
            {"offset moved inside the arena", [&](Pair& p) { publish_input(p); slot0(p).payload_offset += 64; }},
            {"offset outside the region",
             [&](Pair& p) {
                 publish_input(p);
                 slot0(p).payload_offset = ~static_cast<std::uint64_t>(0) - 8;
             }},
            {"size larger than the arena", [&](Pair& p) { publish_input(p); slot0(p).payload_nbytes = 257; }},
            {"size near 2^64",
             [&](Pair& p) {
                 publish_input(p);
                 slot0(p).payload_nbytes = ~static_cast<std::uint64_t>(0);
             }},
            {"empty payload with an offset", [&](Pair& p) { publish_input(p); slot0(p).payload_nbytes = 0; }},
            {"STOP with a payload", [&](Pair& p) { publish_input(p); slot0(p).opcode = Opcode::STOP; }},
            {"STOP with an offset",
             [&](Pair& p) {
                 CHECK_OK(p.host.try_stop());
                 slot0(p).payload_offset = p.q.layout().input_arena_offset;
             }},
            {"tail more than depth ahead",
             [&](Pair& p) {
                 for (int i = 0; i < 8; ++i) {
                     publish_input(p, 0);
                 }
                 set(p.q.counters()->input_desc_tail, 9);  // slot 0 still holds a valid message 0
             }},
            {"tail far behind", [&](Pair& p) { set(p.q.counters()->input_desc_tail, INT32_MIN); }},
            {"tail moved backwards",
             [&](Pair& p) {
                 publish_input(p);
                 Message m{};
                 CHECK_OK(p.device.input().try_peek(&m));
                 CHECK_OK(p.device.input().release(m));
                 set(p.q.counters()->input_desc_tail, 0);
             }},
            {"descriptor published with STOP",
             [&](Pair& p) {
                 CHECK_OK(p.host.try_stop());
                 *p.q.input_slot(1) = Slot{2, Opcode::DATA, 0, 0};
                 set(p.q.counters()->input_desc_tail, 2);
             }},
            {"descriptor published after STOP was taken",
             [&](Pair& p) {
                 CHECK_OK(p.host.try_stop());
                 Message stop{};
                 CHECK_OK(p.device.input().try_peek(&stop));
                 CHECK_EQ(stop.opcode, Opcode::STOP);
                 *p.q.input_slot(1) = Slot{2, Opcode::DATA, 0, 0};
                 set(p.q.counters()->input_desc_tail, 2);
             }},
    };
    for (const Case& c : cases) {
        in_context(c.name, [&] {
            Pair p(8, 256);
            c.setup(p);
            check_device_input_poisoned(p);
        });
    }
}

ABIC_TEST(corrupt_output_descriptors_poison_the_host) {
    struct Case {
        const char* name;
        std::function<void(Pair&)> setup;
    };
    const auto publish = [](Pair& p) {
        unsigned char bytes[32] = {};
        CHECK_OK(p.device.output().try_enqueue(Opcode::DATA, bytes, sizeof(bytes)));
    };
    const auto slot0 = [](Pair& p) -> Slot& { return *p.q.output_slot(0); };
    const Case cases[] = {
            {"STOP on the output", [&](Pair& p) {
                 CHECK_OK(p.device.output().try_enqueue(Opcode::DATA, nullptr, 0));
                 slot0(p).opcode = Opcode::STOP;
             }},
            {"seq is not index + 1", [&](Pair& p) { publish(p); slot0(p).seq = 2; }},
            {"opcode INVALID", [&](Pair& p) { publish(p); slot0(p).opcode = Opcode::INVALID; }},
            {"offset in the input arena",
             [&](Pair& p) {
                 publish(p);
                 slot0(p).payload_offset = p.q.layout().input_arena_offset;
             }},
            {"tail more than depth ahead",
             [&](Pair& p) {
                 for (int i = 0; i < 4; ++i) {
                     CHECK_OK(p.device.output().try_enqueue(Opcode::DATA, nullptr, 0));
                 }
                 set(p.q.counters()->output_desc_tail, 5);
             }},
    };
    for (const Case& c : cases) {
        in_context(c.name, [&] {
            Pair p(4, 256);
            c.setup(p);
            check_host_output_poisoned(p);
        });
    }
}

ABIC_TEST(corrupt_head_counters_and_released_descriptors_poison_the_producer) {
    struct Case {
        const char* name;
        const char* message_part;
        std::function<void(Pair&)> setup;
    };
    // Depth 4: the host fills the ring with four 64-byte messages; the device releases one; the
    // case corrupts what the host replays when it next needs room.
    const auto fill_and_release_one = [](Pair& p) {
        for (int i = 0; i < 4; ++i) {
            publish_input(p);
        }
        Message m{};
        CHECK_OK(p.device.input().try_peek(&m));
        CHECK_OK(p.device.input().release(m));
    };
    const auto slot0 = [](Pair& p) -> Slot& { return *p.q.input_slot(0); };
    const Case cases[] = {
            {"head passed the tail", "the head counter passed the tail",
             [&](Pair& p) {
                 for (int i = 0; i < 4; ++i) {
                     publish_input(p, 0);
                 }
                 set(p.q.counters()->input_desc_head, 5);
             }},
            {"head moved backwards", "the head counter moved backwards",
             [&](Pair& p) {
                 fill_and_release_one(p);
                 Reservation r{};
                 CHECK_OK(p.host.input().try_reserve(0, &r));  // replays message 0
                 CHECK_OK(p.host.input().publish(r, Opcode::DATA));
                 set(p.q.counters()->input_desc_head, 0);
             }},
            {"released seq rewritten", "seq is not index + 1", [&](Pair& p) { fill_and_release_one(p); slot0(p).seq = 99; }},
            {"released offset rewritten", "the offset is not where", [&](Pair& p) { fill_and_release_one(p); slot0(p).payload_offset += 64; }},
            {"released size over the arena", "larger than the arena", [&](Pair& p) { fill_and_release_one(p); slot0(p).payload_nbytes = 1000; }},
            {"released empty payload with an offset", "non-zero offset",
             [&](Pair& p) {
                 for (int i = 0; i < 4; ++i) {
                     publish_input(p, 0);
                 }
                 Message m{};
                 CHECK_OK(p.device.input().try_peek(&m));
                 CHECK_OK(p.device.input().release(m));
                 slot0(p).payload_offset = 64;
             }},
            {"released size past the tail cursor", "passed the tail cursor",
             [&](Pair& p) {
                 publish_input(p, 64);
                 for (int i = 0; i < 3; ++i) {
                     publish_input(p, 0);
                 }
                 Message m{};
                 CHECK_OK(p.device.input().try_peek(&m));
                 CHECK_OK(p.device.input().release(m));
                 slot0(p).payload_nbytes = 200;
             }},
    };
    for (const Case& c : cases) {
        in_context(c.name, [&] {
            Pair p(4, 256);
            c.setup(p);
            Message m{};
            Reservation r{};
            check_poisoned(
                    p.host, p.q.counters()->l3_abort_flag, [&] { return p.host.input().try_reserve(0, &r); },
                    [&] { return p.host.output().try_peek(&m); }, c.message_part);
            CHECK_OK(p.device.output().try_reserve(0, &r));
        });
    }
    // The device's output producer replays the same way.
    Pair p(2, 256);
    CHECK_OK(p.device.output().try_enqueue(Opcode::DATA, nullptr, 0));
    CHECK_OK(p.device.output().try_enqueue(Opcode::DATA, nullptr, 0));
    Message m{};
    CHECK_OK(p.host.output().try_peek(&m));
    CHECK_OK(p.host.output().release(m));
    p.q.output_slot(0)->seq = 5;
    Reservation r{};
    check_poisoned(
            p.device, p.q.counters()->l2_abort_flag, [&] { return p.device.output().try_reserve(0, &r); },
            [&] { return p.device.input().try_peek(&m); });
}

ABIC_TEST(misuse_of_handles_and_reservations_is_ownership_and_does_not_poison) {
    Pair p(8, 256);
    Reservation r{};
    Reservation second{};
    CHECK_OK(p.host.input().try_reserve(16, &r));
    CHECK_KIND(p.host.input().try_reserve(16, &second), OWNERSHIP);
    CHECK_KIND(p.host.input().try_enqueue(Opcode::DATA, nullptr, 0), OWNERSHIP);
    CHECK_KIND(p.host.try_stop(), OWNERSHIP);
    Reservation forged = r;
    forged.index += 1;
    CHECK_KIND(p.host.input().publish(forged, Opcode::DATA), OWNERSHIP);
    forged = r;
    forged.data += 1;
    CHECK_KIND(p.host.input().publish(forged, Opcode::DATA), OWNERSHIP);
    forged = r;
    forged.size = 8;
    CHECK_KIND(p.host.input().publish(forged, Opcode::DATA), OWNERSHIP);
    CHECK_OK(p.host.input().publish(r, Opcode::DATA));
    CHECK_KIND(p.host.input().publish(r, Opcode::DATA), OWNERSHIP);
    CHECK_OK(p.host.input().try_reserve(16, &second));
    CHECK_KIND(p.host.input().publish(r, Opcode::DATA), OWNERSHIP);
    CHECK_OK(p.host.input().publish(second, Opcode::ERROR));

    Message never{};
    CHECK_KIND(p.device.input().release(never), OWNERSHIP);
    Message m{};
    CHECK_OK(p.device.input().try_peek(&m));
    Message next{};
    CHECK_KIND(p.device.input().try_peek(&next), OWNERSHIP);  // MaxInflight 1
    std::uint64_t drained = 0;
    CHECK_KIND(p.device.input().drain([](const Message&) {}, 1, &drained), OWNERSHIP);
    Message beyond = m;
    beyond.index = 1;
    CHECK_KIND(p.device.input().release(beyond), OWNERSHIP);
    CHECK_OK(p.device.input().release(m));
    CHECK_KIND(p.device.input().release(m), OWNERSHIP);
    CHECK_OK(p.device.input().try_peek(&next));
    CHECK_EQ(next.opcode, Opcode::ERROR);
    // A handle of the other direction is not held by the host's output consumer.
    CHECK_KIND(p.host.output().release(next), OWNERSHIP);
    CHECK_OK(p.device.input().release(next));

    CHECK_OK(p.host.error());
    CHECK_OK(p.device.error());
    CHECK_EQ(get(p.q.counters()->l2_abort_flag), 0);
    CHECK_EQ(get(p.q.counters()->l3_abort_flag), 0);
}

ABIC_TEST(bad_arguments_and_oversized_payloads_do_not_poison) {
    Pair p(8, 256);
    const unsigned char bytes[8] = {};
    Reservation r{};
    Message m{};
    std::uint64_t drained = 0;
    CHECK_KIND(p.host.input().try_reserve(257, &r), OUT_OF_SPACE);
    CHECK_KIND(p.host.input().reserve(257, &r, 1000000), OUT_OF_SPACE);
    CHECK_KIND(p.host.input().try_enqueue(Opcode::DATA, bytes, 257), OUT_OF_SPACE);
    CHECK_KIND(p.device.output().try_reserve(~static_cast<std::uint64_t>(0), &r), OUT_OF_SPACE);
    CHECK_KIND(p.host.input().try_enqueue(Opcode::STOP, nullptr, 0), BAD_ARGUMENT);
    CHECK_KIND(p.host.input().try_enqueue(Opcode::INVALID, bytes, 1), BAD_ARGUMENT);
    CHECK_KIND(p.host.input().try_enqueue(static_cast<Opcode>(4), bytes, 1), BAD_ARGUMENT);
    CHECK_KIND(p.host.input().try_enqueue(Opcode::DATA, nullptr, 1), BAD_ARGUMENT);
    CHECK_KIND(p.host.input().try_reserve(1, nullptr), BAD_ARGUMENT);
    CHECK_KIND(p.device.input().try_peek(nullptr), BAD_ARGUMENT);
    CHECK_KIND(p.device.input().peek(nullptr, 0), BAD_ARGUMENT);
    CHECK_KIND(p.device.input().drain([](const Message&) {}, 1, nullptr), BAD_ARGUMENT);
    CHECK_OK(p.host.input().try_reserve(256, &r));
    CHECK_KIND(p.host.input().publish(r, Opcode::STOP), BAD_ARGUMENT);
    CHECK_KIND(p.host.input().publish(r, Opcode::INVALID), BAD_ARGUMENT);
    CHECK_OK(p.host.input().publish(r, Opcode::DATA));
    CHECK_OK(p.device.input().try_peek(&m));
    CHECK_EQ(m.size, 256u);
    CHECK_OK(p.device.input().release(m));
    CHECK_KIND(p.device.input().drain([](const Message&) {}, 0, &drained), BAD_ARGUMENT);
    CHECK_OK(p.host.error());
    CHECK_OK(p.device.error());
    CHECK_EQ(get(p.q.counters()->l2_abort_flag), 0);
    CHECK_EQ(get(p.q.counters()->l3_abort_flag), 0);
}

ABIC_TEST(init_rejects_bad_queue_arguments_without_touching_the_region) {
    TestQueue q(4, 256, 512);
    struct Case {
        const char* name;
        ErrorKind kind;
        std::function<void(simpler::l3l2::L3L2QueueArgs&)> edit;
    };
    const Case cases[] = {
            {"magic", ErrorKind::BAD_DESCRIPTOR, [](auto& a) { a.magic_version ^= 1ull << 40; }},
            {"minor version", ErrorKind::BAD_DESCRIPTOR, [](auto& a) { a.magic_version += 1; }},
            {"depth 3", ErrorKind::BAD_DESCRIPTOR, [](auto& a) { a.depth = 3; }},
            {"depth 0", ErrorKind::BAD_DESCRIPTOR, [](auto& a) { a.depth = 0; }},
            {"depth over the maximum", ErrorKind::BAD_DESCRIPTOR, [](auto& a) { a.depth = 1ull << 31; }},
            {"arena not a multiple of 64", ErrorKind::BAD_DESCRIPTOR, [](auto& a) { a.input_arena_bytes = 100; }},
            {"arena 0", ErrorKind::BAD_DESCRIPTOR, [](auto& a) { a.output_arena_bytes = 0; }},
            {"payload_bytes", ErrorKind::BAD_DESCRIPTOR, [](auto& a) { a.payload_bytes += 64; }},
            {"counter_bytes", ErrorKind::BAD_DESCRIPTOR, [](auto& a) { a.counter_bytes = 380; }},
            {"overflowing arena", ErrorKind::BAD_DESCRIPTOR,
             [](auto& a) { a.output_arena_bytes = ~static_cast<std::uint64_t>(63); }},
    };
    for (const Case& c : cases) {
        in_context(c.name, [&] {
            simpler::l3l2::L3L2QueueArgs args = q.args();
            c.edit(args);
            DeviceEndpoint<> device;
            HostEndpoint host;
            const Status s = device.init(q.payload(), q.counters(), args);
            CHECK_EQ(s.kind(), c.kind);
            CHECK_EQ(host.init(q.payload(), q.counters(), args).kind(), c.kind);
            Message m{};
            CHECK_EQ(device.input().try_peek(&m).kind(), c.kind);
            CHECK_EQ(device.error().kind(), c.kind);
            device.abort();
            CHECK_EQ(device.error().kind(), c.kind);
        });
    }
    DeviceEndpoint<> device;
    Message m{};
    CHECK_KIND(device.input().try_peek(&m), BAD_DESCRIPTOR);
    CHECK_KIND(device.error(), BAD_DESCRIPTOR);
    CHECK_KIND(device.init(nullptr, q.counters(), q.args()), BAD_ARGUMENT);
    CHECK_KIND(device.init(q.payload(), nullptr, q.args()), BAD_ARGUMENT);
    CHECK_KIND(device.init(q.payload() + 1, q.counters(), q.args()), BAD_ARGUMENT);
    CHECK_KIND(device.init(q.payload(),
                           reinterpret_cast<simpler::l3l2::L3L2QueueCounters*>(
                                   reinterpret_cast<unsigned char*>(q.counters()) + 8),
                           q.args()),
               BAD_ARGUMENT);
    DeviceEndpoint<8> too_wide;
    CHECK_KIND(too_wide.init(q.payload(), q.counters(), q.args()), BAD_ARGUMENT);
    CHECK_KIND(too_wide.input().try_peek(&m), BAD_ARGUMENT);
    DeviceEndpoint<4> as_wide_as_the_ring;
    CHECK_OK(as_wide_as_the_ring.init(q.payload(), q.counters(), q.args()));
    // Nothing was written: the counters are still all zero.
    const unsigned char* counters = reinterpret_cast<const unsigned char*>(q.counters());
    for (std::size_t i = 0; i < sizeof(simpler::l3l2::L3L2QueueCounters); ++i) {
        CHECK_EQ(counters[i], 0);
    }
    // A failed init can be followed by a good one.
    CHECK_OK(device.init(q.payload(), q.counters(), q.args()));
    CHECK_OK(device.error());
}

}  // namespace
