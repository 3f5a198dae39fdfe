// abic runtime: the L3-L2 message queue (two single-producer single-consumer directions over one
// region), written against the generated simpler/l3l2.h.
//
// Device-portable: host C++17 and nvcc device code (every function is ABIC_HD; no exceptions, no
// allocation). An endpoint is used by one thread at a time.
//
// Region: the payload range holds the input ring, the output ring, the input arena and the output
// arena (placed by compute_l3_l2_queue_region_layout); the counter block holds six 32-bit counters,
// one per 64-byte line. Who writes what:
//   input direction (L3 -> L2):  L3 writes input slots, input arena, input tail;  L2 writes input head
//   output direction (L2 -> L3): L2 writes output slots, output arena, output tail; L3 writes output head
//   abort flags: L3 writes l3_abort_flag, L2 writes l2_abort_flag
// DeviceEndpoint is the L2 side, HostEndpoint the L3 side.
//
// Protocol, per direction. Message n (0-based, 64-bit logical index) uses slot n & (depth - 1);
// at most depth messages are published and not yet released. The producer reserves an arena span
// (a payload is never split: when it does not fit before the end of the arena, the cursor first
// skips to the next arena start; the span from the oldest unreleased payload to the end of the new
// one, skipped bytes included, must fit in the arena unless the arena is empty), writes the
// payload, then opcode, payload_offset and payload_nbytes, then seq = n + 1 (release), then the low
// 32 bits of the new tail (release). The consumer reconstructs the 64-bit tail from the counter,
// reads the slot's four words once each, validates them (seq, opcode, offset re-derived from its
// own copy of the producer's arena cursor), hands out a read-only view, and on release publishes
// the low 32 bits of the new head. The producer learns of freed arena space by replaying the
// released descriptors. STOP (input direction only, sent by the host) ends a direction: nothing
// may follow it, and both sides then answer CLOSED.
//
// Every value read from shared memory is untrusted: a violation poisons the endpoint (its own abort
// flag is set, the first error sticks, later calls fail fast with it). Would-block, TIMEOUT,
// OWNERSHIP, BAD_ARGUMENT and OUT_OF_SPACE never poison.
#ifndef ABIC_RUNTIME_QUEUE_HPP_
#define ABIC_RUNTIME_QUEUE_HPP_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "abic/support.h"
#include "abic_runtime/status.hpp"
#include "abic_runtime/wait.hpp"
#include "simpler/l3l2.h"

namespace abic_runtime {

namespace l3l2 = ::simpler::l3l2;

/// A message a consumer handed out: a read-only view of its payload in the shared arena, valid
/// until it is released. Only the consumer that returned it may release it.
struct Message {
    /// The payload, or nullptr when size is 0.
    const unsigned char* data;
    /// Payload size in bytes.
    std::uint64_t size;
    /// DATA, ERROR, or (input direction only) STOP.
    l3l2::L3L2QueueOpcode opcode;
    /// Logical index of the message in its direction; identifies the handle.
    std::uint64_t index;
};

/// Arena space a producer reserved for the next message: write `size` bytes at `data`, then publish.
struct Reservation {
    /// Where the payload goes, or nullptr when size is 0.
    unsigned char* data;
    /// Payload size in bytes.
    std::uint64_t size;
    /// Logical index the message will have; identifies the reservation.
    std::uint64_t index;
};

class HostEndpoint;
template <std::uint32_t MaxInflight = 1>
class DeviceEndpoint;

namespace detail {

/// Reads a shared word once, with no ordering (the peer may be writing it).
template <class T>
ABIC_HD inline T read_once(const T* p) {
#if defined(__CUDA_ARCH__)
    return *static_cast<const volatile T*>(p);
#else
    T value;
    __atomic_load(p, &value, __ATOMIC_RELAXED);
    return value;
#endif
}

/// Writes a shared word once, with no ordering; a later release store publishes it.
template <class T>
ABIC_HD inline void write_once(T* p, T value) {
#if defined(__CUDA_ARCH__)
    *static_cast<volatile T*>(p) = value;
#else
    __atomic_store(p, &value, __ATOMIC_RELAXED);
#endif
}

/// The counter word for a 64-bit logical index: its low 32 bits.
ABIC_HD inline std::int32_t counter_word(std::uint64_t index) {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(index));
}

/// Reconstructs the 64-bit index a peer's counter word stands for, given the last known `local`
/// value: local + (int32)(observed - low32(local)). False when that delta is negative.
ABIC_HD inline bool reconstruct(std::uint64_t local, std::int32_t observed, std::uint64_t* out) {
    const std::int32_t delta =
            static_cast<std::int32_t>(static_cast<std::uint32_t>(observed) - static_cast<std::uint32_t>(local));
    if (delta < 0) {
        return false;
    }
    *out = local + static_cast<std::uint64_t>(delta);
    return true;
}

/// Where a payload lands in an arena.
struct Placement {
    /// Position of the payload from the arena start.
    std::uint64_t pos;
    /// Arena cursor after the payload.
    std::uint64_t end;
};

/// Places a payload of `nbytes` (1 to arena_bytes) at arena cursor `cursor`: at cursor % arena_bytes,
/// or, when it would cross the end of the arena, at the start of the next round. False when the
/// cursor would overflow 64 bits.
ABIC_HD inline bool place_payload(std::uint64_t cursor, std::uint64_t nbytes, std::uint64_t arena_bytes,
                                  Placement* out) {
    std::uint64_t pos = cursor % arena_bytes;
    std::uint64_t start = cursor;
    if (nbytes > arena_bytes - pos) {
        if (!::abic::detail::add(cursor, arena_bytes - pos, &start)) {
            return false;
        }
        pos = 0;
    }
    std::uint64_t end;
    if (!::abic::detail::add(start, nbytes, &end)) {
        return false;
    }
    out->pos = pos;
    out->end = end;
    return true;
}

/// True for the opcodes a producer may publish as ordinary messages.
ABIC_HD inline bool is_message_opcode(l3l2::L3L2QueueOpcode opcode) {
    return opcode == l3l2::L3L2QueueOpcode::DATA || opcode == l3l2::L3L2QueueOpcode::ERROR;
}

/// One direction of the queue as its producer and consumer address it.
struct Direction {
    /// The direction's descriptor ring (depth slots).
    l3l2::L3L2QueueDescSlot* ring;
    /// Start of the region's payload range; payload offsets are relative to it.
    unsigned char* payload;
    /// Ring depth (a power of two).
    std::uint64_t depth;
    /// Offset of the direction's arena in the payload range.
    std::uint64_t arena_offset;
    /// Size of the direction's arena.
    std::uint64_t arena_bytes;
    /// Tail counter (written by the producer).
    l3l2::L3L2QueueCounterLine* tail;
    /// Head counter (written by the consumer).
    l3l2::L3L2QueueCounterLine* head;

