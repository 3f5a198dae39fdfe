// abic runtime: the chip bootstrap mailbox, version 2 (ChipBootstrapMailboxV2 of the generated
// simpler/bootstrap.h): a one-shot page on which a chip child reports the outcome of its bootstrap.
//
// Device-portable. Who writes what: the parent resets the page (reset_mailbox: zeroes it, then
// stores IDLE with release); the child writes every other field with plain stores and then `state`
// (SUCCESS or ERROR) with a release store, exactly once. `state` is the only synchronising word:
// the reader acquire-loads it, copies the page once, and validates the copy (every value on the
// page is untrusted).
#ifndef ABIC_RUNTIME_MAILBOX_HPP_
#define ABIC_RUNTIME_MAILBOX_HPP_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "abic/support.h"
#include "abic_runtime/status.hpp"
#include "abic_runtime/wait.hpp"
#include "simpler/bootstrap.h"

namespace abic_runtime {

namespace bootstrap = ::simpler::bootstrap;

/// One communication domain as the child reports it (input of MailboxWriter::publish_success).
struct DomainReport {
    /// NUL-terminated name, 1 to CHIP_BOOTSTRAP_DOMAIN_NAME_SIZE - 1 bytes, unique on the page.
    const char* name;
    /// This chip's rank in the domain: 0 <= domain_rank < domain_size.
    std::int32_t domain_rank;
    /// Number of ranks in the domain; > 0.
    std::int32_t domain_size;
    /// Device context of the domain's communicator.
    std::uint64_t device_ctx;
    /// Base address of this chip's local window in the domain.
    std::uint64_t local_window_base;
    /// Size of the window that was actually allocated.
    std::uint64_t actual_window_size;
    /// The domain's buffer device addresses (buffer_count of them; may be null when 0).
    const std::uint64_t* buffer_ptrs;
    /// Number of buffer pointers; all domains together at most CHIP_BOOTSTRAP_V2_PTR_CAPACITY.
    std::uint64_t buffer_count;
};

namespace detail {

/// Length of the NUL-terminated text at `s`, reading at most `capacity` bytes (capacity: no NUL).
ABIC_HD inline std::size_t bounded_length(const char* s, std::size_t capacity) {
    std::size_t n = 0;
    while (n < capacity && s[n] != '\0') {
        ++n;
    }
    return n;
}

/// True when the texts at `a` and `b` are equal up to their NUL, comparing at most `capacity` bytes.
ABIC_HD inline bool same_text(const char* a, const char* b, std::size_t capacity) {
    for (std::size_t i = 0; i < capacity; ++i) {
        if (a[i] != b[i]) {
            return false;
        }
        if (a[i] == '\0') {
            return true;
        }
    }
    return true;
}

/// Number of domain names a page holds, terminating NUL included.
constexpr std::size_t DOMAIN_NAME_CAPACITY = sizeof(bootstrap::ChipBootstrapDomainRecord::name);

/// Capacity of the error text, terminating NUL included.
constexpr std::size_t ERROR_MSG_CAPACITY = sizeof(bootstrap::ChipBootstrapMailboxV2::error_msg);

}  // namespace detail

/// Zeroes the whole page, then stores IDLE with release (the parent does this before the child starts).
ABIC_HD inline void reset_mailbox(bootstrap::ChipBootstrapMailboxV2* page) {
    std::memset(static_cast<void*>(page), 0, sizeof(*page));
    bootstrap::store_state_release(page, bootstrap::ChipBootstrapMailboxState::IDLE);
}

/// The child's side: publishes SUCCESS or ERROR once. Both calls need the page to be IDLE (else
/// OWNERSHIP) and check their arguments before writing anything (BAD_ARGUMENT).
class MailboxWriter {
public:
    /// A writer for `page`.
    ABIC_HD explicit MailboxWriter(bootstrap::ChipBootstrapMailboxV2* page) : page_(page) {}

