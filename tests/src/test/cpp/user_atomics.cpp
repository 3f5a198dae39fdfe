// ABIC_USER_ATOMICS: a toolchain that brings its own atomics declares them before including a
// generated header, and the accessors use them. Built and run by HeaderCompileMatrixTest; exits 0
// only if every accessor went through the user's functions.
#include <cstdint>
#define ABIC_USER_ATOMICS 1
namespace abic { namespace detail {
int calls = 0;
template <typename T> T load_acquire(const T* p) { ++calls; return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
template <typename T> void store_release(T* p, T v) { ++calls; __atomic_store_n(p, v, __ATOMIC_RELEASE); }
template <typename T> bool compare_exchange(T* p, T* e, T d) { ++calls; return __atomic_compare_exchange_n(p, e, d, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE); }
}}
#include "simpler/l3l2.h"
int main() {
    simpler::l3l2::L3L2QueueDescSlot slot = {};
    simpler::l3l2::store_seq_release(&slot, 7u);
    std::uint64_t expected = 7u;
    bool swapped = simpler::l3l2::compare_exchange_seq(&slot, &expected, 8u);
    return (simpler::l3l2::load_seq_acquire(&slot) == 8u && swapped && abic::detail::calls == 3) ? 0 : 1;
}
