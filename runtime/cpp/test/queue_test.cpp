// Queue endpoints in one process: traffic (a million verified stream messages each way, with try_
// calls, blocking calls, zero-copy reservations and drain), ring and arena wrap-around, STOP, the
// MaxInflight window, abort in both directions, waits and timeouts.
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../peer/test_stream.hpp"
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

constexpr std::uint64_t MS = 1000000;
/// A wait that should never run out in a passing test.
constexpr std::uint64_t LONG_WAIT = 30000 * MS;
constexpr std::uint64_t MILLION = 1000000;

/// Fails unless `m` is message `k` of the stream (seed, max) in opcode, size and every byte.
void check_stream(const Message& m, std::uint64_t seed, std::uint64_t max, std::uint64_t k) {
    const abic_peer::StreamMessage e = abic_peer::stream_message(seed, max, k);
    if (m.opcode != e.opcode || m.size != e.size || (m.size != 0 && e.first_mismatch(m.data) != e.size)) {
        throw Failure{"message " + std::to_string(k) + " differs from the stream (size " + std::to_string(m.size) +
                      ", expected " + std::to_string(e.size) + ")"};
    }
}

/// One try_ attempt to publish stream message k; true when it was published.
bool try_publish_stream(abic_runtime::Producer& producer, std::uint64_t seed, std::uint64_t max, std::uint64_t k) {
    const abic_peer::StreamMessage e = abic_peer::stream_message(seed, max, k);
    Reservation r{};
    const Status s = producer.try_reserve(e.size, &r);
    if (s.is_would_block()) {
        return false;
    }
    CHECK_OK(s);
    e.fill(r.data);
    CHECK_OK(producer.publish(r, e.opcode));
    return true;
}

ABIC_TEST(error_kinds_have_the_shared_numbers_and_names) {
    const ErrorKind kinds[] = {ErrorKind::NONE,          ErrorKind::BAD_ARGUMENT, ErrorKind::BAD_DESCRIPTOR,
                               ErrorKind::INVALID_DESCRIPTOR, ErrorKind::OUT_OF_SPACE, ErrorKind::OWNERSHIP,
                               ErrorKind::REMOTE_ABORTED, ErrorKind::TIMEOUT,      ErrorKind::CLOSED,
                               ErrorKind::ABORTED};
    const char* names[] = {"NONE",      "BAD_ARGUMENT",   "BAD_DESCRIPTOR", "INVALID_DESCRIPTOR", "OUT_OF_SPACE",
                           "OWNERSHIP", "REMOTE_ABORTED", "TIMEOUT",        "CLOSED",             "ABORTED"};
    for (std::uint32_t i = 0; i < 10; ++i) {
        CHECK_EQ(static_cast<std::uint32_t>(kinds[i]), i);
        CHECK_EQ(std::string(abic_runtime::to_string(kinds[i])), std::string(names[i]));
    }
    CHECK_EQ(std::string(abic_runtime::to_string(static_cast<ErrorKind>(10))), std::string("UNKNOWN"));
    CHECK(Status::ok().is_ok() && !Status::ok().is_error() && !Status::ok().is_would_block());
    CHECK(Status::would_block().is_would_block() && !Status::would_block().is_ok() && !Status::would_block().is_error());
    CHECK(Status::error(ErrorKind::TIMEOUT, "x").is_error() && !Status::error(ErrorKind::TIMEOUT, "x").is_ok());
}

