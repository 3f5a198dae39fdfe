// The chip bootstrap mailbox: the writer's success and error pages read back by the reader, the
// writer's argument rules (nothing written on a rejection), publication exactly once, and the
// reader's rejection of every out-of-range value a page can hold.
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <thread>

#include "abic_runtime/mailbox.hpp"
#include "test_support.hpp"

namespace {

using abic_runtime::DomainReport;
using abic_runtime::MailboxReader;
using abic_runtime::MailboxReport;
using abic_runtime::MailboxWriter;
using abic_test::Failure;
using simpler::bootstrap::CHIP_BOOTSTRAP_MAX_DOMAINS;
using simpler::bootstrap::CHIP_BOOTSTRAP_V2_PTR_CAPACITY;
using simpler::bootstrap::ChipBootstrapMailboxState;
using Page = simpler::bootstrap::ChipBootstrapMailboxV2;

constexpr std::uint64_t MS = 1000000;

/// A page full of 0xAA bytes except for an IDLE state, to see what the writer zeroes.
void fill_garbage(Page* page) {
    std::memset(static_cast<void*>(page), 0xAA, sizeof(*page));
    page->state = static_cast<std::int32_t>(ChipBootstrapMailboxState::IDLE);
}

bool same_bytes(const Page& a, const Page& b) { return std::memcmp(&a, &b, sizeof(Page)) == 0; }

ABIC_TEST(mailbox_success_round_trip_packs_pointers_and_zeroes_the_page_body) {
    static Page page;
    fill_garbage(&page);
    const std::uint64_t a_ptrs[] = {0x1000, 0x2000, 0x3000};
    const std::uint64_t c_ptrs[] = {0xC0};
    const DomainReport domains[] = {
            {"alpha", 0, 2, 0x11, 0x100, 0x40, a_ptrs, 3},
            {"b", 1, 2, 0x22, 0x200, 0x80, nullptr, 0},
            {"a name of thirty-one characters", 4, 5, 0x33, 0x300, 0xC0, c_ptrs, 1},
    };
    CHECK_OK(MailboxWriter(&page).publish_success(domains, 3));
    CHECK_EQ(simpler::bootstrap::load_state_acquire(&page), ChipBootstrapMailboxState::SUCCESS);
    CHECK_EQ(page.domain_count, 3);
    CHECK_EQ(page.domain_records[0].ptr_offset, 0);
    CHECK_EQ(page.domain_records[1].ptr_offset, 3);
    CHECK_EQ(page.domain_records[2].ptr_offset, 3);
    // Bytes from domain_count up to error_msg that no field uses are zero; error_msg is untouched.
    for (unsigned char b : page.reserved0) {
        CHECK_EQ(b, 0);
    }
    for (std::uint32_t i = 3; i < CHIP_BOOTSTRAP_MAX_DOMAINS; ++i) {
        CHECK_EQ(page.domain_records[i].domain_size, 0);
        CHECK_EQ(page.domain_records[i].name[0], '\0');
    }
    CHECK_EQ(page.domain_records[0].reserved0, 0u);
    CHECK_EQ(page.domain_records[0].name[5], '\0');
    CHECK_EQ(page.domain_records[0].name[31], '\0');
    CHECK_EQ(page.buffer_ptrs[4], 0u);
    CHECK_EQ(page.buffer_ptrs[CHIP_BOOTSTRAP_V2_PTR_CAPACITY - 1], 0u);
    CHECK_EQ(static_cast<unsigned char>(page.error_msg[0]), 0xAA);

    static MailboxReport report;
    CHECK_OK(MailboxReader(&page).try_read(&report));
    CHECK_EQ(report.state(), ChipBootstrapMailboxState::SUCCESS);
    CHECK_EQ(report.domain_count(), 3u);
    for (std::uint32_t d = 0; d < 3; ++d) {
        const auto& r = report.domain(d);
        CHECK_EQ(std::string(r.name), std::string(domains[d].name));
        CHECK_EQ(r.domain_rank, domains[d].domain_rank);
        CHECK_EQ(r.domain_size, domains[d].domain_size);
        CHECK_EQ(r.device_ctx, domains[d].device_ctx);
        CHECK_EQ(r.local_window_base, domains[d].local_window_base);
        CHECK_EQ(r.actual_window_size, domains[d].actual_window_size);
        CHECK_EQ(static_cast<std::uint64_t>(r.buffer_count), domains[d].buffer_count);
        for (std::uint64_t j = 0; j < domains[d].buffer_count; ++j) {
            CHECK_EQ(report.buffer_ptrs(d)[j], domains[d].buffer_ptrs[j]);
        }
    }
    // The report is a copy: later scribbles on the page do not change it.
    page.domain_records[0].domain_rank = 7;
    CHECK_EQ(report.domain(0).domain_rank, 0);
}

ABIC_TEST(mailbox_publishes_exactly_once) {
    static Page page;
    abic_runtime::reset_mailbox(&page);
    MailboxWriter writer(&page);
    CHECK_OK(writer.publish_success(nullptr, 0));
    CHECK_KIND(writer.publish_success(nullptr, 0), OWNERSHIP);
    CHECK_KIND(writer.publish_error(1, "late"), OWNERSHIP);
    CHECK_KIND(MailboxWriter(&page).publish_error(1, "late"), OWNERSHIP);
    static MailboxReport report;
    CHECK_OK(MailboxReader(&page).try_read(&report));
    CHECK_EQ(report.domain_count(), 0u);
    abic_runtime::reset_mailbox(&page);
    CHECK_EQ(simpler::bootstrap::load_state_acquire(&page), ChipBootstrapMailboxState::IDLE);
    const unsigned char* bytes = reinterpret_cast<const unsigned char*>(&page);
    for (std::size_t i = 0; i < sizeof(page); ++i) {
        CHECK_EQ(bytes[i], 0);
    }
    CHECK_OK(writer.publish_error(3, "again"));
    CHECK_KIND(writer.publish_error(3, "again"), OWNERSHIP);
}

ABIC_TEST(mailbox_writer_rejects_bad_domains_and_writes_nothing) {
    static const std::uint64_t ptrs[CHIP_BOOTSTRAP_V2_PTR_CAPACITY + 1] = {};
    const char* const names[] = {"d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"};
    const auto domain = [&](std::uint32_t i) { return DomainReport{names[i], 0, 1, 0, 0, 0, ptrs, 0}; };
    struct Case {
        const char* name;
        std::function<void(DomainReport*, std::uint64_t*)> edit;
    };
    const Case cases[] = {
            {"nine domains", [](DomainReport*, std::uint64_t* count) { *count = CHIP_BOOTSTRAP_MAX_DOMAINS + 1; }},
            {"null name", [](DomainReport* d, std::uint64_t*) { d[1].name = nullptr; }},
            {"empty name", [](DomainReport* d, std::uint64_t*) { d[1].name = ""; }},
            {"32-byte name", [](DomainReport* d, std::uint64_t*) { d[1].name = "a name of thirty-two characters!"; }},
            {"duplicate name", [](DomainReport* d, std::uint64_t*) { d[2].name = "d0"; }},
            {"domain_size 0", [](DomainReport* d, std::uint64_t*) { d[0].domain_size = 0; }},
            {"domain_size negative", [](DomainReport* d, std::uint64_t*) { d[0].domain_size = -3; }},
            {"rank negative", [](DomainReport* d, std::uint64_t*) { d[0].domain_rank = -1; }},
            {"rank equal to size", [](DomainReport* d, std::uint64_t*) { d[0].domain_rank = d[0].domain_size; }},
            {"null pointers with a count", [](DomainReport* d, std::uint64_t*) { d[3].buffer_ptrs = nullptr; d[3].buffer_count = 1; }},
            {"one pointer too many",
             [](DomainReport* d, std::uint64_t*) {
                 d[0].buffer_count = CHIP_BOOTSTRAP_V2_PTR_CAPACITY - 10;
                 d[1].buffer_count = 11;
             }},
            {"a count that overflows",
             [](DomainReport* d, std::uint64_t*) {
                 d[0].buffer_count = 5;
                 d[1].buffer_count = ~static_cast<std::uint64_t>(0) - 2;
             }},
    };
    static Page page;
    static Page before;
    for (const Case& c : cases) {
        DomainReport domains[CHIP_BOOTSTRAP_MAX_DOMAINS + 1];
        for (std::uint32_t i = 0; i <= CHIP_BOOTSTRAP_MAX_DOMAINS; ++i) {
            domains[i] = domain(i);
        }
        std::uint64_t count = 4;
        c.edit(domains, &count);
        fill_garbage(&page);
        before = page;
        const abic_runtime::Status s = MailboxWriter(&page).publish_success(domains, count);
        if (s.kind() != abic_runtime::ErrorKind::BAD_ARGUMENT || !same_bytes(page, before)) {
            throw Failure{std::string(c.name) + ": " + abic_test::describe(s) + ", page changed: " +
                          (same_bytes(page, before) ? "no" : "yes")};
        }
    }
    // The limits themselves are accepted: 8 domains, a 31-byte name, a full pool.
    DomainReport domains[CHIP_BOOTSTRAP_MAX_DOMAINS];
    for (std::uint32_t i = 0; i < CHIP_BOOTSTRAP_MAX_DOMAINS; ++i) {
        domains[i] = domain(i);
    }
    domains[0].name = "a name of thirty-one characters";
    domains[7].buffer_count = CHIP_BOOTSTRAP_V2_PTR_CAPACITY;
    domains[7].domain_rank = 2;
    domains[7].domain_size = 3;
    fill_garbage(&page);
    CHECK_OK(MailboxWriter(&page).publish_success(domains, CHIP_BOOTSTRAP_MAX_DOMAINS));
    static MailboxReport report;
    CHECK_OK(MailboxReader(&page).try_read(&report));
    CHECK_EQ(report.domain_count(), CHIP_BOOTSTRAP_MAX_DOMAINS);
    CHECK_EQ(report.domain(7).buffer_count, static_cast<std::int32_t>(CHIP_BOOTSTRAP_V2_PTR_CAPACITY));
    CHECK_KIND(MailboxWriter(nullptr).publish_success(domains, 1), BAD_ARGUMENT);
    CHECK_KIND(MailboxWriter(&page).publish_success(nullptr, 1), BAD_ARGUMENT);
    CHECK_KIND(MailboxWriter(&page).publish_error(1, nullptr), BAD_ARGUMENT);
}

ABIC_TEST(mailbox_error_text_is_truncated_and_terminated) {
    static Page page;
    fill_garbage(&page);
    const std::string long_text(2000, 'x');
    CHECK_OK(MailboxWriter(&page).publish_error(-42, long_text.c_str()));
    CHECK_EQ(page.error_code, -42);
    CHECK_EQ(page.error_msg[1022], 'x');
    CHECK_EQ(page.error_msg[1023], '\0');
    static MailboxReport report;
    CHECK_OK(MailboxReader(&page).try_read(&report));
    CHECK_EQ(report.state(), ChipBootstrapMailboxState::ERROR);
    CHECK_EQ(report.error_code(), -42);
    CHECK_EQ(std::string(report.error_message()), std::string(1023, 'x'));
    CHECK_EQ(report.domain_count(), 0u);
    fill_garbage(&page);
    CHECK_OK(MailboxWriter(&page).publish_error(1, "short"));
    CHECK_EQ(page.error_msg[5], '\0');
    CHECK_EQ(page.error_msg[1023], '\0');
    CHECK_OK(MailboxReader(&page).try_read(&report));
    CHECK_EQ(std::string(report.error_message()), std::string("short"));
}

ABIC_TEST(mailbox_reader_waits_while_idle_and_times_out) {
    static Page page;
    abic_runtime::reset_mailbox(&page);
    static MailboxReport report;
    MailboxReader reader(&page);
    CHECK_WOULD_BLOCK(reader.try_read(&report));
    CHECK_KIND(reader.await(&report, 0), TIMEOUT);
    const auto start = std::chrono::steady_clock::now();
    CHECK_KIND(reader.await(&report, 20 * MS), TIMEOUT);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(20));
    std::thread writer([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        (void)MailboxWriter(&page).publish_error(9, "from another thread");
    });
    CHECK_OK(reader.await(&report, 30000 * MS));
    writer.join();
    CHECK_EQ(report.error_code(), 9);
    CHECK_KIND(MailboxReader(nullptr).try_read(&report), BAD_ARGUMENT);
    CHECK_KIND(reader.try_read(nullptr), BAD_ARGUMENT);
}

