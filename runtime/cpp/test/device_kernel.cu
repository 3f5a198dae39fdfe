// The runtime in CUDA device code (compiled by CppNvccTest with nvcc -c; there is no GPU to run it
// on): an L2 echo kernel on a DeviceEndpoint with a window of two messages, waiting with the device
// clock, and a chip bootstrap report written with the MailboxWriter.
#include <cstdint>

#include "abic_runtime/mailbox.hpp"
#include "abic_runtime/queue.hpp"

namespace {

constexpr std::uint64_t WAIT_NS = 1000000000;

/// Copies each input message to the output (same opcode and bytes) until STOP, then drains
/// whatever else is published. Returns the status that ended the loop.
__device__ abic_runtime::Status echo(abic_runtime::DeviceEndpoint<2>& endpoint, std::uint64_t* echoed) {
    for (;;) {
        abic_runtime::Message in;
        abic_runtime::Status s = endpoint.input().peek(&in, WAIT_NS);
        if (!s.is_ok()) {
            return s;
        }
        if (in.opcode == simpler::l3l2::L3L2QueueOpcode::STOP) {
            return endpoint.input().release(in);
        }
        abic_runtime::Reservation out;
        s = endpoint.output().reserve(in.size, &out, WAIT_NS);
        if (!s.is_ok()) {
            return s;
        }
        for (std::uint64_t i = 0; i < in.size; ++i) {
            out.data[i] = in.data[i];
        }
        s = endpoint.output().publish(out, in.opcode);
        if (s.is_ok()) {
            s = endpoint.input().release(in);
        }
        if (!s.is_ok()) {
            return s;
        }
        ++*echoed;
    }
}

}  // namespace

/// One thread attaches to the queue, echoes it, and reports the outcome on the mailbox page.
__global__ void l2_echo_kernel(void* payload, simpler::l3l2::L3L2QueueCounters* counters,
                               simpler::l3l2::L3L2QueueArgs args, simpler::bootstrap::ChipBootstrapMailboxV2* page,
                               std::uint64_t* echoed) {
    abic_runtime::DeviceEndpoint<2> endpoint;
    abic_runtime::MailboxWriter writer(page);
    abic_runtime::Status s = endpoint.init(payload, counters, args);
    if (!s.is_ok()) {
        (void)writer.publish_error(static_cast<std::int32_t>(s.kind()), s.message());
        return;
    }
    const std::uint64_t buffers[2] = {reinterpret_cast<std::uint64_t>(payload),
                                      reinterpret_cast<std::uint64_t>(counters)};
    const abic_runtime::DomainReport domain{"queue", 0, 1, 0, reinterpret_cast<std::uint64_t>(payload),
                                            args.payload_bytes, buffers, 2};
    s = writer.publish_success(&domain, 1);
    if (s.is_ok()) {
        s = echo(endpoint, echoed);
    }
    std::uint64_t drained = 0;
    (void)endpoint.input().drain([](const abic_runtime::Message&) {}, args.depth, &drained);
    if (!s.is_ok()) {
        endpoint.abort();
    }
}