ABIC_TEST(a_million_stream_messages_each_way_with_try_calls_and_out_of_order_release) {
    TestQueue q(64, 4096, 8192);
    HostEndpoint host;
    DeviceEndpoint<4> device;
    q.attach(host);
    q.attach(device);
    const std::uint64_t in_seed = 11;
    const std::uint64_t in_max = 300;
    const std::uint64_t out_seed = 22;
    const std::uint64_t out_max = 700;
    const auto host_body = [&] {
        std::uint64_t sent = 0;
        std::uint64_t received = 0;
        bool stopped = false;
        while (!stopped || received < MILLION) {
            bool progress = false;
            if (sent < MILLION) {
                progress = try_publish_stream(host.input(), in_seed, in_max, sent);
                sent += progress ? 1 : 0;
            } else if (!stopped) {
                const Status s = host.try_stop();
                stopped = s.is_ok();
                progress = stopped;
                CHECK(stopped || s.is_would_block());
            }
            if (received < MILLION) {
                Message m{};
                const Status s = host.output().try_peek(&m);
                if (!s.is_would_block()) {
                    CHECK_OK(s);
                    check_stream(m, out_seed, out_max, received);
                    CHECK_OK(host.output().release(m));
                    ++received;
                    progress = true;
                }
            }
            if (!progress) {
                std::this_thread::yield();
            }
        }
    };
    const auto device_body = [&] {
        std::uint64_t received = 0;
        std::uint64_t sent = 0;
        bool stop_seen = false;
        std::vector<Message> held;
        while (!stop_seen || sent < MILLION) {
            bool progress = false;
            if (held.size() == 4) {
                for (std::size_t i : {2, 0, 3, 1}) {
                    CHECK_OK(device.input().release(held[i]));
                }
                held.clear();
            }
            if (!stop_seen) {
                Message m{};
                const Status s = device.input().try_peek(&m);
                if (!s.is_would_block()) {
                    CHECK_OK(s);
                    if (m.opcode == Opcode::STOP) {
                        CHECK_EQ(received, MILLION);
                        for (auto it = held.rbegin(); it != held.rend(); ++it) {
                            CHECK_OK(device.input().release(*it));
                        }
                        held.clear();
                        CHECK_OK(device.input().release(m));
                        stop_seen = true;
                    } else {
                        check_stream(m, in_seed, in_max, received);
                        held.push_back(m);
                        ++received;
                    }
                    progress = true;
                }
            }
            if (sent < MILLION && try_publish_stream(device.output(), out_seed, out_max, sent)) {
                ++sent;
                progress = true;
            }
            if (!progress) {
                std::this_thread::yield();
            }
        }
    };
    abic_test::run_pair(host, host_body, device, device_body);
    CHECK_OK(host.error());
    CHECK_OK(device.error());
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_tail), static_cast<std::int32_t>(MILLION + 1));
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_head), static_cast<std::int32_t>(MILLION + 1));
    CHECK_EQ(TestQueue::value(q.counters()->output_desc_tail), static_cast<std::int32_t>(MILLION));
    CHECK_EQ(TestQueue::value(q.counters()->output_desc_head), static_cast<std::int32_t>(MILLION));
    CHECK_EQ(TestQueue::value(q.counters()->l3_abort_flag), 0);
    CHECK_EQ(TestQueue::value(q.counters()->l2_abort_flag), 0);
}

ABIC_TEST(a_million_input_messages_with_blocking_enqueue_and_drain) {
    TestQueue q(256, 1 << 16, 64);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    const std::uint64_t seed = 33;
    const std::uint64_t max = 1000;
    const auto host_body = [&] {
        std::vector<unsigned char> buffer(max);
        for (std::uint64_t k = 0; k < MILLION; ++k) {
            const abic_peer::StreamMessage e = abic_peer::stream_message(seed, max, k);
            e.fill(buffer.data());
            CHECK_OK(host.input().enqueue(e.opcode, buffer.data(), e.size, LONG_WAIT));
        }
        CHECK_OK(host.stop(LONG_WAIT));
    };
    const auto device_body = [&] {
        std::uint64_t received = 0;
        bool stop_seen = false;
        std::uint64_t batches = 0;
        while (!stop_seen) {
            std::uint64_t drained = 0;
            const Status s = device.input().drain(
                    [&](const Message& m) {
                        if (m.opcode == Opcode::STOP) {
                            stop_seen = true;
                            return;
                        }
                        check_stream(m, seed, max, received);
                        ++received;
                    },
                    100, &drained);
            if (s.is_would_block()) {
                // Nothing there: wait for the next message with peek, handle it and release it.
                Message m{};
                CHECK_OK(device.input().peek(&m, LONG_WAIT));
                if (m.opcode == Opcode::STOP) {
                    stop_seen = true;
                } else {
                    check_stream(m, seed, max, received);
                    ++received;
                }
                CHECK_OK(device.input().release(m));
                continue;
            }
            CHECK_OK(s);
            CHECK(drained >= 1 && drained <= 100);
            ++batches;
        }
        CHECK_EQ(received, MILLION);
        CHECK(batches > 0);
        Message m{};
        CHECK_KIND(device.input().try_peek(&m), CLOSED);
    };
    abic_test::run_pair(host, host_body, device, device_body);
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_head), static_cast<std::int32_t>(MILLION + 1));
}

