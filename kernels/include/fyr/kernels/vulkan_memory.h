// How much memory each Vulkan device has and uses: per heap its size and, where
// the driver has VK_EXT_memory_budget, the budget this process may use and what
// it uses now; without the extension (Mesa's CPU driver, older drivers) only the
// heap sizes, and the report says so.
//
//   fyr::kernels::VulkanMemoryReader reader;          // one Vulkan instance, kept
//   if (!reader.available()) std::puts(reader.reason().c_str());
//   for (const auto& d : reader.read())
//       std::printf("%s: %llu of %llu bytes\n", d.name.c_str(), d.local_usage().value_or(0), d.local_total());
//
// Thread-safety: read() may be called from one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fyr::kernels {

struct VulkanHeap {
    uint64_t size = 0;
    bool device_local = false;
    std::optional<uint64_t> budget;  // with VK_EXT_memory_budget
    std::optional<uint64_t> usage;
};

struct VulkanMemory {
    int index = 0;  // among the devices with a compute queue, as probe_backends() lists them
    std::string name;
    uint32_t vendor_id = 0;  // PCI vendor: 0x10de NVIDIA, 0x1002 AMD, 0x8086 Intel, ...
    bool is_cpu = false;     // a CPU driver (Mesa's lavapipe), not a GPU
    // VkPhysicalDeviceIDProperties::deviceUUID (Vulkan 1.1); for NVIDIA the same
    // bytes as NVML's "GPU-..." UUID.
    std::optional<std::array<uint8_t, 16>> uuid;
    bool budget_supported = false;  // the driver has VK_EXT_memory_budget
    std::vector<VulkanHeap> heaps;

    // Device-local heaps together (all heaps when none is device-local): the
    // budget where known, else the heaps' size.
    uint64_t local_total() const;
    // What the process uses of them; empty without VK_EXT_memory_budget.
    std::optional<uint64_t> local_usage() const;
};

class VulkanMemoryReader final {
public:
    VulkanMemoryReader();
    ~VulkanMemoryReader();
    VulkanMemoryReader(const VulkanMemoryReader&) = delete;
    VulkanMemoryReader& operator=(const VulkanMemoryReader&) = delete;

    bool available() const;
    const std::string& reason() const;  // why not available
    std::vector<VulkanMemory> read() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fyr::kernels
