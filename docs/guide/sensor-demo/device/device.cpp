// The device program: answers every Reading with a Verdict until the host sends STOP.
#include <cstdio>
#include <cstring>

#include "abic_runtime/queue.hpp"
#include "abic_runtime/shm_file.hpp"
#include "demo/sensor.h"

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : "/dev/shm/sensor-demo";
    auto file = abic_runtime::open_queue_file(path);
    if (!file.ok()) {
        std::fprintf(stderr, "%s\n", file.status().message.c_str());
        return 1;
    }
    abic_runtime::DeviceEndpoint<> device;
    abic_runtime::Status s = device.init(file.value().payload(), file.value().counters(), file.value().queue_args());
    const std::uint64_t wait_ns = 30'000'000'000ull;
    for (int answered = 0;; ++answered) {
        abic_runtime::Message in;
        if (!(s = device.input().peek(&in, wait_ns)).is_ok()) break;
        if (in.opcode == simpler::l3l2::L3L2QueueOpcode::STOP) {
            device.input().release(in);
            std::printf("STOP after %d readings\n", answered);
            return 0;
        }
        if (in.size != sizeof(demo::sensor::Reading)) {       // never trust the peer's sizes
            std::fprintf(stderr, "a message of %llu bytes is not a Reading\n", (unsigned long long)in.size);
            device.abort();
            return 1;
        }
        demo::sensor::Reading reading;
        std::memcpy(&reading, in.data, sizeof reading);      // read once, then use the copy
        demo::sensor::Verdict verdict{};
        verdict.sensor_id = reading.sensor_id;
        verdict.value = reading.value;
        verdict.alarm = reading.value > demo::sensor::ALARM_LIMIT;
        abic_runtime::Reservation out;
        if (!(s = device.output().reserve(sizeof verdict, &out, wait_ns)).is_ok()) break;
        std::memcpy(out.data, &verdict, sizeof verdict);
        device.output().publish(out, simpler::l3l2::L3L2QueueOpcode::DATA);
        device.input().release(in);
    }
    std::fprintf(stderr, "%s: %s\n", abic_runtime::to_string(s.kind()), s.message());
    return 1;
}