    /// The slot of logical index `index`.
    ABIC_HD l3l2::L3L2QueueDescSlot* slot(std::uint64_t index) const { return &ring[index & (depth - 1)]; }
};

/// What the two directions of one endpoint share: its abort flag, the peer's abort flag, and the
/// sticky error (set before init, by a failed init, by poisoning and by abort()).
class Side {
public:
    ABIC_HD Side()
        : own_abort_(nullptr),
          peer_abort_(nullptr),
          sticky_(Status::error(ErrorKind::BAD_DESCRIPTOR, "the endpoint is not initialized")) {}

    /// Starts using the two abort flags; clears the sticky error.
    ABIC_HD void bind(l3l2::L3L2QueueCounterLine* own_abort, const l3l2::L3L2QueueCounterLine* peer_abort) {
        own_abort_ = own_abort;
        peer_abort_ = peer_abort;
        sticky_ = Status::ok();
    }

    /// Records why init failed; later calls fail with it.
    ABIC_HD void fail_init(Status status) {
        own_abort_ = nullptr;
        peer_abort_ = nullptr;
        sticky_ = status;
    }

    /// The sticky error, or OK.
    ABIC_HD Status sticky() const { return sticky_; }

    /// A protocol violation by the peer: records INVALID_DESCRIPTOR with `message` (if nothing is
    /// recorded yet), sets this side's abort flag, and returns the sticky error.
    ABIC_HD Status poison(const char* message) {
        if (sticky_.is_ok()) {
            sticky_ = Status::error(ErrorKind::INVALID_DESCRIPTOR, message);
            raise_own_flag();
        }
        return sticky_;
    }

    /// The owner gives up: records ABORTED (if nothing is recorded yet) and sets this side's flag.
    ABIC_HD void abort() {
        if (sticky_.is_ok()) {
            sticky_ = Status::error(ErrorKind::ABORTED, "the endpoint was aborted");
        }
        raise_own_flag();
    }

    /// True once the peer's abort flag is 1 or more.
    ABIC_HD bool peer_aborted() const {
        return peer_abort_ != nullptr && l3l2::load_value_acquire(peer_abort_) >= 1;
    }

    /// Runs a try_ call's probe once. When it would block and the peer has aborted, probes once
    /// more (to deliver what the peer published before aborting) and then reports REMOTE_ABORTED.
    template <class Probe>
    ABIC_HD Status try_once(Probe&& probe) const {
        Status s = probe();
        if (s.is_would_block() && peer_aborted()) {
            s = probe();
            if (s.is_would_block()) {
                return Status::error(ErrorKind::REMOTE_ABORTED, "the peer aborted");
            }
        }
        return s;
    }

    /// Runs a probe until it does not block, with the wait rules of detail::wait_for.
    template <class Clock, class Probe>
    ABIC_HD Status wait(Probe&& probe, std::uint64_t timeout_ns) const {
        return wait_for<Clock>(probe, [this] { return peer_aborted(); }, timeout_ns);
    }

private:
    ABIC_HD void raise_own_flag() {
        if (own_abort_ != nullptr) {
            l3l2::store_value_release(own_abort_, 1);
        }
    }

