#include "fyr/kernels/vulkan_memory.h"

#if FYR_HAVE_VULKAN
#include <vulkan/vulkan.h>

#include <cstring>
#endif

namespace fyr::kernels {

namespace {

bool any_local(const std::vector<VulkanHeap>& heaps) {
    for (const VulkanHeap& h : heaps)
        if (h.device_local) return true;
    return false;
}

}  // namespace

uint64_t VulkanMemory::local_total() const {
    const bool local = any_local(heaps);
    uint64_t total = 0;
    for (const VulkanHeap& h : heaps)
        if (h.device_local || !local) total += h.budget.value_or(h.size);
    return total;
}

std::optional<uint64_t> VulkanMemory::local_usage() const {
    if (!budget_supported) return std::nullopt;
    const bool local = any_local(heaps);
    uint64_t used = 0;
    for (const VulkanHeap& h : heaps) {
        if (!(h.device_local || !local)) continue;
        if (!h.usage) return std::nullopt;
        used += *h.usage;
    }
    return used;
}

#if FYR_HAVE_VULKAN

struct VulkanMemoryReader::Impl {
    VkInstance instance = VK_NULL_HANDLE;
    std::string reason;
    std::vector<VkPhysicalDevice> devices;
};

VulkanMemoryReader::VulkanMemoryReader() : m_impl(std::make_unique<Impl>()) {
    VkApplicationInfo app{};
    app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
    app.pApplicationName = "Fyr";
    app.pEngineName = "Fyr";
    app.apiVersion = VK_API_VERSION_1_1;  // vkGetPhysicalDeviceMemoryProperties2 is core in 1.1
    VkInstanceCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
    ci.pApplicationInfo = &app;
    const VkResult r = vkCreateInstance(&ci, nullptr, &m_impl->instance);
    if (r != VK_SUCCESS) {
        m_impl->instance = VK_NULL_HANDLE;
        m_impl->reason = "no Vulkan instance (VkResult " + std::to_string(static_cast<int>(r)) +
                         "; is a Vulkan driver installed?)";
        return;
    }
    uint32_t n = 0;
    vkEnumeratePhysicalDevices(m_impl->instance, &n, nullptr);
    std::vector<VkPhysicalDevice> all(n);
    vkEnumeratePhysicalDevices(m_impl->instance, &n, all.data());
    all.resize(n);
    for (VkPhysicalDevice pd : all) {
        // The same devices, in the same order, as the backend list (those with a compute queue).
        uint32_t nf = 0;
        vkGetPhysicalDeviceQueueFamilyProperties(pd, &nf, nullptr);
        std::vector<VkQueueFamilyProperties> families(nf);
        vkGetPhysicalDeviceQueueFamilyProperties(pd, &nf, families.data());
        for (uint32_t i = 0; i < nf; ++i) {
            if ((families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) != 0) {
                m_impl->devices.push_back(pd);
                break;
            }
        }
    }
    if (m_impl->devices.empty()) m_impl->reason = "the Vulkan loader found no device with a compute queue";
}

VulkanMemoryReader::~VulkanMemoryReader() {
    if (m_impl->instance != VK_NULL_HANDLE) vkDestroyInstance(m_impl->instance, nullptr);
}

bool VulkanMemoryReader::available() const {
    return !m_impl->devices.empty();
}

const std::string& VulkanMemoryReader::reason() const {
    return m_impl->reason;
}

std::vector<VulkanMemory> VulkanMemoryReader::read() const {
    std::vector<VulkanMemory> out;
    int index = 0;
    for (VkPhysicalDevice pd : m_impl->devices) {
        VulkanMemory d;
        d.index = index++;
        VkPhysicalDeviceProperties props{};
        vkGetPhysicalDeviceProperties(pd, &props);
        d.name = props.deviceName;
        d.vendor_id = props.vendorID;
        d.is_cpu = props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
        if (props.apiVersion >= VK_API_VERSION_1_1) {
            VkPhysicalDeviceIDProperties ids{};
            ids.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES;
            VkPhysicalDeviceProperties2 props2{};
            props2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
            props2.pNext = &ids;
            vkGetPhysicalDeviceProperties2(pd, &props2);
            std::array<uint8_t, 16> uuid{};
            std::memcpy(uuid.data(), ids.deviceUUID, uuid.size());
            d.uuid = uuid;
        }
        uint32_t ne = 0;
        vkEnumerateDeviceExtensionProperties(pd, nullptr, &ne, nullptr);
        std::vector<VkExtensionProperties> exts(ne);
        vkEnumerateDeviceExtensionProperties(pd, nullptr, &ne, exts.data());
        for (uint32_t i = 0; i < ne; ++i)
            if (std::strcmp(exts[i].extensionName, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME) == 0) d.budget_supported = true;

        VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{};
        budget.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT;
        VkPhysicalDeviceMemoryProperties2 mem{};
        mem.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2;
        if (d.budget_supported) mem.pNext = &budget;
        if (props.apiVersion >= VK_API_VERSION_1_1) {
            vkGetPhysicalDeviceMemoryProperties2(pd, &mem);
        } else {
            d.budget_supported = false;
            vkGetPhysicalDeviceMemoryProperties(pd, &mem.memoryProperties);
        }
        const VkPhysicalDeviceMemoryProperties& p = mem.memoryProperties;
        for (uint32_t h = 0; h < p.memoryHeapCount && h < VK_MAX_MEMORY_HEAPS; ++h) {
            VulkanHeap heap;
            heap.size = p.memoryHeaps[h].size;
            heap.device_local = (p.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) != 0;
            if (d.budget_supported) {
                heap.budget = budget.heapBudget[h];
                heap.usage = budget.heapUsage[h];
            }
            d.heaps.push_back(heap);
        }
        out.push_back(std::move(d));
    }
    return out;
}

#else

struct VulkanMemoryReader::Impl {
    std::string reason = "Vulkan is not built into this binary";
};

VulkanMemoryReader::VulkanMemoryReader() : m_impl(std::make_unique<Impl>()) {}
VulkanMemoryReader::~VulkanMemoryReader() = default;
bool VulkanMemoryReader::available() const {
    return false;
}
const std::string& VulkanMemoryReader::reason() const {
    return m_impl->reason;
}
std::vector<VulkanMemory> VulkanMemoryReader::read() const {
    return {};
}

#endif

}  // namespace fyr::kernels
