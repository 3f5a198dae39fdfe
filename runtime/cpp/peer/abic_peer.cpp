// abic_peer: a test peer for the abic runtime, run as a separate process against a queue or
// mailbox file in /dev/shm. It plays the L2 (DeviceEndpoint) or the L3 (HostEndpoint) role of a
// queue, or either side of a chip bootstrap mailbox. Every wait uses the TIMEOUT_MS given.
//
// Exit status: 0 success; 2 bad arguments (usage on stderr); 3 an error (its kind and message on
// stderr); 4 TIMEOUT or REMOTE_ABORTED (that name on stderr); 5 a message that differs from the test
// stream (which one and how on stderr). On any failure the queue endpoint is aborted first.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "abic_runtime/mailbox.hpp"
#include "abic_runtime/queue.hpp"
#include "abic_runtime/shm_file.hpp"
#include "test_stream.hpp"

namespace {

using abic_runtime::ErrorKind;
using abic_runtime::Message;
using abic_runtime::Reservation;
using abic_runtime::Status;
using simpler::l3l2::L3L2QueueOpcode;

constexpr std::uint64_t NS_PER_MS = 1000000;
constexpr std::uint64_t RTT_PAYLOAD_BYTES = 64;
constexpr std::uint64_t MAX_LIST = 4096;

const char* const USAGE =
        "usage: abic_peer MODE ARGS...\n"
        "  consume FILE SEED MAX TIMEOUT_MS                L2: check input messages against the stream until STOP\n"
        "  produce FILE SEED MAX COUNT TIMEOUT_MS          L2: publish COUNT stream messages on the output\n"
        "  echo FILE TIMEOUT_MS                            L2: copy each input message to the output until STOP\n"
        "  host-produce FILE SEED MAX COUNT TIMEOUT_MS     L3: publish COUNT stream messages on the input, then STOP\n"
        "  host-consume FILE SEED MAX COUNT TIMEOUT_MS     L3: check COUNT output messages against the stream\n"
        "  rtt FILE COUNT TIMEOUT_MS                       L3: COUNT 64-byte round trips through an echo peer, then STOP\n"
        "  create-queue FILE DEPTH IN_ARENA OUT_ARENA      create a queue file\n"
        "  create-mailbox FILE                             create a mailbox file\n"
        "  mailbox-success FILE NDOMAINS PTRS_PER_DOMAIN   publish SUCCESS with generated domains\n"
        "  mailbox-error FILE CODE MESSAGE                 publish ERROR\n"
        "  mailbox-await FILE TIMEOUT_MS                   wait for the mailbox and print what it says\n"
        "exit: 0 ok, 2 usage, 3 error, 4 TIMEOUT or REMOTE_ABORTED, 5 data mismatch\n";

int usage(const char* problem) {
    std::fprintf(stderr, "abic_peer: %s\n%s", problem, USAGE);
    return 2;
}

/// A decimal u64 with nothing after it.
bool parse_u64(const char* text, std::uint64_t* out) {
    if (text[0] < '0' || text[0] > '9') {
        return false;
    }
    errno = 0;
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0') {
        return false;
    }
    *out = value;
    return true;
}

/// A decimal i32 (optionally negative) with nothing after it.
bool parse_i32(const char* text, std::int32_t* out) {
    errno = 0;
    char* end = nullptr;
    const long long value = std::strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < INT32_MIN || value > INT32_MAX) {
        return false;
    }
    *out = static_cast<std::int32_t>(value);
    return true;
}

/// TIMEOUT_MS in nanoseconds.
bool parse_timeout(const char* text, std::uint64_t* ns) {
    std::uint64_t ms;
    return parse_u64(text, &ms) && ::abic::detail::mul(ms, NS_PER_MS, ns);
}

/// Reports a failed call: exit 4 for TIMEOUT and REMOTE_ABORTED, else 3.
int fail(const Status& s) {
    if (s.kind() == ErrorKind::TIMEOUT || s.kind() == ErrorKind::REMOTE_ABORTED) {
        std::fprintf(stderr, "%s\n", abic_runtime::to_string(s.kind()));
        return 4;
    }
    std::fprintf(stderr, "%s: %s\n", abic_runtime::to_string(s.kind()), s.message());
    return 3;
}

