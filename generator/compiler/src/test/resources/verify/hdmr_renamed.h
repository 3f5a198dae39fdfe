// The runtime's names for the region description: a namespace, a struct name and two members
// differ from idl/hdmr.abi; the bytes are the same.
#ifndef RT_REGION_INFO_H
#define RT_REGION_INFO_H
#include <cstdint>

namespace rt {
struct MappedRegionInfo {
    std::uint64_t host_data_ptr;
    std::uint64_t device_data_ptr;
    std::uint64_t data_bytes;
    std::uint64_t host_signal_ptr;
    std::uint64_t device_signal_ptr;
    std::uint32_t nsignals;
    std::uint32_t reserved_a;
    std::uint64_t mapping_bytes;
    std::uint32_t flags;
    std::uint32_t reserved_b;
};
}  // namespace rt
#endif