ABIC_TEST(a_million_output_messages_with_blocking_zero_copy_reserve_and_peek) {
    TestQueue q(32, 64, 16384);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    const std::uint64_t seed = 44;
    const std::uint64_t max = 2048;
    const auto host_body = [&] {
        for (std::uint64_t k = 0; k < MILLION; ++k) {
            Message m{};
            CHECK_OK(host.output().peek(&m, LONG_WAIT));
            check_stream(m, seed, max, k);
            CHECK_OK(host.output().release(m));
        }
    };
    const auto device_body = [&] {
        for (std::uint64_t k = 0; k < MILLION; ++k) {
            const abic_peer::StreamMessage e = abic_peer::stream_message(seed, max, k);
            Reservation r{};
            CHECK_OK(device.output().reserve(e.size, &r, LONG_WAIT));
            e.fill(r.data);
            CHECK_OK(device.output().publish(r, e.opcode));
        }
    };
    abic_test::run_pair(host, host_body, device, device_body);
    CHECK_EQ(TestQueue::value(q.counters()->output_desc_head), static_cast<std::int32_t>(MILLION));
}

/// Publishes random sizes through a direction of depth 4 one message at a time and checks that
/// every payload lands where the skip rule (computed here independently) puts it.
template <class ProducerOf, class ConsumerOf>
void check_placement(TestQueue& q, ProducerOf producer, ConsumerOf consumer, std::uint64_t arena_offset,
                     std::uint64_t arena_bytes, bool input) {
    std::mt19937_64 rng(arena_bytes);
    std::uint64_t cursor = 0;
    std::uint64_t exact_fits = 0;
    std::uint64_t skips = 0;
    for (std::uint64_t i = 0; i < 20000; ++i) {
        const std::uint64_t n = rng() % (arena_bytes + 1);
        Reservation r{};
        CHECK_OK(producer().try_reserve(n, &r));
        CHECK_EQ(r.index, i);
        std::uint64_t expected = 0;
        if (n != 0) {
            std::uint64_t pos = cursor % arena_bytes;
            if (pos + n > arena_bytes) {
                cursor += arena_bytes - pos;
                pos = 0;
                ++skips;
            } else if (pos + n == arena_bytes) {
                ++exact_fits;
            }
            expected = arena_offset + pos;
            cursor += n;
            CHECK_EQ(static_cast<std::uint64_t>(r.data - q.payload()), expected);
            for (std::uint64_t b = 0; b < n; ++b) {
                r.data[b] = static_cast<unsigned char>(i + b);
            }
        } else {
            CHECK(r.data == nullptr);
        }
        CHECK_OK(producer().publish(r, Opcode::DATA));
        const simpler::l3l2::L3L2QueueDescSlot* slot = input ? q.input_slot(i) : q.output_slot(i);
        CHECK_EQ(slot->seq, i + 1);
        CHECK_EQ(slot->payload_offset, expected);
        CHECK_EQ(slot->payload_nbytes, n);
        Message m{};
        CHECK_OK(consumer().try_peek(&m));
        CHECK_EQ(m.index, i);
        CHECK_EQ(m.size, n);
        CHECK(m.data == r.data);
        for (std::uint64_t b = 0; b < n; ++b) {
            CHECK_EQ(m.data[b], static_cast<unsigned char>(i + b));
        }
        CHECK_OK(consumer().release(m));
    }
    CHECK(exact_fits > 0);
    CHECK(skips > 0);
}

ABIC_TEST(ring_and_arena_wrap_around_follow_the_skip_rule) {
    TestQueue q(4, 256, 320);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    check_placement(
            q, [&]() -> abic_runtime::Producer& { return host.input(); },
            [&]() -> DeviceEndpoint<>::InputConsumer& { return device.input(); }, q.layout().input_arena_offset, 256,
            true);
    check_placement(
            q, [&]() -> abic_runtime::Producer& { return device.output(); },
            [&]() -> HostEndpoint::OutputConsumer& { return host.output(); }, q.layout().output_arena_offset, 320,
            false);
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_tail), 20000);
    CHECK_EQ(TestQueue::value(q.counters()->output_desc_head), 20000);
}