int fail(const abic_runtime::FileStatus& s) {
    std::fprintf(stderr, "%s: %s\n", abic_runtime::to_string(s.kind), s.message.c_str());
    return 3;
}

template <class Endpoint>
int abort_and_fail(Endpoint& endpoint, const Status& s) {
    endpoint.abort();
    return fail(s);
}

/// Compares message `k` with the stream; prints the difference and returns false when it differs.
bool matches_stream(const Message& m, const abic_peer::StreamMessage& expected, std::uint64_t k) {
    if (m.opcode != expected.opcode || m.size != expected.size) {
        std::fprintf(stderr, "message %" PRIu64 ": opcode %" PRIu64 " size %" PRIu64 ", expected opcode %" PRIu64
                             " size %" PRIu64 "\n",
                     k, static_cast<std::uint64_t>(m.opcode), m.size, static_cast<std::uint64_t>(expected.opcode),
                     expected.size);
        return false;
    }
    const std::uint64_t at = expected.first_mismatch(m.data);
    if (at != expected.size) {
        std::fprintf(stderr, "message %" PRIu64 ": byte %" PRIu64 " is %u, expected %u\n", k, at,
                     static_cast<unsigned>(m.data[at]), static_cast<unsigned>(expected.byte(at)));
        return false;
    }
    return true;
}

/// Opens FILE and attaches `endpoint` to it.
template <class Endpoint>
int attach(const char* path, Endpoint& endpoint, std::optional<abic_runtime::QueueFile>* file) {
    auto opened = abic_runtime::open_queue_file(path);
    if (!opened.ok()) {
        return fail(opened.status());
    }
    file->emplace(std::move(opened.value()));
    const Status s = endpoint.init((*file)->payload(), (*file)->counters(), (*file)->queue_args());
    return s.is_ok() ? 0 : fail(s);
}

/// Consumes stream messages from `consumer` and checks them: until STOP (count == nullptr) or
/// `*count` messages. Prints "consumed N".
template <class Endpoint, class Consumer>
int consume_stream(Endpoint& endpoint, Consumer& consumer, std::uint64_t seed, std::uint64_t max,
                   const std::uint64_t* count, std::uint64_t timeout_ns) {
    std::uint64_t n = 0;
    while (count == nullptr || n < *count) {
        Message m;
        Status s = consumer.peek(&m, timeout_ns);
        if (!s.is_ok()) {
            return abort_and_fail(endpoint, s);
        }
        if (m.opcode == L3L2QueueOpcode::STOP) {
            s = consumer.release(m);
            if (!s.is_ok()) {
                return abort_and_fail(endpoint, s);
            }
            break;
        }
        if (!matches_stream(m, abic_peer::stream_message(seed, max, n), n)) {
            endpoint.abort();
            return 5;
        }
        s = consumer.release(m);
        if (!s.is_ok()) {
            return abort_and_fail(endpoint, s);
        }
        ++n;
    }
    std::printf("consumed %" PRIu64 "\n", n);
    return 0;
}

/// Publishes stream messages 0..count-1 on `producer`. Prints "produced N".
template <class Endpoint>
int produce_stream(Endpoint& endpoint, abic_runtime::Producer& producer, std::uint64_t seed, std::uint64_t max,
                   std::uint64_t count, std::uint64_t timeout_ns) {
    for (std::uint64_t k = 0; k < count; ++k) {
        const abic_peer::StreamMessage message = abic_peer::stream_message(seed, max, k);
        Reservation r;
        Status s = producer.reserve(message.size, &r, timeout_ns);
        if (!s.is_ok()) {
            return abort_and_fail(endpoint, s);
        }
        message.fill(r.data);
        s = producer.publish(r, message.opcode);
        if (!s.is_ok()) {
            return abort_and_fail(endpoint, s);
        }
    }
    return 0;
}

struct Stream {
    std::uint64_t seed;
    std::uint64_t max;
};

