// A header that does not compile: a missing semicolon.
#include <cstdint>
struct HostDeviceMappedRegionConfig {
    std::uint64_t data_bytes
    std::uint32_t signal_count;
    std::uint32_t flags;
};