ABIC_TEST(a_full_ring_or_arena_would_block_until_the_consumer_releases) {
    TestQueue q(4, 256, 256);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    Reservation r{};
    CHECK_OK(host.input().try_reserve(200, &r));
    CHECK_OK(host.input().publish(r, Opcode::DATA));
    // 100 bytes do not fit behind the first 200 (the cursor would skip to the next round).
    CHECK_WOULD_BLOCK(host.input().try_reserve(100, &r));
    CHECK_WOULD_BLOCK(host.input().try_enqueue(Opcode::DATA, q.payload(), 100));
    CHECK_OK(host.input().try_reserve(56, &r));  // exactly fits at the end
    CHECK_EQ(static_cast<std::uint64_t>(r.data - q.payload()), q.layout().input_arena_offset + 200);
    CHECK_OK(host.input().publish(r, Opcode::DATA));
    Message m{};
    CHECK_OK(device.input().try_peek(&m));
    CHECK_OK(device.input().release(m));
    CHECK_OK(host.input().try_reserve(100, &r));
    CHECK_EQ(static_cast<std::uint64_t>(r.data - q.payload()), q.layout().input_arena_offset);
    CHECK_OK(host.input().publish(r, Opcode::DATA));
    // Ring: two messages are in, two zero-byte ones fill it.
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, nullptr, 0));
    CHECK_OK(host.input().try_enqueue(Opcode::ERROR, nullptr, 0));
    CHECK_WOULD_BLOCK(host.input().try_reserve(0, &r));
    CHECK_WOULD_BLOCK(host.try_stop());
    CHECK_OK(device.input().try_peek(&m));
    CHECK_EQ(m.size, 56u);
    CHECK_OK(device.input().release(m));
    CHECK_OK(host.try_stop());
    for (std::uint64_t expected : {100, 0, 0}) {
        CHECK_OK(device.input().try_peek(&m));
        CHECK_EQ(m.size, expected);
        CHECK_OK(device.input().release(m));
    }
    CHECK_OK(device.input().try_peek(&m));
    CHECK_EQ(m.opcode, Opcode::STOP);
    CHECK(m.data == nullptr);
    CHECK_OK(host.error());
    CHECK_OK(device.error());
}

ABIC_TEST(a_payload_over_half_the_arena_that_must_skip_fits_once_the_arena_is_empty) {
    TestQueue q(4, 256, 256);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    Reservation r{};
    Message m{};
    CHECK_OK(host.input().try_reserve(10, &r));
    CHECK_OK(host.input().publish(r, Opcode::DATA));
    // 250 bytes must skip the last 246: more than the arena counting the skip, but nothing is live
    // once message 0 is released.
    CHECK_WOULD_BLOCK(host.input().try_reserve(250, &r));
    CHECK_OK(device.input().try_peek(&m));
    CHECK_OK(device.input().release(m));
    CHECK_OK(host.input().try_reserve(250, &r));
    CHECK_EQ(static_cast<std::uint64_t>(r.data - q.payload()), q.layout().input_arena_offset);
    CHECK_OK(host.input().publish(r, Opcode::DATA));
    CHECK_WOULD_BLOCK(host.input().try_reserve(10, &r));
    CHECK_OK(device.input().try_peek(&m));
    CHECK_EQ(m.size, 250u);
    CHECK(m.data == q.payload() + q.layout().input_arena_offset);
    CHECK_OK(device.input().release(m));
    CHECK_OK(host.input().try_reserve(6, &r));
    CHECK_EQ(static_cast<std::uint64_t>(r.data - q.payload()), q.layout().input_arena_offset + 250);
    CHECK_OK(host.error());
    CHECK_OK(device.error());
}