/// SEED MAX, with MAX below 2^64 - 1.
bool parse_stream(const char* seed, const char* max, Stream* out) {
    return parse_u64(seed, &out->seed) && parse_u64(max, &out->max) && out->max != UINT64_MAX;
}

int run_consume(char** a) {
    Stream stream;
    std::uint64_t timeout;
    if (!parse_stream(a[1], a[2], &stream) || !parse_timeout(a[3], &timeout)) {
        return usage("consume FILE SEED MAX TIMEOUT_MS: bad number");
    }
    abic_runtime::DeviceEndpoint<> endpoint;
    std::optional<abic_runtime::QueueFile> file;
    const int attached = attach(a[0], endpoint, &file);
    return attached != 0 ? attached
                         : consume_stream(endpoint, endpoint.input(), stream.seed, stream.max, nullptr, timeout);
}

int run_produce(char** a) {
    Stream stream;
    std::uint64_t count;
    std::uint64_t timeout;
    if (!parse_stream(a[1], a[2], &stream) || !parse_u64(a[3], &count) || !parse_timeout(a[4], &timeout)) {
        return usage("produce FILE SEED MAX COUNT TIMEOUT_MS: bad number");
    }
    abic_runtime::DeviceEndpoint<> endpoint;
    std::optional<abic_runtime::QueueFile> file;
    int rc = attach(a[0], endpoint, &file);
    if (rc == 0) {
        rc = produce_stream(endpoint, endpoint.output(), stream.seed, stream.max, count, timeout);
    }
    if (rc == 0) {
        std::printf("produced %" PRIu64 "\n", count);
    }
    return rc;
}

int run_echo(char** a) {
    std::uint64_t timeout;
    if (!parse_timeout(a[1], &timeout)) {
        return usage("echo FILE TIMEOUT_MS: bad number");
    }
    abic_runtime::DeviceEndpoint<> endpoint;
    std::optional<abic_runtime::QueueFile> file;
    const int attached = attach(a[0], endpoint, &file);
    if (attached != 0) {
        return attached;
    }
    for (std::uint64_t n = 0;; ++n) {
        Message m;
        Status s = endpoint.input().peek(&m, timeout);
        if (!s.is_ok()) {
            return abort_and_fail(endpoint, s);
        }
        if (m.opcode == L3L2QueueOpcode::STOP) {
            s = endpoint.input().release(m);
            if (!s.is_ok()) {
                return abort_and_fail(endpoint, s);
            }
            std::printf("echoed %" PRIu64 "\n", n);
            return 0;
        }
        Reservation r;
        s = endpoint.output().reserve(m.size, &r, timeout);
        if (s.is_ok()) {
            if (m.size != 0) {
                std::memcpy(r.data, m.data, m.size);
            }
            s = endpoint.output().publish(r, m.opcode);
        }
        if (s.is_ok()) {
            s = endpoint.input().release(m);
        }
        if (!s.is_ok()) {
            return abort_and_fail(endpoint, s);
        }
    }
}

int run_host_produce(char** a) {
    Stream stream;
    std::uint64_t count;
    std::uint64_t timeout;
    if (!parse_stream(a[1], a[2], &stream) || !parse_u64(a[3], &count) || !parse_timeout(a[4], &timeout)) {
        return usage("host-produce FILE SEED MAX COUNT TIMEOUT_MS: bad number");
    }
    abic_runtime::HostEndpoint endpoint;
    std::optional<abic_runtime::QueueFile> file;
    int rc = attach(a[0], endpoint, &file);
    if (rc == 0) {
        rc = produce_stream(endpoint, endpoint.input(), stream.seed, stream.max, count, timeout);
    }
    if (rc == 0) {
        const Status s = endpoint.stop(timeout);
        if (!s.is_ok()) {
            return abort_and_fail(endpoint, s);
        }
        std::printf("produced %" PRIu64 "\n", count);
    }
    return rc;
}