    l3l2::L3L2QueueCounterLine* own_abort_;
    const l3l2::L3L2QueueCounterLine* peer_abort_;
    Status sticky_;
};

/// Checks the endpoint inputs: pointers non-null and aligned (else BAD_ARGUMENT); the queue
/// arguments (read once into `*args`) with the exact magic_version, a layout that computes,
/// payload_bytes equal to its total and counter_bytes equal to L3L2_QUEUE_COUNTER_BYTES (else
/// BAD_DESCRIPTOR). Fills `*layout` on success.
ABIC_HD inline Status validate_queue(const void* payload, const l3l2::L3L2QueueCounters* counters,
                                     const l3l2::L3L2QueueArgs& shared_args, l3l2::L3L2QueueArgs* args,
                                     l3l2::L3L2QueueRegionLayout* layout) {
    if (payload == nullptr || counters == nullptr) {
        return Status::error(ErrorKind::BAD_ARGUMENT, "the payload or counter pointer is null");
    }
    if (reinterpret_cast<std::uintptr_t>(payload) % alignof(l3l2::L3L2QueueDescSlot) != 0) {
        return Status::error(ErrorKind::BAD_ARGUMENT, "the payload range is not aligned for descriptor slots");
    }
    if (reinterpret_cast<std::uintptr_t>(counters) % alignof(l3l2::L3L2QueueCounters) != 0) {
        return Status::error(ErrorKind::BAD_ARGUMENT, "the counter block is not aligned to its lines");
    }
    *args = shared_args;
    if (args->magic_version != l3l2::L3L2_QUEUE_MAGIC_VERSION) {
        return Status::error(ErrorKind::BAD_DESCRIPTOR, "queue magic_version is not L3L2_QUEUE_MAGIC_VERSION");
    }
    if (l3l2::compute_l3_l2_queue_region_layout(args->depth, args->input_arena_bytes, args->output_arena_bytes,
                                                layout) != ::abic::LayoutStatus::OK) {
        return Status::error(ErrorKind::BAD_DESCRIPTOR, "queue depth and arena sizes do not give a layout");
    }
    if (args->payload_bytes != layout->total_bytes) {
        return Status::error(ErrorKind::BAD_DESCRIPTOR, "queue payload_bytes is not the layout's total");
    }
    if (args->counter_bytes != l3l2::L3L2_QUEUE_COUNTER_BYTES) {
        return Status::error(ErrorKind::BAD_DESCRIPTOR, "queue counter_bytes is not L3L2_QUEUE_COUNTER_BYTES");
    }
    return Status::ok();
}

/// The input direction (L3 -> L2) of a validated queue.
ABIC_HD inline Direction input_direction(unsigned char* payload, l3l2::L3L2QueueCounters* counters,
                                         const l3l2::L3L2QueueArgs& args, const l3l2::L3L2QueueRegionLayout& layout) {
    return Direction{reinterpret_cast<l3l2::L3L2QueueDescSlot*>(payload + layout.input_desc_offset),
                     payload,
                     args.depth,
                     layout.input_arena_offset,
                     layout.input_arena_bytes,
                     &counters->input_desc_tail,
                     &counters->input_desc_head};
}

/// The output direction (L2 -> L3) of a validated queue.
ABIC_HD inline Direction output_direction(unsigned char* payload, l3l2::L3L2QueueCounters* counters,
                                          const l3l2::L3L2QueueArgs& args, const l3l2::L3L2QueueRegionLayout& layout) {
    return Direction{reinterpret_cast<l3l2::L3L2QueueDescSlot*>(payload + layout.output_desc_offset),
                     payload,
                     args.depth,
                     layout.output_arena_offset,
                     layout.output_arena_bytes,
                     &counters->output_desc_tail,
                     &counters->output_desc_head};
}

}  // namespace detail

/// The producing half of one direction: writes that direction's slots, arena and tail counter.
/// Obtained from an endpoint (DeviceEndpoint::output(), HostEndpoint::input()).
class Producer {
public:
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    /// Reserves arena space for the next message of `nbytes` bytes (0 is allowed: no arena use).
    /// Would block while the ring or the arena is full (REMOTE_ABORTED instead once the peer has
    /// aborted). OWNERSHIP when a reservation is already active, OUT_OF_SPACE when `nbytes` exceeds
    /// the whole arena, CLOSED after STOP.
    ABIC_HD Status try_reserve(std::uint64_t nbytes, Reservation* out) {
        const Status s = check_reserve(nbytes, out);
        if (!s.is_ok()) {
            return s;
        }
        return side_->try_once([&] { return probe_reserve(nbytes, out); });
    }

    /// try_reserve, waiting up to `timeout_ns` for space (0: one probe). TIMEOUT or
    /// REMOTE_ABORTED when none came.
    template <class Clock = DefaultClock>
    ABIC_HD Status reserve(std::uint64_t nbytes, Reservation* out, std::uint64_t timeout_ns) {
        const Status s = check_reserve(nbytes, out);
        if (!s.is_ok()) {
            return s;
        }
        return side_->wait<Clock>([&] { return probe_reserve(nbytes, out); }, timeout_ns);
    }