ABIC_TEST(stop_closes_the_input_direction_on_both_sides) {
    TestQueue q(8, 256, 256);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    const unsigned char bytes[3] = {1, 2, 3};
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, bytes, 3));
    CHECK_OK(host.input().try_enqueue(Opcode::ERROR, bytes, 2));
    CHECK_OK(host.try_stop());
    Reservation r{};
    CHECK_KIND(host.input().try_reserve(1, &r), CLOSED);
    CHECK_KIND(host.input().try_enqueue(Opcode::DATA, bytes, 1), CLOSED);
    CHECK_KIND(host.try_stop(), CLOSED);
    CHECK_KIND(host.stop(0), CLOSED);
    Message first{};
    CHECK_OK(device.input().try_peek(&first));
    CHECK_EQ(first.opcode, Opcode::DATA);
    // MaxInflight is 1 and one message is in flight: the next DATA/ERROR message is refused.
    Message second{};
    CHECK_KIND(device.input().try_peek(&second), OWNERSHIP);
    CHECK_OK(device.input().release(first));
    CHECK_OK(device.input().try_peek(&second));
    CHECK_EQ(second.opcode, Opcode::ERROR);
    CHECK_EQ(second.size, 2u);
    Message stop{};
    CHECK_OK(device.input().try_peek(&stop));
    CHECK_EQ(stop.opcode, Opcode::STOP);
    CHECK_EQ(stop.size, 0u);
    Message after{};
    CHECK_KIND(device.input().try_peek(&after), CLOSED);
    CHECK_KIND(device.input().peek(&after, MS), CLOSED);
    CHECK_OK(device.input().release(stop));
    CHECK_OK(device.input().release(second));
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_head), 3);
    CHECK_KIND(device.input().try_peek(&after), CLOSED);
    std::uint64_t drained = 0;
    CHECK_KIND(device.input().drain([](const Message&) {}, 1, &drained), CLOSED);
    CHECK_EQ(drained, 0u);
    // The output direction is unaffected.
    CHECK_OK(device.output().try_enqueue(Opcode::DATA, bytes, 3));
    CHECK_OK(host.output().try_peek(&after));
    CHECK_OK(host.output().release(after));
    CHECK_OK(host.error());
    CHECK_OK(device.error());
}

ABIC_TEST(max_inflight_window_releases_out_of_order_and_advances_the_completed_prefix) {
    TestQueue q(8, 1024, 64);
    HostEndpoint host;
    DeviceEndpoint<4> device;
    q.attach(host);
    q.attach(device);
    for (std::uint64_t k = 0; k < 6; ++k) {
        CHECK(try_publish_stream(host.input(), 5, 100, k));
    }
    CHECK_OK(host.try_stop());
    Message held[4] = {};
    for (std::uint64_t k = 0; k < 4; ++k) {
        CHECK_OK(device.input().try_peek(&held[k]));
        CHECK_EQ(held[k].index, k);
        check_stream(held[k], 5, 100, k);
    }
    Message extra{};
    CHECK_KIND(device.input().try_peek(&extra), OWNERSHIP);
    const auto head = [&] { return TestQueue::value(q.counters()->input_desc_head); };
    CHECK_OK(device.input().release(held[2]));
    CHECK_EQ(head(), 0);
    CHECK_KIND(device.input().release(held[2]), OWNERSHIP);
    CHECK_OK(device.input().release(held[0]));
    CHECK_EQ(head(), 1);
    CHECK_KIND(device.input().release(held[0]), OWNERSHIP);
    // In flight now: 1, 2 (released but not retired while 1 is held) and 3, so one more fits.
    CHECK_OK(device.input().try_peek(&extra));
    CHECK_EQ(extra.index, 4u);
    Message fifth{};
    CHECK_KIND(device.input().try_peek(&fifth), OWNERSHIP);
    CHECK_OK(device.input().release(held[3]));
    CHECK_EQ(head(), 1);
    CHECK_OK(device.input().release(held[1]));
    CHECK_EQ(head(), 4);
    CHECK_OK(device.input().try_peek(&fifth));
    CHECK_EQ(fifth.index, 5u);
    check_stream(fifth, 5, 100, 5);
    // STOP is handed out whatever the window holds.
    Message stop{};
    CHECK_OK(device.input().try_peek(&stop));
    CHECK_EQ(stop.opcode, Opcode::STOP);
    CHECK_OK(device.input().release(stop));
    CHECK_EQ(head(), 4);
    CHECK_OK(device.input().release(fifth));
    CHECK_EQ(head(), 4);
    CHECK_OK(device.input().release(extra));
    CHECK_EQ(head(), 7);
    Message none{};
    Message copy = extra;
    CHECK_KIND(device.input().release(copy), OWNERSHIP);
    CHECK_KIND(device.input().try_peek(&none), CLOSED);
    CHECK_OK(device.error());
}

ABIC_TEST(max_inflight_full_window_still_delivers_stop) {
    TestQueue q(8, 1024, 64);
    HostEndpoint host;
    DeviceEndpoint<2> device;
    q.attach(host);
    q.attach(device);
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, nullptr, 0));
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, nullptr, 0));
    CHECK_OK(host.try_stop());
    Message a{};
    Message b{};
    Message stop{};
    CHECK_OK(device.input().try_peek(&a));
    CHECK_OK(device.input().try_peek(&b));
    CHECK_OK(device.input().try_peek(&stop));
    CHECK_EQ(stop.opcode, Opcode::STOP);
    CHECK_OK(device.input().release(stop));
    CHECK_OK(device.input().release(b));
    CHECK_OK(device.input().release(a));
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_head), 3);
}