int run_host_consume(char** a) {
    Stream stream;
    std::uint64_t count;
    std::uint64_t timeout;
    if (!parse_stream(a[1], a[2], &stream) || !parse_u64(a[3], &count) || !parse_timeout(a[4], &timeout)) {
        return usage("host-consume FILE SEED MAX COUNT TIMEOUT_MS: bad number");
    }
    abic_runtime::HostEndpoint endpoint;
    std::optional<abic_runtime::QueueFile> file;
    const int attached = attach(a[0], endpoint, &file);
    return attached != 0 ? attached
                         : consume_stream(endpoint, endpoint.output(), stream.seed, stream.max, &count, timeout);
}

int run_rtt(char** a) {
    std::uint64_t count;
    std::uint64_t timeout;
    if (!parse_u64(a[1], &count) || count == 0 || !parse_timeout(a[2], &timeout)) {
        return usage("rtt FILE COUNT TIMEOUT_MS: bad number (COUNT >= 1)");
    }
    abic_runtime::HostEndpoint endpoint;
    std::optional<abic_runtime::QueueFile> file;
    const int attached = attach(a[0], endpoint, &file);
    if (attached != 0) {
        return attached;
    }
    std::vector<std::uint64_t> rtt_ns;
    rtt_ns.reserve(count);
    unsigned char payload[RTT_PAYLOAD_BYTES];
    for (std::uint64_t i = 0; i < count; ++i) {
        const abic_peer::StreamMessage message{abic_peer::splitmix64(i), RTT_PAYLOAD_BYTES, L3L2QueueOpcode::DATA};
        message.fill(payload);
        const auto start = std::chrono::steady_clock::now();
        Status s = endpoint.input().enqueue(L3L2QueueOpcode::DATA, payload, sizeof(payload), timeout);
        Message m;
        if (s.is_ok()) {
            s = endpoint.output().peek(&m, timeout);
        }
        const auto end = std::chrono::steady_clock::now();
        if (!s.is_ok()) {
            return abort_and_fail(endpoint, s);
        }
        if (!matches_stream(m, message, i)) {
            endpoint.abort();
            return 5;
        }
        s = endpoint.output().release(m);
        if (!s.is_ok()) {
            return abort_and_fail(endpoint, s);
        }
        rtt_ns.push_back(static_cast<std::uint64_t>(
                std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count()));
    }
    const Status s = endpoint.stop(timeout);
    if (!s.is_ok()) {
        return abort_and_fail(endpoint, s);
    }
    std::sort(rtt_ns.begin(), rtt_ns.end());
    // Nearest rank: the smallest value with at least the given share (per mille) of the samples at or below it.
    const auto rank = [&](std::uint64_t per_mille) { return rtt_ns[(per_mille * count + 999) / 1000 - 1]; };
    std::printf("rtt_ns median=%" PRIu64 " p99=%" PRIu64 " p999=%" PRIu64 "\n", rank(500), rank(990), rank(999));
    return 0;
}

int run_create_queue(char** a) {
    std::uint64_t depth;
    std::uint64_t in_arena;
    std::uint64_t out_arena;
    if (!parse_u64(a[1], &depth) || !parse_u64(a[2], &in_arena) || !parse_u64(a[3], &out_arena)) {
        return usage("create-queue FILE DEPTH IN_ARENA OUT_ARENA: bad number");
    }
    const auto file = abic_runtime::create_queue_file(a[0], depth, in_arena, out_arena);
    return file.ok() ? 0 : fail(file.status());
}

int run_create_mailbox(char** a) {
    const auto file = abic_runtime::create_mailbox_file(a[0]);
    return file.ok() ? 0 : fail(file.status());
}