    /// Publishes the active reservation as a message with `opcode` (DATA or ERROR, else
    /// BAD_ARGUMENT): writes the slot's opcode, offset and size, then seq with release, then the tail
    /// counter with release. OWNERSHIP for a reservation that is not the active one.
    ABIC_HD Status publish(const Reservation& reservation, l3l2::L3L2QueueOpcode opcode) {
        if (side_->sticky().is_error()) {
            return side_->sticky();
        }
        if (!reserved_ || reservation.index != tail_ || reservation.data != active_.data ||
            reservation.size != active_.size) {
            return Status::error(ErrorKind::OWNERSHIP, "publish of a reservation that is not the active one");
        }
        if (!detail::is_message_opcode(opcode)) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "a message's opcode must be DATA or ERROR");
        }
        write_slot(opcode, active_offset_, active_.size);
        tail_cursor_ = active_end_;
        reserved_ = false;
        return Status::ok();
    }

    /// Copies `nbytes` bytes from `data` into a new message with `opcode` (DATA or ERROR) and
    /// publishes it: try_reserve, copy, publish.
    ABIC_HD Status try_enqueue(l3l2::L3L2QueueOpcode opcode, const void* data, std::uint64_t nbytes) {
        const Status s = check_enqueue(opcode, data, nbytes);
        if (!s.is_ok()) {
            return s;
        }
        Reservation r;
        const Status reserved = try_reserve(nbytes, &r);
        return reserved.is_ok() ? fill_and_publish(r, opcode, data) : reserved;
    }

    /// try_enqueue, waiting up to `timeout_ns` for space (0: one probe).
    template <class Clock = DefaultClock>
    ABIC_HD Status enqueue(l3l2::L3L2QueueOpcode opcode, const void* data, std::uint64_t nbytes,
                           std::uint64_t timeout_ns) {
        const Status s = check_enqueue(opcode, data, nbytes);
        if (!s.is_ok()) {
            return s;
        }
        Reservation r;
        const Status reserved = reserve<Clock>(nbytes, &r, timeout_ns);
        return reserved.is_ok() ? fill_and_publish(r, opcode, data) : reserved;
    }