    /// Reports success with `count` domains: zeroes the page from domain_count up to error_msg,
    /// fills domain_count and one record per domain, packs each domain's buffer pointers one after
    /// the other into the shared pool (ptr_offset is where a domain's start), then stores SUCCESS
    /// with release. BAD_ARGUMENT: more than CHIP_BOOTSTRAP_MAX_DOMAINS domains, a name that is
    /// null, empty, longer than the name capacity - 1 or a duplicate, domain_size <= 0, a rank
    /// outside 0..domain_size - 1, more pointers than the pool holds.
    ABIC_HD Status publish_success(const DomainReport* domains, std::uint64_t count) {
        const Status s = check_success(domains, count);
        if (!s.is_ok()) {
            return s;
        }
        const Status idle = check_idle();
        if (!idle.is_ok()) {
            return idle;
        }
        unsigned char* bytes = reinterpret_cast<unsigned char*>(page_);
        std::memset(bytes + offsetof(bootstrap::ChipBootstrapMailboxV2, domain_count), 0,
                    offsetof(bootstrap::ChipBootstrapMailboxV2, error_msg) -
                            offsetof(bootstrap::ChipBootstrapMailboxV2, domain_count));
        page_->domain_count = static_cast<std::int32_t>(count);
        std::uint64_t next_ptr = 0;
        for (std::uint64_t i = 0; i < count; ++i) {
            const DomainReport& d = domains[i];
            bootstrap::ChipBootstrapDomainRecord& record = page_->domain_records[i];
            std::memcpy(record.name, d.name, detail::bounded_length(d.name, detail::DOMAIN_NAME_CAPACITY));
            record.domain_rank = d.domain_rank;
            record.domain_size = d.domain_size;
            record.buffer_count = static_cast<std::int32_t>(d.buffer_count);
            record.ptr_offset = static_cast<std::int32_t>(next_ptr);
            record.device_ctx = d.device_ctx;
            record.local_window_base = d.local_window_base;
            record.actual_window_size = d.actual_window_size;
            for (std::uint64_t j = 0; j < d.buffer_count; ++j) {
                page_->buffer_ptrs[next_ptr + j] = d.buffer_ptrs[j];
            }
            next_ptr += d.buffer_count;
        }
        bootstrap::store_state_release(page_, bootstrap::ChipBootstrapMailboxState::SUCCESS);
        return Status::ok();
    }

    /// Reports failure: writes error_code and `message` truncated to the error text's capacity - 1
    /// bytes plus a NUL (the rest of the text zeroed), then stores ERROR with release.
    ABIC_HD Status publish_error(std::int32_t code, const char* message) {
        if (page_ == nullptr || message == nullptr) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "the page or message pointer is null");
        }
        const Status idle = check_idle();
        if (!idle.is_ok()) {
            return idle;
        }
        const std::size_t length = detail::bounded_length(message, detail::ERROR_MSG_CAPACITY - 1);
        page_->error_code = code;
        std::memcpy(page_->error_msg, message, length);
        std::memset(page_->error_msg + length, 0, detail::ERROR_MSG_CAPACITY - length);
        bootstrap::store_state_release(page_, bootstrap::ChipBootstrapMailboxState::ERROR);
        return Status::ok();
    }