int run_mailbox_success(char** a) {
    std::uint64_t domains;
    std::uint64_t per_domain;
    if (!parse_u64(a[1], &domains) || !parse_u64(a[2], &per_domain) || domains > MAX_LIST || per_domain > MAX_LIST) {
        return usage("mailbox-success FILE NDOMAINS PTRS_PER_DOMAIN: bad number (each at most 4096)");
    }
    auto file = abic_runtime::open_mailbox_file(a[0]);
    if (!file.ok()) {
        return fail(file.status());
    }
    std::vector<std::string> names;
    std::vector<std::vector<std::uint64_t>> pointers;
    std::vector<abic_runtime::DomainReport> reports;
    for (std::uint64_t d = 0; d < domains; ++d) {
        names.push_back("domain" + std::to_string(d));
        pointers.emplace_back();
        for (std::uint64_t j = 0; j < per_domain; ++j) {
            pointers.back().push_back(0xB0000000ull + d * 0x1000 + j * 8);
        }
    }
    for (std::uint64_t d = 0; d < domains; ++d) {
        reports.push_back(abic_runtime::DomainReport{names[d].c_str(), static_cast<std::int32_t>(d),
                                                     static_cast<std::int32_t>(d + 1), 0x1000 + d,
                                                     0x10000 * (d + 1), 0x4000 * (d + 1), pointers[d].data(),
                                                     per_domain});
    }
    const Status s = abic_runtime::MailboxWriter(file.value().mailbox()).publish_success(reports.data(), domains);
    return s.is_ok() ? 0 : fail(s);
}

int run_mailbox_error(char** a) {
    std::int32_t code;
    if (!parse_i32(a[1], &code)) {
        return usage("mailbox-error FILE CODE MESSAGE: bad CODE");
    }
    auto file = abic_runtime::open_mailbox_file(a[0]);
    if (!file.ok()) {
        return fail(file.status());
    }
    const Status s = abic_runtime::MailboxWriter(file.value().mailbox()).publish_error(code, a[2]);
    return s.is_ok() ? 0 : fail(s);
}

int run_mailbox_await(char** a) {
    std::uint64_t timeout;
    if (!parse_timeout(a[1], &timeout)) {
        return usage("mailbox-await FILE TIMEOUT_MS: bad number");
    }
    auto file = abic_runtime::open_mailbox_file(a[0]);
    if (!file.ok()) {
        return fail(file.status());
    }
    abic_runtime::MailboxReport report;
    const Status s = abic_runtime::MailboxReader(file.value().mailbox()).await(&report, timeout);
    if (!s.is_ok()) {
        return fail(s);
    }
    if (report.state() == simpler::bootstrap::ChipBootstrapMailboxState::ERROR) {
        std::printf("error code=%" PRId32 " message=%s\n", report.error_code(), report.error_message());
        return 0;
    }
    std::printf("success domains=%" PRIu32 "\n", report.domain_count());
    for (std::uint32_t d = 0; d < report.domain_count(); ++d) {
        const simpler::bootstrap::ChipBootstrapDomainRecord& r = report.domain(d);
        std::printf("%s %" PRId32 " %" PRId32 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId32, r.name, r.domain_rank,
                    r.domain_size, r.device_ctx, r.local_window_base, r.actual_window_size, r.buffer_count);
        for (std::int32_t j = 0; j < r.buffer_count; ++j) {
            std::printf(" %" PRIu64, report.buffer_ptrs(d)[j]);
        }
        std::printf("\n");
    }
    return 0;
}

struct Mode {
    const char* name;
    int arguments;
    int (*run)(char**);
};

const Mode MODES[] = {
        {"consume", 4, run_consume},
        {"produce", 5, run_produce},
        {"echo", 2, run_echo},
        {"host-produce", 5, run_host_produce},
        {"host-consume", 5, run_host_consume},
        {"rtt", 3, run_rtt},
        {"create-queue", 4, run_create_queue},
        {"create-mailbox", 1, run_create_mailbox},
        {"mailbox-success", 3, run_mailbox_success},
        {"mailbox-error", 3, run_mailbox_error},
        {"mailbox-await", 2, run_mailbox_await},
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        return usage("no mode");
    }
    for (const Mode& mode : MODES) {
        if (std::strcmp(argv[1], mode.name) == 0) {
            if (argc - 2 != mode.arguments) {
                return usage((std::string(mode.name) + ": wrong number of arguments").c_str());
            }
            const int rc = mode.run(argv + 2);
            std::fflush(stdout);
            return rc;
        }
    }
    return usage((std::string("unknown mode ") + argv[1]).c_str());
}