private:
    friend class HostEndpoint;
    template <std::uint32_t>
    friend class DeviceEndpoint;

    ABIC_HD explicit Producer(detail::Side* side)
        : side_(side),
          dir_(),
          tail_(0),
          known_head_(0),
          tail_cursor_(0),
          head_cursor_(0),
          reserved_(false),
          active_(),
          active_offset_(0),
          active_end_(0),
          closed_(false) {}

    /// Starts producing on `dir` from a fresh queue (all counters 0).
    ABIC_HD void bind(const detail::Direction& dir) {
        dir_ = dir;
        tail_ = 0;
        known_head_ = 0;
        tail_cursor_ = 0;
        head_cursor_ = 0;
        reserved_ = false;
        active_ = Reservation();
        active_offset_ = 0;
        active_end_ = 0;
        closed_ = false;
    }

    ABIC_HD Status check_reserve(std::uint64_t nbytes, const Reservation* out) const {
        if (side_->sticky().is_error()) {
            return side_->sticky();
        }
        if (out == nullptr) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "the reservation pointer is null");
        }
        if (closed_) {
            return Status::error(ErrorKind::CLOSED, "STOP was sent on this direction");
        }
        if (reserved_) {
            return Status::error(ErrorKind::OWNERSHIP, "a reservation is already active");
        }
        if (nbytes > dir_.arena_bytes) {
            return Status::error(ErrorKind::OUT_OF_SPACE, "the payload is larger than the arena");
        }
        return Status::ok();
    }

    ABIC_HD Status check_enqueue(l3l2::L3L2QueueOpcode opcode, const void* data, std::uint64_t nbytes) const {
        if (side_->sticky().is_error()) {
            return side_->sticky();
        }
        if (!detail::is_message_opcode(opcode)) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "a message's opcode must be DATA or ERROR");
        }
        if (data == nullptr && nbytes != 0) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "the payload pointer is null");
        }
        return Status::ok();
    }

    ABIC_HD Status fill_and_publish(const Reservation& r, l3l2::L3L2QueueOpcode opcode, const void* data) {
        if (r.size != 0 && data != nullptr) {
            std::memcpy(r.data, data, static_cast<std::size_t>(r.size));
        }
        return publish(r, opcode);
    }

    /// True while depth messages are published and not released, as far as this side knows.
    ABIC_HD bool ring_full() const { return tail_ - known_head_ >= dir_.depth; }

    /// True when a payload placed at `p` overwrites no unreleased payload: the span from the arena
    /// head cursor to the end of the new payload (skipped bytes included) fits in the arena, or the
    /// arena is empty (every payload released), in which case any placement is free. Without the
    /// second rule a payload larger than half the arena that must skip could wait forever.
    ABIC_HD bool arena_has_room(const detail::Placement& p) const {
        return head_cursor_ == tail_cursor_ || p.end - head_cursor_ <= dir_.arena_bytes;
    }

    /// One attempt to reserve: looks at the consumer's head only when the ring or the arena seems full.
    ABIC_HD Status probe_reserve(std::uint64_t nbytes, Reservation* out) {
        bool refreshed = false;
        if (ring_full()) {
            const Status s = refresh_head();
            if (!s.is_ok()) {
                return s;
            }
            refreshed = true;
            if (ring_full()) {
                return Status::would_block();
            }
        }
        std::uint64_t offset = 0;
        std::uint64_t end = tail_cursor_;
        if (nbytes != 0) {
            detail::Placement p;
            if (!detail::place_payload(tail_cursor_, nbytes, dir_.arena_bytes, &p)) {
                return Status::error(ErrorKind::OUT_OF_SPACE, "the arena cursor would overflow 64 bits");
            }
            if (!arena_has_room(p)) {
                if (!refreshed) {
                    const Status s = refresh_head();
                    if (!s.is_ok()) {
                        return s;
                    }
                }
                if (!arena_has_room(p)) {
                    return Status::would_block();
                }
            }
            offset = dir_.arena_offset + p.pos;
            end = p.end;
        }
        reserved_ = true;
        active_offset_ = offset;
        active_end_ = end;
        active_.data = nbytes != 0 ? dir_.payload + offset : nullptr;
        active_.size = nbytes;
        active_.index = tail_;
        *out = active_;
        return Status::ok();
    }

    /// Reads the consumer's head counter and replays the descriptors released since the last look,
    /// advancing the arena head cursor with the same placement rule. Poisons on a head that moved
    /// backwards or passed the tail, or a released slot that is not what this side wrote.
    ABIC_HD Status refresh_head() {
        std::uint64_t head;
        if (!detail::reconstruct(known_head_, l3l2::load_value_acquire(dir_.head), &head)) {
            return side_->poison("counter reconstruction failed: the head counter moved backwards");
        }
        if (head > tail_) {
            return side_->poison("counter reconstruction failed: the head counter passed the tail");
        }
        for (; known_head_ < head; ++known_head_) {
            const l3l2::L3L2QueueDescSlot* slot = dir_.slot(known_head_);
            const std::uint64_t seq = detail::read_once(&slot->seq);
            const std::uint64_t offset = detail::read_once(&slot->payload_offset);
            const std::uint64_t nbytes = detail::read_once(&slot->payload_nbytes);
            if (seq != known_head_ + 1) {
                return side_->poison("released descriptor: seq is not index + 1");
            }
            if (nbytes == 0) {
                if (offset != 0) {
                    return side_->poison("released descriptor: an empty payload has a non-zero offset");
                }
                continue;
            }
            if (nbytes > dir_.arena_bytes) {
                return side_->poison("released descriptor: the payload is larger than the arena");
            }
            detail::Placement p;
            if (!detail::place_payload(head_cursor_, nbytes, dir_.arena_bytes, &p) ||
                offset != dir_.arena_offset + p.pos) {
                return side_->poison("released descriptor: the offset is not where the arena cursor puts it");
            }
            if (p.end > tail_cursor_) {
                return side_->poison("released descriptor: the arena head cursor passed the tail cursor");
            }
            head_cursor_ = p.end;
        }
        return Status::ok();
    }

    /// One attempt to publish STOP (HostEndpoint, input direction).
    ABIC_HD Status probe_stop() {
        if (ring_full()) {
            const Status s = refresh_head();
            if (!s.is_ok()) {
                return s;
            }
            if (ring_full()) {
                return Status::would_block();
            }
        }
        write_slot(l3l2::L3L2QueueOpcode::STOP, 0, 0);
        closed_ = true;
        return Status::ok();
    }

    /// Writes slot tail_ (opcode, offset, size, then seq with release) and publishes the new tail.
    ABIC_HD void write_slot(l3l2::L3L2QueueOpcode opcode, std::uint64_t offset, std::uint64_t nbytes) {
        l3l2::L3L2QueueDescSlot* slot = dir_.slot(tail_);
        detail::write_once(&slot->opcode, opcode);
        detail::write_once(&slot->payload_offset, offset);
        detail::write_once(&slot->payload_nbytes, nbytes);
        l3l2::store_seq_release(slot, tail_ + 1);
        ++tail_;
        l3l2::store_value_release(dir_.tail, detail::counter_word(tail_));
    }

    detail::Side* side_;
    detail::Direction dir_;
    /// Messages published.
    std::uint64_t tail_;
    /// Messages the consumer has released, as last observed (and replayed).
    std::uint64_t known_head_;
    /// Arena cursor after the last published payload.
    std::uint64_t tail_cursor_;
    /// Arena cursor after the last released payload.
    std::uint64_t head_cursor_;
    /// A reservation is active: active_, active_offset_ and active_end_ describe it.
    bool reserved_;
    Reservation active_;
    std::uint64_t active_offset_;
    std::uint64_t active_end_;
    /// STOP was published.
    bool closed_;
};

/// The consuming half of one direction: reads that direction's slots, arena and tail counter and
/// writes its head counter. Up to MaxInflight DATA/ERROR messages may be in flight (handed out and
/// not yet retired; a message retires when it and every older one are released), plus one STOP
/// when AcceptsStop. Handles may be released in any order; the head counter advances over the
/// released prefix. Obtained from an endpoint (DeviceEndpoint::input(), HostEndpoint::output()).
template <std::uint32_t MaxInflight, bool AcceptsStop>
class Consumer {
    static_assert(MaxInflight >= 1, "MaxInflight must be at least 1");

public:
    Consumer(const Consumer&) = delete;
    Consumer& operator=(const Consumer&) = delete;

