// The hand-written header after a few careless edits; every struct drifted from idl/hdmr.abi.
#pragma once
#include <cstdint>

// flags moved up into the padding word: offset 44 instead of 56.
struct HostDeviceMappedRegionInfo {
    std::uint64_t host_data_ptr;
    std::uint64_t device_data_ptr;
    std::uint64_t data_bytes;
    std::uint64_t host_signal_ptr;
    std::uint64_t device_signal_ptr;
    std::uint32_t signal_count;
    std::uint32_t flags;
    std::uint64_t total_bytes;
    std::uint64_t spare;
};

// flags dropped ("no flags are defined anyway").
struct HostDeviceMappedRegionConfig {
    std::uint64_t data_bytes;
    std::uint32_t signal_count;
    std::uint32_t reserved;
};

namespace rt {
namespace hdmr {

// alignas(64) lost and one reserved word too many: size 72, alignment 8.
struct RegionHeader {
    std::uint32_t magic;
    std::uint32_t version;
    std::uint32_t flags;
    std::uint32_t signal_count;
    std::uint64_t signal_offset;
    std::uint64_t data_offset;
    std::uint64_t data_bytes;
    std::uint64_t total_bytes;
    std::uint64_t reserved[3];
};

// Mixed access control: the same bytes, but not a standard-layout type.
class SignalSlot {
public:
    alignas(64) std::uint32_t value;
private:
    std::uint32_t unused_[15];
};

// status widened to 64 bits over the reserved word that followed it.
struct DatacopyHeader {
    char magic[4];
    std::uint16_t version;
    std::uint16_t op;
    std::uint64_t region;
    std::uint64_t offset;
    std::uint64_t nbytes;
    std::int64_t status;
    unsigned char tail[24];
};

}  // namespace hdmr
}  // namespace rt