private:
    ABIC_HD Status check_idle() const {
        if (bootstrap::load_state_acquire(page_) != bootstrap::ChipBootstrapMailboxState::IDLE) {
            return Status::error(ErrorKind::OWNERSHIP, "the mailbox is not IDLE: it was published already");
        }
        return Status::ok();
    }

    ABIC_HD Status check_success(const DomainReport* domains, std::uint64_t count) const {
        if (page_ == nullptr || (domains == nullptr && count != 0)) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "the page or domain pointer is null");
        }
        if (count > bootstrap::CHIP_BOOTSTRAP_MAX_DOMAINS) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "more than CHIP_BOOTSTRAP_MAX_DOMAINS domains");
        }
        std::uint64_t pointers = 0;
        for (std::uint64_t i = 0; i < count; ++i) {
            const DomainReport& d = domains[i];
            if (d.name == nullptr) {
                return Status::error(ErrorKind::BAD_ARGUMENT, "a domain name is null");
            }
            const std::size_t length = detail::bounded_length(d.name, detail::DOMAIN_NAME_CAPACITY);
            if (length == 0 || length == detail::DOMAIN_NAME_CAPACITY) {
                return Status::error(ErrorKind::BAD_ARGUMENT, "a domain name is empty or too long");
            }
            for (std::uint64_t j = 0; j < i; ++j) {
                if (detail::same_text(d.name, domains[j].name, detail::DOMAIN_NAME_CAPACITY)) {
                    return Status::error(ErrorKind::BAD_ARGUMENT, "two domains have the same name");
                }
            }
            if (d.domain_size <= 0) {
                return Status::error(ErrorKind::BAD_ARGUMENT, "a domain_size is not positive");
            }
            if (d.domain_rank < 0 || d.domain_rank >= d.domain_size) {
                return Status::error(ErrorKind::BAD_ARGUMENT, "a domain_rank is outside 0..domain_size - 1");
            }
            if (d.buffer_ptrs == nullptr && d.buffer_count != 0) {
                return Status::error(ErrorKind::BAD_ARGUMENT, "a domain's buffer pointer array is null");
            }
            if (!::abic::detail::add(pointers, d.buffer_count, &pointers) ||
                pointers > bootstrap::CHIP_BOOTSTRAP_V2_PTR_CAPACITY) {
                return Status::error(ErrorKind::BAD_ARGUMENT, "more buffer pointers than the shared pool holds");
            }
        }
        return Status::ok();
    }

    bootstrap::ChipBootstrapMailboxV2* page_;
};

/// A published page, copied once and validated: SUCCESS with its domains, or ERROR with its code
/// and text. Filled by MailboxReader.
class MailboxReport {
public:
    /// SUCCESS or ERROR.
    ABIC_HD bootstrap::ChipBootstrapMailboxState state() const { return state_; }

    /// Number of domains (SUCCESS), 0 for ERROR.
    ABIC_HD std::uint32_t domain_count() const { return domain_count_; }

    /// Domain record `i` (< domain_count()): its name is NUL-terminated, its counts are in range.
    ABIC_HD const bootstrap::ChipBootstrapDomainRecord& domain(std::uint32_t i) const {
        return page_.domain_records[i];
    }

    /// The buffer pointers of domain `i` (domain(i).buffer_count of them).
    ABIC_HD const std::uint64_t* buffer_ptrs(std::uint32_t i) const {
        return &page_.buffer_ptrs[page_.domain_records[i].ptr_offset];
    }

    /// The error code (ERROR).
    ABIC_HD std::int32_t error_code() const { return page_.error_code; }

    /// The NUL-terminated error text (ERROR).
    ABIC_HD const char* error_message() const { return page_.error_msg; }

private:
    friend class MailboxReader;

    bootstrap::ChipBootstrapMailboxState state_;
    std::uint32_t domain_count_;
    bootstrap::ChipBootstrapMailboxV2 page_;
};

/// The parent's side: waits for the page to leave IDLE, then copies and validates it.
class MailboxReader {
public:
    /// A reader of `page`.
    ABIC_HD explicit MailboxReader(const bootstrap::ChipBootstrapMailboxV2* page) : page_(page) {}