ABIC_TEST(drain_releases_a_batch_with_one_head_store) {
    TestQueue q(16, 1024, 64);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    std::uint64_t drained = 0;
    const auto ignore = [](const Message&) {};
    CHECK_WOULD_BLOCK(device.input().drain(ignore, 4, &drained));
    CHECK_KIND(device.input().drain(ignore, 0, &drained), BAD_ARGUMENT);
    for (std::uint64_t k = 0; k < 10; ++k) {
        CHECK(try_publish_stream(host.input(), 9, 64, k));
    }
    std::uint64_t next = 0;
    const auto check = [&](const Message& m) {
        check_stream(m, 9, 64, next);
        CHECK_EQ(m.index, next);
        ++next;
    };
    CHECK_OK(device.input().drain(check, 4, &drained));
    CHECK_EQ(drained, 4u);
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_head), 4);
    Message held{};
    CHECK_OK(device.input().try_peek(&held));
    CHECK_KIND(device.input().drain(check, 4, &drained), OWNERSHIP);
    CHECK_OK(device.input().release(held));
    next = 5;
    CHECK_OK(device.input().drain(check, 100, &drained));
    CHECK_EQ(drained, 5u);
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_head), 10);
    CHECK_OK(host.try_stop());
    std::uint64_t stops = 0;
    CHECK_OK(device.input().drain([&](const Message& m) { stops += m.opcode == Opcode::STOP ? 1 : 0; }, 100, &drained));
    CHECK_EQ(drained, 1u);
    CHECK_EQ(stops, 1u);
    CHECK_KIND(device.input().drain(ignore, 100, &drained), CLOSED);
    // The host's output consumer drains too.
    for (std::uint64_t k = 0; k < 3; ++k) {
        CHECK(try_publish_stream(device.output(), 1, 8, k));
    }
    next = 0;
    const auto check_out = [&](const Message& m) {
        check_stream(m, 1, 8, next);
        ++next;
    };
    CHECK_OK(host.output().drain(check_out, 10, &drained));
    CHECK_EQ(drained, 3u);
    CHECK_EQ(TestQueue::value(q.counters()->output_desc_head), 3);
}

ABIC_TEST(host_abort_is_seen_by_the_device_after_what_was_published) {
    TestQueue q(8, 256, 256);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, nullptr, 0));
    host.abort();
    CHECK_EQ(TestQueue::value(q.counters()->l3_abort_flag), 1);
    CHECK_KIND(host.error(), ABORTED);
    Reservation r{};
    Message m{};
    CHECK_KIND(host.input().try_reserve(0, &r), ABORTED);
    CHECK_KIND(host.try_stop(), ABORTED);
    CHECK_KIND(host.output().try_peek(&m), ABORTED);
    // The device still gets the message published before the abort, then REMOTE_ABORTED.
    CHECK_OK(device.input().try_peek(&m));
    CHECK_OK(device.input().release(m));
    CHECK_KIND(device.input().try_peek(&m), REMOTE_ABORTED);
    CHECK_KIND(device.input().peek(&m, 5 * MS), REMOTE_ABORTED);
    std::uint64_t drained = 0;
    CHECK_KIND(device.input().drain([](const Message&) {}, 4, &drained), REMOTE_ABORTED);
    // Observing the peer's abort does not poison: the device's own flag stays 0.
    CHECK_OK(device.error());
    CHECK_EQ(TestQueue::value(q.counters()->l2_abort_flag), 0);
    // The output producer has room, so it does not block and does not report the abort.
    CHECK_OK(device.output().try_enqueue(Opcode::DATA, nullptr, 0));
}