ABIC_TEST(mailbox_reader_rejects_out_of_range_pages) {
    struct Case {
        const char* name;
        std::function<void(Page&)> edit;
    };
    const Case cases[] = {
            {"unknown state", [](Page& p) { p.state = 3; }},
            {"negative state", [](Page& p) { p.state = -1; }},
            {"domain_count 9", [](Page& p) { p.domain_count = 9; }},
            {"domain_count negative", [](Page& p) { p.domain_count = -1; }},
            {"buffer_count negative", [](Page& p) { p.domain_records[1].buffer_count = -1; }},
            {"buffer_count over the pool", [](Page& p) { p.domain_records[1].buffer_count = 297; }},
            {"ptr_offset negative", [](Page& p) { p.domain_records[1].ptr_offset = -1; }},
            {"pointers leave the pool",
             [](Page& p) {
                 p.domain_records[1].ptr_offset = 290;
                 p.domain_records[1].buffer_count = 7;
             }},
            {"name without NUL", [](Page& p) { std::memset(p.domain_records[0].name, 'n', 32); }},
            {"empty name", [](Page& p) { p.domain_records[1].name[0] = '\0'; }},
            {"duplicate name", [](Page& p) { std::strcpy(p.domain_records[1].name, "first"); }},
            {"domain_size 0", [](Page& p) { p.domain_records[0].domain_size = 0; }},
            {"domain_size negative", [](Page& p) { p.domain_records[0].domain_size = -2; }},
            {"rank negative", [](Page& p) { p.domain_records[1].domain_rank = -1; }},
            {"rank equal to size", [](Page& p) { p.domain_records[1].domain_rank = p.domain_records[1].domain_size; }},
            {"error text without NUL",
             [](Page& p) {
                 p.state = static_cast<std::int32_t>(ChipBootstrapMailboxState::ERROR);
                 std::memset(p.error_msg, 'e', sizeof(p.error_msg));
             }},
    };
    const std::uint64_t ptrs[] = {1, 2, 3};
    const DomainReport domains[] = {
            {"first", 0, 1, 0, 0, 0, ptrs, 1},
            {"second", 1, 4, 0, 0, 0, ptrs, 3},
    };
    static Page page;
    static MailboxReport report;
    for (const Case& c : cases) {
        abic_runtime::reset_mailbox(&page);
        CHECK_OK(MailboxWriter(&page).publish_success(domains, 2));
        CHECK_OK(MailboxReader(&page).try_read(&report));
        c.edit(page);
        const abic_runtime::Status s = MailboxReader(&page).try_read(&report);
        if (s.kind() != abic_runtime::ErrorKind::INVALID_DESCRIPTOR) {
            throw Failure{std::string(c.name) + ": " + abic_test::describe(s) + ", expected INVALID_DESCRIPTOR"};
        }
    }
    // Values at the edge are accepted: a name of 31 bytes, pointers ending at the pool's end, the
    // highest rank, an error text of 1023 bytes.
    abic_runtime::reset_mailbox(&page);
    CHECK_OK(MailboxWriter(&page).publish_success(domains, 2));
    std::memset(page.domain_records[0].name, 'n', 31);
    page.domain_records[1].ptr_offset = 293;
    page.domain_records[1].domain_rank = 3;
    CHECK_OK(MailboxReader(&page).try_read(&report));
    abic_runtime::reset_mailbox(&page);
    CHECK_OK(MailboxWriter(&page).publish_error(1, "x"));
    std::memset(page.error_msg, 'e', sizeof(page.error_msg) - 1);
    CHECK_OK(MailboxReader(&page).try_read(&report));
}

}  // namespace