    /// Would block while the page is IDLE. Otherwise copies the page into `*out` and validates it:
    /// INVALID_DESCRIPTOR for an unknown state, a domain_count outside 0..MAX_DOMAINS, a record whose
    /// buffer_count or ptr_offset is negative or whose pointers leave the pool, a name that is empty
    /// or has no NUL within its capacity, two equal names, domain_size <= 0, a rank outside
    /// 0..domain_size - 1, or (ERROR) an error text with no NUL within its capacity.
    ABIC_HD Status try_read(MailboxReport* out) const {
        if (page_ == nullptr || out == nullptr) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "the page or report pointer is null");
        }
        const bootstrap::ChipBootstrapMailboxState state = bootstrap::load_state_acquire(page_);
        if (state == bootstrap::ChipBootstrapMailboxState::IDLE) {
            return Status::would_block();
        }
        if (state != bootstrap::ChipBootstrapMailboxState::SUCCESS &&
            state != bootstrap::ChipBootstrapMailboxState::ERROR) {
            return Status::error(ErrorKind::INVALID_DESCRIPTOR, "the mailbox state is not IDLE, SUCCESS or ERROR");
        }
        std::memcpy(static_cast<void*>(&out->page_), static_cast<const void*>(page_), sizeof(out->page_));
        out->state_ = state;
        out->domain_count_ = 0;
        return state == bootstrap::ChipBootstrapMailboxState::SUCCESS ? validate_success(out) : validate_error(*out);
    }

    /// try_read, waiting up to `timeout_ns` for the page to leave IDLE (0: one probe); TIMEOUT when
    /// it did not.
    template <class Clock = DefaultClock>
    ABIC_HD Status await(MailboxReport* out, std::uint64_t timeout_ns) const {
        return detail::wait_for<Clock>([&] { return try_read(out); }, [] { return false; }, timeout_ns);
    }

private:
    ABIC_HD static Status validate_success(MailboxReport* report) {
        const bootstrap::ChipBootstrapMailboxV2& page = report->page_;
        std::int32_t count;
        if (!bootstrap::read_domain_count_checked(&page, &count)) {
            return Status::error(ErrorKind::INVALID_DESCRIPTOR, "domain_count is outside 0..CHIP_BOOTSTRAP_MAX_DOMAINS");
        }
        for (std::int32_t i = 0; i < count; ++i) {
            const bootstrap::ChipBootstrapDomainRecord& record = page.domain_records[i];
            std::int32_t buffers;
            std::int32_t first;
            if (!bootstrap::read_buffer_count_checked(&record, &buffers) ||
                !bootstrap::read_ptr_offset_checked(&record, &first) ||
                static_cast<std::uint32_t>(first) + static_cast<std::uint32_t>(buffers) >
                        bootstrap::CHIP_BOOTSTRAP_V2_PTR_CAPACITY) {
                return Status::error(ErrorKind::INVALID_DESCRIPTOR, "a domain's buffer pointers are outside the pool");
            }
            const std::size_t length = bootstrap::name_length(&record);
            if (length == 0 || length == detail::DOMAIN_NAME_CAPACITY) {
                return Status::error(ErrorKind::INVALID_DESCRIPTOR, "a domain name is empty or has no NUL");
            }
            for (std::int32_t j = 0; j < i; ++j) {
                if (detail::same_text(record.name, page.domain_records[j].name, detail::DOMAIN_NAME_CAPACITY)) {
                    return Status::error(ErrorKind::INVALID_DESCRIPTOR, "two domains have the same name");
                }
            }
            if (record.domain_size <= 0) {
                return Status::error(ErrorKind::INVALID_DESCRIPTOR, "a domain_size is not positive");
            }
            if (record.domain_rank < 0 || record.domain_rank >= record.domain_size) {
                return Status::error(ErrorKind::INVALID_DESCRIPTOR, "a domain_rank is outside 0..domain_size - 1");
            }
        }
        report->domain_count_ = static_cast<std::uint32_t>(count);
        return Status::ok();
    }

    ABIC_HD static Status validate_error(const MailboxReport& report) {
        if (bootstrap::error_msg_length(&report.page_) == detail::ERROR_MSG_CAPACITY) {
            return Status::error(ErrorKind::INVALID_DESCRIPTOR, "the error text has no NUL");
        }
        return Status::ok();
    }

    const bootstrap::ChipBootstrapMailboxV2* page_;
};

}  // namespace abic_runtime

#endif  // ABIC_RUNTIME_MAILBOX_HPP_
