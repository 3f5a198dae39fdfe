// abic runtime: the error kinds and the outcome of a queue or mailbox call.
//
// Device-portable (host C++17 and nvcc device code): no exceptions, no allocation. Messages are
// string literals, so a Status can be copied and kept anywhere.
#ifndef ABIC_RUNTIME_STATUS_HPP_
#define ABIC_RUNTIME_STATUS_HPP_

#include <cstdint>

#include "abic/support.h"
#include "simpler/l3l2.h"

namespace abic_runtime {

/// Class of an error. The Java runtime uses the same names with the same numbers. NONE up to
/// REMOTE_ABORTED are the queue ABI's L3L2QueueErrorKind values; TIMEOUT, CLOSED and ABORTED follow
/// them and belong to this runtime (the ABI's ENDPOINT_ERROR is not used).
enum class ErrorKind : std::uint32_t {
    /// No error.
    NONE = static_cast<std::uint32_t>(simpler::l3l2::L3L2QueueErrorKind::NONE),
    /// The caller passed a value the call cannot accept; nothing was changed.
    BAD_ARGUMENT = static_cast<std::uint32_t>(simpler::l3l2::L3L2QueueErrorKind::BAD_ARGUMENT),
    /// The queue arguments or a file's header do not describe a valid queue or mailbox.
    BAD_DESCRIPTOR = static_cast<std::uint32_t>(simpler::l3l2::L3L2QueueErrorKind::BAD_DESCRIPTOR),
    /// A value the peer wrote failed validation; a queue endpoint poisons itself.
    INVALID_DESCRIPTOR = static_cast<std::uint32_t>(simpler::l3l2::L3L2QueueErrorKind::INVALID_DESCRIPTOR),
    /// A payload larger than the whole arena: it can never fit.
    OUT_OF_SPACE = static_cast<std::uint32_t>(simpler::l3l2::L3L2QueueErrorKind::OUT_OF_SPACE),
    /// Misuse of a handle or reservation (unknown, stale, released twice, one too many active).
    OWNERSHIP = static_cast<std::uint32_t>(simpler::l3l2::L3L2QueueErrorKind::OWNERSHIP),
    /// The peer's abort flag is set and nothing more is available.
    REMOTE_ABORTED = static_cast<std::uint32_t>(simpler::l3l2::L3L2QueueErrorKind::REMOTE_ABORTED),
    /// A wait ran out of time; the endpoint stays usable.
    TIMEOUT,
    /// The direction is finished: STOP was sent (producer) or received (consumer).
    CLOSED,
    /// This endpoint was aborted by its owner.
    ABORTED,
};

/// The name of an error kind ("NONE", "BAD_ARGUMENT", ...), or "UNKNOWN" for a value outside the enum.
ABIC_HD inline const char* to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::NONE: return "NONE";
        case ErrorKind::BAD_ARGUMENT: return "BAD_ARGUMENT";
        case ErrorKind::BAD_DESCRIPTOR: return "BAD_DESCRIPTOR";
        case ErrorKind::INVALID_DESCRIPTOR: return "INVALID_DESCRIPTOR";
        case ErrorKind::OUT_OF_SPACE: return "OUT_OF_SPACE";
        case ErrorKind::OWNERSHIP: return "OWNERSHIP";
        case ErrorKind::REMOTE_ABORTED: return "REMOTE_ABORTED";
        case ErrorKind::TIMEOUT: return "TIMEOUT";
        case ErrorKind::CLOSED: return "CLOSED";
        case ErrorKind::ABORTED: return "ABORTED";
    }
    return "UNKNOWN";
}

/// Outcome of a call: OK, "would block" (a try_ call found the ring full, the arena full or the
/// queue empty; never an error and never poisoning), or an error kind with a message.
class Status {
public:
    /// OK.
    ABIC_HD constexpr Status() : kind_(ErrorKind::NONE), would_block_(false), message_("") {}

    /// OK.
    ABIC_HD static constexpr Status ok() { return Status(); }

    /// The try_ call cannot proceed now; retry later.
    ABIC_HD static constexpr Status would_block() { return Status(ErrorKind::NONE, true, "would block"); }

    /// An error of `kind` (not NONE) with `message`, a string that outlives the Status (a literal).
    ABIC_HD static constexpr Status error(ErrorKind kind, const char* message) { return Status(kind, false, message); }

    /// True when the call did what it was asked.
    ABIC_HD constexpr bool is_ok() const { return kind_ == ErrorKind::NONE && !would_block_; }

    /// True when a try_ call could not proceed now.
    ABIC_HD constexpr bool is_would_block() const { return would_block_; }

    /// True for an error (kind() is not NONE).
    ABIC_HD constexpr bool is_error() const { return kind_ != ErrorKind::NONE; }

    /// The error kind; NONE for OK and for would-block.
    ABIC_HD constexpr ErrorKind kind() const { return kind_; }

    /// What happened, in words; empty for OK.
    ABIC_HD constexpr const char* message() const { return message_; }

private:
    ABIC_HD constexpr Status(ErrorKind kind, bool would_block, const char* message)
        : kind_(kind), would_block_(would_block), message_(message) {}

    ErrorKind kind_;
    bool would_block_;
    const char* message_;
};

}  // namespace abic_runtime

#endif  // ABIC_RUNTIME_STATUS_HPP_