    /// Hands out the next message. Would block when none is published (REMOTE_ABORTED instead once
    /// the peer has aborted and nothing is left). OWNERSHIP when MaxInflight messages are in flight
    /// and the next one is not STOP; CLOSED after STOP; INVALID_DESCRIPTOR (poison) when the
    /// descriptor or the tail counter breaks the protocol.
    ABIC_HD Status try_peek(Message* out) {
        const Status s = check_peek(out);
        if (!s.is_ok()) {
            return s;
        }
        return side_->try_once([&] { return acquire(out, true); });
    }

    /// try_peek, waiting up to `timeout_ns` for a message (0: one probe). TIMEOUT or REMOTE_ABORTED
    /// when none came.
    template <class Clock = DefaultClock>
    ABIC_HD Status peek(Message* out, std::uint64_t timeout_ns) {
        const Status s = check_peek(out);
        if (!s.is_ok()) {
            return s;
        }
        return side_->wait<Clock>([&] { return acquire(out, true); }, timeout_ns);
    }

    /// Releases a message handed out by try_peek/peek; the head counter advances (release store)
    /// over the prefix of released messages. OWNERSHIP for a message that is not held.
    ABIC_HD Status release(const Message& message) {
        if (side_->sticky().is_error()) {
            return side_->sticky();
        }
        if (draining_) {
            return Status::error(ErrorKind::OWNERSHIP, "messages of a drain batch are released by drain itself");
        }
        if (message.index < head_ || message.index >= next_) {
            return Status::error(ErrorKind::OWNERSHIP, "release of a message that is not held");
        }
        bool& released = released_[message.index % WINDOW];
        if (released) {
            return Status::error(ErrorKind::OWNERSHIP, "the message was already released");
        }
        released = true;
        const std::uint64_t before = head_;
        while (head_ < next_ && released_[head_ % WINDOW]) {
            ++head_;
        }
        if (head_ != before) {
            l3l2::store_value_release(dir_.head, detail::counter_word(head_));
        }
        return Status::ok();
    }

    /// Hands every message published now, up to `limit`, to `handler(const Message&)` in order
    /// (stopping after STOP), then releases them all with one head counter store. `*drained` is the
    /// number handled. Needs no message in flight (else OWNERSHIP). Would block when none was
    /// there (REMOTE_ABORTED once the peer has aborted); CLOSED after STOP. On a protocol violation
    /// the messages already handled stay unreleased and the endpoint is poisoned.
    template <class Handler>
    ABIC_HD Status drain(Handler&& handler, std::uint64_t limit, std::uint64_t* drained) {
        if (drained == nullptr || limit == 0) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "drain needs a count pointer and a limit of 1 or more");
        }
        *drained = 0;
        if (side_->sticky().is_error()) {
            return side_->sticky();
        }
        if (next_ != head_) {
            return Status::error(ErrorKind::OWNERSHIP, "drain while messages are in flight");
        }
        // The handler must not peek or release: the batch is released when drain returns.
        struct DrainScope {
            bool* draining;
            ABIC_HD ~DrainScope() { *draining = false; }
        } scope{&draining_};
        draining_ = true;
        for (;;) {
            Message m;
            const Status s = *drained == 0 ? side_->try_once([&] { return acquire(&m, false); }) : acquire(&m, false);
            if (s.is_would_block() && *drained != 0) {
                break;
            }
            if (!s.is_ok()) {
                return s;
            }
            handler(static_cast<const Message&>(m));
            ++*drained;
            if (m.opcode == l3l2::L3L2QueueOpcode::STOP || *drained == limit) {
                break;
            }
        }
        head_ = next_;
        l3l2::store_value_release(dir_.head, detail::counter_word(head_));
        return Status::ok();
    }

