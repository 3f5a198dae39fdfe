// The runtime's /dev/shm files: a created queue file matches the generated layouts and carries
// traffic between two mappings; openers reject every damaged header and task-argument field with
// BAD_DESCRIPTOR naming it; mailbox files; creation and system-call failures are BAD_ARGUMENT.
#include <dirent.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>

#include "abic/shm.h"
#include "abic_runtime/mailbox.hpp"
#include "abic_runtime/queue.hpp"
#include "abic_runtime/shm_file.hpp"
#include "test_support.hpp"

namespace {

using abic_runtime::ErrorKind;
using abic_runtime::FileStatus;
using abic_test::Failure;
using Opcode = simpler::l3l2::L3L2QueueOpcode;

/// A path in /dev/shm unique to this process, removed (if present) when the test ends.
class TempPath {
public:
    explicit TempPath(const std::string& name)
        : path_("/dev/shm/abic_cpp_test_" + std::to_string(::getpid()) + "_" + name) {}
    ~TempPath() { ::unlink(path_.c_str()); }
    const std::string& str() const { return path_; }

private:
    std::string path_;
};

/// Fails unless `status` is `kind` with a message that contains `part`.
void check_file_error(const FileStatus& status, ErrorKind kind, const std::string& part) {
    if (status.kind != kind || status.message.find(part) == std::string::npos) {
        throw Failure{std::string("expected ") + abic_runtime::to_string(kind) + " naming \"" + part + "\", got " +
                      abic_runtime::to_string(status.kind) + ": " + status.message};
    }
}

/// Names of the entries in /dev/shm that start with `prefix`.
int count_entries_starting_with(const std::string& prefix) {
    DIR* dir = ::opendir("/dev/shm");
    int count = 0;
    for (dirent* e = ::readdir(dir); e != nullptr; e = ::readdir(dir)) {
        count += std::string(e->d_name).rfind(prefix, 0) == 0 ? 1 : 0;
    }
    ::closedir(dir);
    return count;
}

ABIC_TEST(a_created_queue_file_matches_the_layouts_and_carries_traffic_between_mappings) {
    TempPath path("queue");
    auto created = abic_runtime::create_queue_file(path.str(), 8, 256, 512);
    if (!created.ok()) {
        throw Failure{created.status().message};
    }
    const abic_runtime::QueueFile& file = created.value();
    simpler::l3l2::L3L2QueueRegionLayout region;
    CHECK(simpler::l3l2::compute_l3_l2_queue_region_layout(8, 256, 512, &region) == ::abic::LayoutStatus::OK);
    abic_shm::ShmQueueFileLayout layout;
    CHECK(abic_shm::compute_shm_queue_file_layout(region.total_bytes, &layout) == ::abic::LayoutStatus::OK);
    CHECK_EQ(file.mapping().size(), layout.total_bytes);
    CHECK_EQ(file.header().magic, abic_shm::SHM_FILE_MAGIC);
    CHECK_EQ(file.header().version, abic_shm::SHM_FILE_VERSION);
    CHECK_EQ(file.header().kind, abic_shm::ShmFileKind::L3L2_QUEUE);
    CHECK_EQ(file.header().file_bytes, layout.total_bytes);
    CHECK_EQ(file.header().creator_pid, static_cast<std::int64_t>(::getpid()));
    const auto& args = file.task_args();
    CHECK_EQ(args.region.magic_version, simpler::orch::L3L2_ORCH_COMM_MAGIC_VERSION);
    CHECK_EQ(args.region.region_id, abic_shm::SHM_FILE_QUEUE_REGION_ID);
    CHECK_EQ(args.region.payload_base, layout.payload_offset);
    CHECK_EQ(args.region.payload_bytes, region.total_bytes);
    CHECK_EQ(args.region.counter_base, layout.counters_offset);
    CHECK_EQ(args.region.counter_bytes, simpler::l3l2::L3L2_QUEUE_COUNTER_BYTES);
    CHECK_EQ(args.queue.magic_version, simpler::l3l2::L3L2_QUEUE_MAGIC_VERSION);
    CHECK_EQ(args.queue.depth, 8u);
    CHECK_EQ(args.queue.input_arena_bytes, 256u);
    CHECK_EQ(args.queue.output_arena_bytes, 512u);
    CHECK_EQ(args.queue.payload_bytes, region.total_bytes);
    CHECK(file.payload() == file.mapping().data() + layout.payload_offset);
    CHECK(reinterpret_cast<unsigned char*>(file.counters()) == file.mapping().data() + layout.counters_offset);
    // The task arguments are in the file too, where the layout puts them.
    simpler::l3l2::L3L2QueueTaskArgs in_file;
    std::memcpy(&in_file, file.mapping().data() + layout.args_offset, sizeof(in_file));
    CHECK(std::memcmp(&in_file, &args, sizeof(args)) == 0);
    CHECK_EQ(count_entries_starting_with("abic_cpp_test_" + std::to_string(::getpid()) + "_queue."), 0);

    auto opened = abic_runtime::open_queue_file(path.str());
    if (!opened.ok()) {
        throw Failure{opened.status().message};
    }
    CHECK(std::memcmp(&opened.value().task_args(), &args, sizeof(args)) == 0);
    CHECK(opened.value().mapping().data() != file.mapping().data());
    abic_runtime::HostEndpoint host;
    abic_runtime::DeviceEndpoint<> device;
    CHECK_OK(host.init(file.payload(), file.counters(), file.queue_args()));
    CHECK_OK(device.init(opened.value().payload(), opened.value().counters(), opened.value().queue_args()));
    for (std::uint64_t i = 0; i < 1000; ++i) {
        const std::uint64_t value = i * 0x9E3779B97F4A7C15ull;
        CHECK_OK(host.input().try_enqueue(Opcode::DATA, &value, sizeof(value)));
        abic_runtime::Message m{};
        CHECK_OK(device.input().try_peek(&m));
        std::uint64_t got = 0;
        CHECK_EQ(m.size, sizeof(got));
        std::memcpy(&got, m.data, sizeof(got));
        CHECK_EQ(got, value);
        CHECK_OK(device.output().try_enqueue(Opcode::ERROR, m.data, m.size));
        CHECK_OK(device.input().release(m));
        CHECK_OK(host.output().try_peek(&m));
        CHECK_EQ(m.opcode, Opcode::ERROR);
        CHECK_OK(host.output().release(m));
    }
    CHECK_EQ(simpler::l3l2::load_value_acquire(&opened.value().counters()->output_desc_head), 1000);
}

ABIC_TEST(open_rejects_each_damaged_queue_file_field_by_name) {
    struct Case {
        const char* name;
        const char* field;
        std::function<void(unsigned char*, const std::string&)> damage;
    };
    abic_shm::ShmQueueFileLayout layout{};
    abic_shm::compute_shm_queue_file_layout(1, &layout);
    const auto header = [](unsigned char* base) { return reinterpret_cast<abic_shm::ShmFileHeader*>(base); };
    const auto args = [&](unsigned char* base) {
        return reinterpret_cast<simpler::l3l2::L3L2QueueTaskArgs*>(base + layout.args_offset);
    };
    const Case cases[] = {
            {"magic", "header.magic", [&](unsigned char* b, const std::string&) { header(b)->magic ^= 1; }},
            {"version", "header.version", [&](unsigned char* b, const std::string&) { header(b)->version += 1; }},
            {"kind", "header.kind",
             [&](unsigned char* b, const std::string&) { header(b)->kind = abic_shm::ShmFileKind::CHIP_BOOTSTRAP_MAILBOX; }},
            {"kind INVALID", "header.kind",
             [&](unsigned char* b, const std::string&) { header(b)->kind = abic_shm::ShmFileKind::INVALID; }},
            {"file_bytes", "header.file_bytes",
             [&](unsigned char* b, const std::string&) { header(b)->file_bytes += abic_shm::SHM_FILE_PAGE_BYTES; }},
            {"file grew", "header.file_bytes",
             [&](unsigned char* b, const std::string& path) {
                 CHECK_EQ(::truncate(path.c_str(), static_cast<off_t>(header(b)->file_bytes * 2)), 0);
             }},
            {"file shorter than a header", "smaller than its header",
             [&](unsigned char*, const std::string& path) { CHECK_EQ(::truncate(path.c_str(), 10), 0); }},
            {"region major version", "args.region.magic_version",
             [&](unsigned char* b, const std::string&) { args(b)->region.magic_version += 1ull << 16; }},
            {"region magic", "args.region.magic_version",
             [&](unsigned char* b, const std::string&) { args(b)->region.magic_version ^= 1ull << 40; }},
            {"region_id", "args.region.region_id",
             [&](unsigned char* b, const std::string&) { args(b)->region.region_id = 0; }},
            {"payload_bytes 0", "args.region.payload_bytes",
             [&](unsigned char* b, const std::string&) { args(b)->region.payload_bytes = 0; }},
            {"payload_bytes", "args.region.payload_bytes",
             [&](unsigned char* b, const std::string&) { args(b)->region.payload_bytes += 64; }},
            {"payload_bytes past the file", "header.file_bytes",
             [&](unsigned char* b, const std::string&) { args(b)->region.payload_bytes += 1 << 20; }},
            {"payload_base", "args.region.payload_base",
             [&](unsigned char* b, const std::string&) { args(b)->region.payload_base += 64; }},
            {"counter_base", "args.region.counter_base",
             [&](unsigned char* b, const std::string&) { args(b)->region.counter_base = 0; }},
            {"counter_bytes", "args.region.counter_bytes",
             [&](unsigned char* b, const std::string&) { args(b)->region.counter_bytes = 4; }},
            {"queue magic_version minor", "args.queue.magic_version",
             [&](unsigned char* b, const std::string&) { args(b)->queue.magic_version += 1; }},
            {"queue depth", "args.queue.depth", [&](unsigned char* b, const std::string&) { args(b)->queue.depth = 3; }},
            {"queue arena", "args.queue.payload_bytes",
             [&](unsigned char* b, const std::string&) { args(b)->queue.input_arena_bytes = 320; }},
            {"queue payload_bytes", "args.queue.payload_bytes",
             [&](unsigned char* b, const std::string&) { args(b)->queue.payload_bytes += 64; }},
            {"queue counter_bytes", "args.queue.counter_bytes",
             [&](unsigned char* b, const std::string&) { args(b)->queue.counter_bytes = 380; }},
    };
    for (const Case& c : cases) {
        TempPath path("damaged");
        auto created = abic_runtime::create_queue_file(path.str(), 8, 256, 512);
        if (!created.ok()) {
            throw Failure{created.status().message};
        }
        try {
            c.damage(created.value().mapping().data(), path.str());
            check_file_error(abic_runtime::open_queue_file(path.str()).status(), ErrorKind::BAD_DESCRIPTOR, c.field);
        } catch (const Failure& f) {
            throw Failure{std::string(c.name) + ": " + f.message};
        }
    }
    // Only the region's magic and major version are compared: another minor version opens.
    TempPath path("minor");
    auto created = abic_runtime::create_queue_file(path.str(), 8, 256, 512);
    args(created.value().mapping().data())->region.magic_version += 1;
    CHECK(abic_runtime::open_queue_file(path.str()).ok());
}

ABIC_TEST(mailbox_files_carry_a_report_between_mappings) {
    TempPath path("mailbox");
    auto created = abic_runtime::create_mailbox_file(path.str());
    if (!created.ok()) {
        throw Failure{created.status().message};
    }
    CHECK_EQ(created.value().mapping().size() % abic_shm::SHM_FILE_PAGE_BYTES, 0u);
    CHECK(created.value().mapping().size() >= sizeof(abic_shm::ShmMailboxFile));
    CHECK_EQ(created.value().header().kind, abic_shm::ShmFileKind::CHIP_BOOTSTRAP_MAILBOX);
    CHECK_EQ(created.value().header().file_bytes, created.value().mapping().size());
    CHECK(reinterpret_cast<unsigned char*>(created.value().mailbox()) ==
          created.value().mapping().data() + offsetof(abic_shm::ShmMailboxFile, mailbox));
    auto opened = abic_runtime::open_mailbox_file(path.str());
    if (!opened.ok()) {
        throw Failure{opened.status().message};
    }
    static abic_runtime::MailboxReport report;
    CHECK_WOULD_BLOCK(abic_runtime::MailboxReader(opened.value().mailbox()).try_read(&report));
    CHECK_OK(abic_runtime::MailboxWriter(created.value().mailbox()).publish_error(5, "no device"));
    CHECK_OK(abic_runtime::MailboxReader(opened.value().mailbox()).try_read(&report));
    CHECK_EQ(report.error_code(), 5);
    CHECK_EQ(std::string(report.error_message()), std::string("no device"));

    TempPath queue("not_a_mailbox");
    CHECK(abic_runtime::create_queue_file(queue.str(), 1, 64, 64).ok());
    check_file_error(abic_runtime::open_mailbox_file(queue.str()).status(), ErrorKind::BAD_DESCRIPTOR, "header.kind");
    check_file_error(abic_runtime::open_queue_file(path.str()).status(), ErrorKind::BAD_DESCRIPTOR, "header.kind");
    reinterpret_cast<abic_shm::ShmFileHeader*>(created.value().mapping().data())->file_bytes = 4096;
    CHECK_EQ(::truncate(path.str().c_str(), 4096), 0);
    check_file_error(abic_runtime::open_mailbox_file(path.str()).status(), ErrorKind::BAD_DESCRIPTOR,
                     "header.file_bytes");
}

ABIC_TEST(file_creation_and_system_call_failures_are_bad_arguments) {
    TempPath path("bad");
    check_file_error(abic_runtime::create_queue_file(path.str(), 3, 64, 64).status(), ErrorKind::BAD_ARGUMENT,
                     "give no queue layout");
    check_file_error(abic_runtime::create_queue_file(path.str(), 4, 100, 64).status(), ErrorKind::BAD_ARGUMENT,
                     "give no queue layout");
    check_file_error(abic_runtime::create_queue_file(path.str(), 4, 64, ~static_cast<std::uint64_t>(63)).status(),
                     ErrorKind::BAD_ARGUMENT, "");
    check_file_error(abic_runtime::create_queue_file("/nonexistent-dir/q", 4, 64, 64).status(), ErrorKind::BAD_ARGUMENT,
                     "mkostemp");
    check_file_error(abic_runtime::create_mailbox_file("/nonexistent-dir/m").status(), ErrorKind::BAD_ARGUMENT,
                     "mkostemp");
    check_file_error(abic_runtime::open_queue_file(path.str()).status(), ErrorKind::BAD_ARGUMENT, "open");
    check_file_error(abic_runtime::open_mailbox_file(path.str()).status(), ErrorKind::BAD_ARGUMENT, "open");
    CHECK(abic_runtime::create_mailbox_file(path.str()).ok());
    // Creating again never replaces a file someone may be using; nothing is left behind.
    check_file_error(abic_runtime::create_queue_file(path.str(), 2, 64, 64).status(), ErrorKind::BAD_ARGUMENT, "link");
    CHECK(abic_runtime::open_mailbox_file(path.str()).ok());
    CHECK(abic_runtime::unlink_file(path.str()).ok());
    CHECK(abic_runtime::create_queue_file(path.str(), 2, 64, 64).ok());
    CHECK(abic_runtime::open_queue_file(path.str()).ok());
    CHECK(abic_runtime::unlink_file(path.str()).ok());
    check_file_error(abic_runtime::unlink_file(path.str()), ErrorKind::BAD_ARGUMENT, "unlink");
    CHECK_EQ(count_entries_starting_with("abic_cpp_test_" + std::to_string(::getpid()) + "_bad"), 0);
}

}  // namespace
