// Any Vulkan device's memory as a GpuProbe (backend "vulkan"): per device the
// device-local memory this process may use and uses now, from the driver's
// VK_EXT_memory_budget; where the driver lacks it (Mesa's CPU driver, older
// drivers) the heaps' total size only, with the used amount left empty and the
// sample saying why. For GPUs that NVML or amdgpu's sysfs do not cover (Intel,
// other vendors, AMD without sysfs access); part of fyr_app, as it needs the
// kernels library's Vulkan instance.
//
//   fyr::app::telemetry::VulkanMemoryProbe vk;
//   if (!vk.available()) qInfo() << vk.reason();
//   for (const GpuSample& s : vk.sample()) ...;   // memoryTotalBytes, memoryUsedBytes
//
// Thread-safety: as GpuProbe: sample() from one thread at a time.
#pragma once

#include <cstdint>
#include <vector>

#include <memory>

#include "telemetry/gpu_probe.h"

namespace fyr::kernels {
class VulkanMemoryReader;
struct VulkanMemory;
}  // namespace fyr::kernels

namespace fyr::app::telemetry {

class VulkanMemoryProbe final : public GpuProbe {
public:
    // Which devices to leave out: those another probe already reports in full
    // (NVIDIA's beside NVML, AMD's beside amdgpu's sysfs) and CPU drivers.
    struct Filter {
        bool skipCpu = false;
        std::vector<uint32_t> skipVendors;  // PCI vendor ids
    };
    static constexpr uint32_t kVendorNvidia = 0x10de;
    static constexpr uint32_t kVendorAmd = 0x1002;

    VulkanMemoryProbe();
    explicit VulkanMemoryProbe(Filter filter);
    ~VulkanMemoryProbe() override;

    QString backend() const override { return QStringLiteral("vulkan"); }
    bool available() const override;
    QString reason() const override;
    std::vector<GpuSample> sample() override;

    // One device's reading as a sample (what sample() does for each); the UUID
    // as NVML writes it ("GPU-" and 8-4-4-4-12 hex digits) for NVIDIA, else the bare hex groups.
    static GpuSample toSample(const fyr::kernels::VulkanMemory& memory);
    // Whether `filter` leaves this device in.
    static bool keeps(const Filter& filter, const fyr::kernels::VulkanMemory& memory);

private:
    Filter m_filter;
    std::unique_ptr<fyr::kernels::VulkanMemoryReader> m_reader;
};

}  // namespace fyr::app::telemetry