ABIC_TEST(device_abort_is_seen_by_the_host_when_it_would_block) {
    TestQueue q(2, 256, 256);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    CHECK_OK(device.output().try_enqueue(Opcode::ERROR, nullptr, 0));
    device.abort();
    device.abort();
    CHECK_EQ(TestQueue::value(q.counters()->l2_abort_flag), 1);
    Message m{};
    Reservation r{};
    CHECK_KIND(device.input().try_peek(&m), ABORTED);
    CHECK_KIND(device.input().release(m), ABORTED);
    CHECK_KIND(device.output().try_reserve(0, &r), ABORTED);
    CHECK_KIND(device.output().publish(r, Opcode::DATA), ABORTED);
    CHECK_OK(host.output().try_peek(&m));
    CHECK_EQ(m.opcode, Opcode::ERROR);
    CHECK_OK(host.output().release(m));
    CHECK_KIND(host.output().try_peek(&m), REMOTE_ABORTED);
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, nullptr, 0));
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, nullptr, 0));
    CHECK_KIND(host.input().try_reserve(0, &r), REMOTE_ABORTED);
    CHECK_KIND(host.input().reserve(0, &r, 2 * MS), REMOTE_ABORTED);
    CHECK_KIND(host.try_stop(), REMOTE_ABORTED);
    CHECK_OK(host.error());
    CHECK_EQ(TestQueue::value(q.counters()->l3_abort_flag), 0);
}

ABIC_TEST(waits_time_out_without_poisoning_and_end_early_on_a_remote_abort) {
    TestQueue q(2, 256, 256);
    HostEndpoint host;
    DeviceEndpoint<> device;
    q.attach(host);
    q.attach(device);
    Message m{};
    Reservation r{};
    const auto elapsed_ms = [](auto start) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    };
    auto start = std::chrono::steady_clock::now();
    CHECK_KIND(device.input().peek(&m, 0), TIMEOUT);
    CHECK_KIND(device.input().peek(&m, 30 * MS), TIMEOUT);
    CHECK(elapsed_ms(start) >= 30);
    CHECK(elapsed_ms(start) < 5000);
    CHECK_KIND(host.output().peek(&m, 10 * MS), TIMEOUT);
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, nullptr, 0));
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, nullptr, 0));
    start = std::chrono::steady_clock::now();
    CHECK_KIND(host.input().reserve(0, &r, 20 * MS), TIMEOUT);
    CHECK(elapsed_ms(start) >= 20);
    CHECK_KIND(host.input().enqueue(Opcode::DATA, nullptr, 0, 0), TIMEOUT);
    CHECK_KIND(host.stop(5 * MS), TIMEOUT);
    CHECK_OK(device.output().reserve(256, &r, 0));
    CHECK_OK(device.output().publish(r, Opcode::DATA));
    CHECK_KIND(device.output().reserve(1, &r, 5 * MS), TIMEOUT);
    CHECK_OK(host.error());
    CHECK_OK(device.error());
    // A message that arrives during a wait ends it.
    CHECK_OK(host.output().try_peek(&m));
    CHECK_OK(host.output().release(m));
    std::thread late([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        Reservation late_r{};
        if (device.output().try_reserve(8, &late_r).is_ok()) {
            (void)device.output().publish(late_r, Opcode::ERROR);
        }
    });
    CHECK_OK(host.output().peek(&m, LONG_WAIT));
    late.join();
    CHECK_EQ(m.opcode, Opcode::ERROR);
    CHECK_OK(host.output().release(m));
    // A peer that aborts during a wait ends it with REMOTE_ABORTED long before the timeout.
    start = std::chrono::steady_clock::now();
    std::thread aborter([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        device.abort();
    });
    CHECK_KIND(host.output().peek(&m, LONG_WAIT), REMOTE_ABORTED);
    aborter.join();
    CHECK(elapsed_ms(start) < 5000);
    CHECK_OK(host.error());
}

ABIC_TEST(counter_words_reconstruct_across_the_32_bit_wrap) {
    using abic_runtime::detail::counter_word;
    using abic_runtime::detail::reconstruct;
    std::uint64_t out = 0;
    CHECK(reconstruct(0xFFFFFFF0ull, counter_word(0x100000005ull), &out));
    CHECK_EQ(out, 0x100000005ull);
    CHECK(reconstruct(0x7FFFFFFFFull, counter_word(0x7FFFFFFFFull), &out));
    CHECK_EQ(out, 0x7FFFFFFFFull);
    CHECK(!reconstruct(0x100000005ull, counter_word(0xFFFFFFF0ull), &out));
    CHECK(reconstruct(5, counter_word(5 + 0x7FFFFFFFull), &out));
    CHECK(!reconstruct(5, counter_word(5 + 0x80000000ull), &out));
}

}  // namespace
