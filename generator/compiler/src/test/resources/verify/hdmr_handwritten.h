/*
 * Host/device mapped region: the runtime's own declarations, kept by hand next to its C API.
 * Written the way the runtime team writes C headers; the .abi (idl/hdmr.abi) is checked against it.
 */
#ifndef RT_HDMR_HANDWRITTEN_H
#define RT_HDMR_HANDWRITTEN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Public description of an open region (C API). */
typedef struct HostDeviceMappedRegionInfo {
    uint64_t host_data_ptr;
    uint64_t device_data_ptr;
    uint64_t data_bytes;
    uint64_t host_signal_ptr;
    uint64_t device_signal_ptr;
    uint32_t signal_count;
    uint32_t pad0;
    uint64_t total_bytes;
    uint32_t flags;
    uint32_t pad1;
} HostDeviceMappedRegionInfo;

typedef struct HostDeviceMappedRegionConfig {
    uint64_t data_bytes;
    uint32_t signal_count;
    uint32_t flags;
} HostDeviceMappedRegionConfig;

#ifdef __cplusplus
}  /* extern "C" */

namespace rt {
namespace hdmr {

struct alignas(64) RegionHeader {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t signal_count;
    uint64_t signal_offset;
    uint64_t data_offset;
    uint64_t data_bytes;
    uint64_t total_bytes;
    uint64_t reserved[2];
};

struct alignas(64) SignalSlot {
    volatile uint32_t value;
    uint32_t unused[15];
};

enum class DatacopyOp : uint16_t { kInfo = 1, kToRegion = 2, kFromRegion = 3 };

struct DatacopyHeader {
    char magic[4];
    uint16_t version;
    DatacopyOp op;
    uint64_t region;
    uint64_t offset;
    uint64_t nbytes;
    int32_t status;
    uint32_t reserved0;
    unsigned char tail[24];
};

}  // namespace hdmr
}  // namespace rt
#endif

#endif  /* RT_HDMR_HANDWRITTEN_H */
