// Regression tests for defects found in review.
#include <cstdint>
#include <cstring>

#include "abic_runtime/queue.hpp"
#include "test_support.hpp"

namespace {

using abic_runtime::DeviceEndpoint;
using abic_runtime::ErrorKind;
using abic_runtime::HostEndpoint;
using abic_runtime::Message;
using abic_runtime::Status;
using abic_test::TestQueue;
using Opcode = simpler::l3l2::L3L2QueueOpcode;

// A drain releases its whole batch when it returns. A peek from inside the handler would hand out a
// message that the drain then releases while it is still held (the producer may overwrite its
// payload); it must be refused with OWNERSHIP, as in Java, and the head must not pass a held message.
ABIC_TEST(review_peek_inside_drain_handler_is_ownership) {
    TestQueue q(8, 256, 256);
    HostEndpoint host;
    DeviceEndpoint<2> device;
    q.attach(host);
    q.attach(device);
    const unsigned char payload[4] = {1, 2, 3, 4};
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, payload, sizeof(payload)));
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, payload, sizeof(payload)));
    Status inner = Status::ok();
    Message held{};
    std::uint64_t drained = 0;
    bool peeked_once = false;
    CHECK_OK(device.input().drain(
            [&](const Message&) {
                if (!peeked_once) {
                    peeked_once = true;
                    inner = device.input().try_peek(&held);
                }
            },
            8, &drained));
    CHECK_EQ(inner.kind(), ErrorKind::OWNERSHIP);
    // Whatever the drain handled is released; nothing is left held.
    CHECK_EQ(drained, std::uint64_t{2});
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_head), 2);
    CHECK(device.error().is_ok());
}

// release() from inside a drain handler is refused too (Java: OWNERSHIP); the drain releases its batch.
ABIC_TEST(review_release_inside_drain_handler_is_ownership) {
    TestQueue q(8, 256, 256);
    HostEndpoint host;
    DeviceEndpoint<2> device;
    q.attach(host);
    q.attach(device);
    const unsigned char payload[4] = {1, 2, 3, 4};
    CHECK_OK(host.input().try_enqueue(Opcode::DATA, payload, sizeof(payload)));
    Status inner = Status::ok();
    std::uint64_t drained = 0;
    CHECK_OK(device.input().drain([&](const Message& m) { inner = device.input().release(m); }, 8, &drained));
    CHECK_EQ(inner.kind(), ErrorKind::OWNERSHIP);
    CHECK_EQ(drained, std::uint64_t{1});
    CHECK_EQ(TestQueue::value(q.counters()->input_desc_head), 1);
}

}  // namespace