private:
    friend class HostEndpoint;
    template <std::uint32_t>
    friend class DeviceEndpoint;

    /// Slots of the released_ window: MaxInflight messages plus STOP.
    static constexpr std::uint32_t WINDOW = MaxInflight + 1;

    ABIC_HD explicit Consumer(detail::Side* side)
        : side_(side), dir_(), head_(0), next_(0), known_tail_(0), cursor_(0), stopped_(false), draining_(false),
          released_() {}

    /// Starts consuming `dir` from a fresh queue (all counters 0).
    ABIC_HD void bind(const detail::Direction& dir) {
        dir_ = dir;
        head_ = 0;
        next_ = 0;
        known_tail_ = 0;
        cursor_ = 0;
        stopped_ = false;
        draining_ = false;
        for (bool& r : released_) {
            r = false;
        }
    }

    ABIC_HD Status check_peek(const Message* out) const {
        if (side_->sticky().is_error()) {
            return side_->sticky();
        }
        if (out == nullptr) {
            return Status::error(ErrorKind::BAD_ARGUMENT, "the message pointer is null");
        }
        if (draining_) {
            return Status::error(ErrorKind::OWNERSHIP, "cannot peek from inside a drain handler");
        }
        return Status::ok();
    }

    /// Reads the producer's tail counter; poisons when it moved backwards or ran more than depth
    /// messages ahead of the released head.
    ABIC_HD Status refresh_tail() {
        std::uint64_t tail;
        if (!detail::reconstruct(known_tail_, l3l2::load_value_acquire(dir_.tail), &tail)) {
            return side_->poison("counter reconstruction failed: the tail counter moved backwards");
        }
        if (tail - head_ > dir_.depth) {
            return side_->poison("counter reconstruction failed: the tail counter is more than depth ahead");
        }
        known_tail_ = tail;
        return Status::ok();
    }

    /// One attempt to take message next_: reads its slot once, validates it, and hands it out.
    /// `windowed`: apply the MaxInflight limit (peek), or not (drain, which releases as it goes).
    ABIC_HD Status acquire(Message* out, bool windowed) {
        if (stopped_) {
            const Status s = refresh_tail();
            if (!s.is_ok()) {
                return s;
            }
            if (known_tail_ != next_) {
                return side_->poison("a descriptor was published after STOP");
            }
            return Status::error(ErrorKind::CLOSED, "STOP was received on this direction");
        }
        if (known_tail_ == next_) {
            const Status s = refresh_tail();
            if (!s.is_ok()) {
                return s;
            }
            if (known_tail_ == next_) {
                return Status::would_block();
            }
        }
        const l3l2::L3L2QueueDescSlot* slot = dir_.slot(next_);
        const std::uint64_t seq = l3l2::load_seq_acquire(slot);
        const l3l2::L3L2QueueOpcode opcode = detail::read_once(&slot->opcode);
        const std::uint64_t offset = detail::read_once(&slot->payload_offset);
        const std::uint64_t nbytes = detail::read_once(&slot->payload_nbytes);
        if (seq != next_ + 1) {
            return side_->poison("descriptor seq is not index + 1");
        }
        const bool stop = opcode == l3l2::L3L2QueueOpcode::STOP;
        if (!detail::is_message_opcode(opcode) && !(AcceptsStop && stop)) {
            return side_->poison(AcceptsStop ? "descriptor opcode is not DATA, STOP or ERROR"
                                             : "descriptor opcode is not DATA or ERROR");
        }
        std::uint64_t end = cursor_;
        if (nbytes == 0) {
            if (offset != 0) {
                return side_->poison("descriptor of an empty payload has a non-zero offset");
            }
        } else {
            if (stop) {
                return side_->poison("STOP descriptor has a payload");
            }
            if (nbytes > dir_.arena_bytes) {
                return side_->poison("descriptor payload is larger than the arena");
            }
            detail::Placement p;
            std::uint64_t expected;
            std::uint64_t payload_end;
            if (!detail::place_payload(cursor_, nbytes, dir_.arena_bytes, &p) ||
                !::abic::detail::add(dir_.arena_offset, p.pos, &expected) || offset != expected) {
                return side_->poison("descriptor offset is not where the arena cursor puts it");
            }
            if (!::abic::detail::add(offset, nbytes, &payload_end) ||
                payload_end - dir_.arena_offset > dir_.arena_bytes) {
                return side_->poison("descriptor payload is outside the arena");
            }
            end = p.end;
        }
        if (stop && known_tail_ != next_ + 1) {
            return side_->poison("a descriptor was published after STOP");
        }
        if (windowed && !stop && next_ - head_ >= MaxInflight) {
            return Status::error(ErrorKind::OWNERSHIP, "MaxInflight messages are in flight; release one first");
        }
        cursor_ = end;
        released_[next_ % WINDOW] = false;
        out->data = nbytes != 0 ? dir_.payload + offset : nullptr;
        out->size = nbytes;
        out->opcode = opcode;
        out->index = next_;
        ++next_;
        stopped_ = stop;
        return Status::ok();
    }

    detail::Side* side_;
    detail::Direction dir_;
    /// Messages released as a prefix; the value the head counter carries.
    std::uint64_t head_;
    /// Index of the next message to hand out.
    std::uint64_t next_;
    /// Messages the producer has published, as last observed.
    std::uint64_t known_tail_;
    /// The producer's arena cursor after message next_ - 1, re-derived from the descriptors.
    std::uint64_t cursor_;
    /// STOP was handed out.
    bool stopped_;
    /// A drain is calling its handler.
    bool draining_;
    /// released_[i % WINDOW]: message i (head_ <= i < next_) was released.
    bool released_[WINDOW];
};

/// The L2 (device) side of a queue: consumes the input direction, produces the output direction.
/// Writes the input head, the output slots, output arena and output tail, and l2_abort_flag.
/// MaxInflight: how many input DATA/ERROR messages may be in flight at once (plus one STOP).
template <std::uint32_t MaxInflight>
class DeviceEndpoint {
public:
    /// The input consumer type.
    using InputConsumer = Consumer<MaxInflight, true>;

    /// An endpoint that is not attached yet: every call fails with BAD_DESCRIPTOR until init().
    ABIC_HD DeviceEndpoint() : side_(), input_(&side_), output_(&side_) {}
    DeviceEndpoint(const DeviceEndpoint&) = delete;
    DeviceEndpoint& operator=(const DeviceEndpoint&) = delete;

    /// Attaches to a fresh queue: `payload` is the region's payload range (payload_base),
    /// `counters` its counter block, `args` the queue arguments. BAD_ARGUMENT for null or misaligned
    /// pointers and for MaxInflight > depth; BAD_DESCRIPTOR when the arguments do not describe a
    /// queue (see detail::validate_queue). Neither sets the abort flag; later calls fail with it.
    ABIC_HD Status init(void* payload, l3l2::L3L2QueueCounters* counters, const l3l2::L3L2QueueArgs& args) {
        l3l2::L3L2QueueArgs checked;
        l3l2::L3L2QueueRegionLayout layout;
        Status s = detail::validate_queue(payload, counters, args, &checked, &layout);
        if (s.is_ok() && MaxInflight > checked.depth) {
            s = Status::error(ErrorKind::BAD_ARGUMENT, "MaxInflight is larger than the ring depth");
        }
        if (!s.is_ok()) {
            side_.fail_init(s);
            return s;
        }
        unsigned char* bytes = static_cast<unsigned char*>(payload);
        side_.bind(&counters->l2_abort_flag, &counters->l3_abort_flag);
        input_.bind(detail::input_direction(bytes, counters, checked, layout));
        output_.bind(detail::output_direction(bytes, counters, checked, layout));
        return Status::ok();
    }

    /// The input direction (L3 -> L2).
    ABIC_HD InputConsumer& input() { return input_; }

    /// The output direction (L2 -> L3).
    ABIC_HD Producer& output() { return output_; }

    /// Gives up: sets l2_abort_flag; later calls fail with ABORTED (or the earlier sticky error).
    ABIC_HD void abort() { side_.abort(); }

    /// The sticky error (not initialized, init failure, poison, abort), or OK.
    ABIC_HD Status error() const { return side_.sticky(); }

private:
    detail::Side side_;
    InputConsumer input_;
    Producer output_;
};

/// The L3 (host) side of a queue: produces the input direction (and alone may send STOP on it),
/// consumes the output direction with one message in flight. Writes the input slots, input arena
/// and input tail, the output head, and l3_abort_flag.
class HostEndpoint {
public:
    /// The output consumer type.
    using OutputConsumer = Consumer<1, false>;

    /// An endpoint that is not attached yet: every call fails with BAD_DESCRIPTOR until init().
    ABIC_HD HostEndpoint() : side_(), input_(&side_), output_(&side_) {}
    HostEndpoint(const HostEndpoint&) = delete;
    HostEndpoint& operator=(const HostEndpoint&) = delete;

    /// Attaches to a fresh queue; same arguments and errors as DeviceEndpoint::init.
    ABIC_HD Status init(void* payload, l3l2::L3L2QueueCounters* counters, const l3l2::L3L2QueueArgs& args) {
        l3l2::L3L2QueueArgs checked;
        l3l2::L3L2QueueRegionLayout layout;
        const Status s = detail::validate_queue(payload, counters, args, &checked, &layout);
        if (!s.is_ok()) {
            side_.fail_init(s);
            return s;
        }
        unsigned char* bytes = static_cast<unsigned char*>(payload);
        side_.bind(&counters->l3_abort_flag, &counters->l2_abort_flag);
        input_.bind(detail::input_direction(bytes, counters, checked, layout));
        output_.bind(detail::output_direction(bytes, counters, checked, layout));
        return Status::ok();
    }

    /// The input direction (L3 -> L2).
    ABIC_HD Producer& input() { return input_; }

    /// The output direction (L2 -> L3).
    ABIC_HD OutputConsumer& output() { return output_; }

    /// Publishes the terminal STOP message (zero bytes) on the input direction; afterwards the
    /// input producer answers CLOSED. Would block while the ring is full; OWNERSHIP while a
    /// reservation is active; CLOSED when STOP was already sent.
    ABIC_HD Status try_stop() {
        const Status s = check_stop();
        if (!s.is_ok()) {
            return s;
        }
        return side_.try_once([&] { return input_.probe_stop(); });
    }

    /// try_stop, waiting up to `timeout_ns` for a free slot (0: one probe).
    template <class Clock = DefaultClock>
    ABIC_HD Status stop(std::uint64_t timeout_ns) {
        const Status s = check_stop();
        if (!s.is_ok()) {
            return s;
        }
        return side_.wait<Clock>([&] { return input_.probe_stop(); }, timeout_ns);
    }

    /// Gives up: sets l3_abort_flag; later calls fail with ABORTED (or the earlier sticky error).
    ABIC_HD void abort() { side_.abort(); }

    /// The sticky error (not initialized, init failure, poison, abort), or OK.
    ABIC_HD Status error() const { return side_.sticky(); }

private:
    ABIC_HD Status check_stop() const {
        if (side_.sticky().is_error()) {
            return side_.sticky();
        }
        if (input_.closed_) {
            return Status::error(ErrorKind::CLOSED, "STOP was sent on this direction");
        }
        if (input_.reserved_) {
            return Status::error(ErrorKind::OWNERSHIP, "STOP while a reservation is active");
        }
        return Status::ok();
    }

    detail::Side side_;
    Producer input_;
    OutputConsumer output_;
};

}  // namespace abic_runtime

#endif  // ABIC_RUNTIME_QUEUE_HPP_
