#include "vulkan_devices.h"

#include <vulkan/vulkan.h>

#include <cstring>
#include <memory>
#include <optional>

#include "fyr/kernels/vulkan_self_test.h"
#include "spirv_shaders.h"

namespace fyr::kernels::vulkan {
namespace {

std::string vk_result_name(VkResult r) {
    switch (r) {
        case VK_SUCCESS: return "VK_SUCCESS";
        case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
        case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
        case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
        case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
        case VK_ERROR_MEMORY_MAP_FAILED: return "VK_ERROR_MEMORY_MAP_FAILED";
        case VK_ERROR_LAYER_NOT_PRESENT: return "VK_ERROR_LAYER_NOT_PRESENT";
        case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
        case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER (no Vulkan driver installed?)";
        default: return "VkResult " + std::to_string(static_cast<int>(r));
    }
}

const char* kind_name(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
        default: return "other";
    }
}

// Owns a VkInstance; destroyed on scope exit.
struct Instance {
    VkInstance handle = VK_NULL_HANDLE;
    Instance() = default;
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;
    ~Instance() {
        if (handle != VK_NULL_HANDLE) vkDestroyInstance(handle, nullptr);
    }
};

VkResult create_instance(Instance& inst) {
    VkApplicationInfo app{};
    app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
    app.pApplicationName = "Fyr";
    app.pEngineName = "Fyr";
    app.apiVersion = VK_API_VERSION_1_1;
    VkInstanceCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
    ci.pApplicationInfo = &app;
    return vkCreateInstance(&ci, nullptr, &inst.handle);
}

std::optional<uint32_t> compute_queue_family(VkPhysicalDevice pd) {
    uint32_t n = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, nullptr);
    std::vector<VkQueueFamilyProperties> families(n);
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, families.data());
    for (uint32_t i = 0; i < n; ++i) {
        if ((families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) != 0) return i;
    }
    return std::nullopt;
}

std::vector<VkPhysicalDevice> compute_devices(VkInstance instance) {
    uint32_t n = 0;
    vkEnumeratePhysicalDevices(instance, &n, nullptr);
    std::vector<VkPhysicalDevice> all(n);
    vkEnumeratePhysicalDevices(instance, &n, all.data());
    std::vector<VkPhysicalDevice> out;
    for (VkPhysicalDevice pd : all) {
        if (compute_queue_family(pd)) out.push_back(pd);
    }
    return out;
}

std::optional<uint32_t> find_memory_type(VkPhysicalDevice pd, uint32_t type_bits, VkMemoryPropertyFlags want) {
    VkPhysicalDeviceMemoryProperties props{};
    vkGetPhysicalDeviceMemoryProperties(pd, &props);
    for (uint32_t i = 0; i < props.memoryTypeCount; ++i) {
        if ((type_bits & (1u << i)) != 0 && (props.memoryTypes[i].propertyFlags & want) == want) return i;
    }
    return std::nullopt;
}

}  // namespace

bool probe_devices(std::vector<DeviceInfo>& devices, std::string& detail) {
    Instance inst;
    const VkResult r = create_instance(inst);
    if (r != VK_SUCCESS) {
        detail = "no Vulkan instance: " + vk_result_name(r);
        return false;
    }
    for (VkPhysicalDevice pd : compute_devices(inst.handle)) {
        VkPhysicalDeviceProperties props{};
        vkGetPhysicalDeviceProperties(pd, &props);
        VkPhysicalDeviceMemoryProperties mem{};
        vkGetPhysicalDeviceMemoryProperties(pd, &mem);
        uint64_t largest_local = 0;
        for (uint32_t h = 0; h < mem.memoryHeapCount; ++h) {
            if ((mem.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) != 0 &&
                mem.memoryHeaps[h].size > largest_local) {
                largest_local = mem.memoryHeaps[h].size;
            }
        }
        DeviceInfo d;
        d.name = props.deviceName;
        d.kind = kind_name(props.deviceType);
        d.memory_bytes = largest_local;
        d.driver = "Vulkan " + std::to_string(VK_API_VERSION_MAJOR(props.apiVersion)) + "." +
                   std::to_string(VK_API_VERSION_MINOR(props.apiVersion)) + "." +
                   std::to_string(VK_API_VERSION_PATCH(props.apiVersion));
        devices.push_back(d);
    }
    if (devices.empty()) {
        detail = "Vulkan loader found, but no device with a compute queue (install mesa-vulkan-drivers or a GPU driver)";
        return false;
    }
    detail = std::to_string(devices.size()) + " device(s)";
    return true;
}

}  // namespace fyr::kernels::vulkan

namespace fyr::kernels {
namespace {

// Destroys whatever was created, in reverse order, whichever step failed.
struct SelfTestResources {
    VkDevice device = VK_NULL_HANDLE;
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkShaderModule shader = VK_NULL_HANDLE;
    VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
    VkPipelineLayout pipeline_layout = VK_NULL_HANDLE;
    VkPipeline pipeline = VK_NULL_HANDLE;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    VkCommandPool cmd_pool = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;

    SelfTestResources() = default;
    SelfTestResources(const SelfTestResources&) = delete;
    SelfTestResources& operator=(const SelfTestResources&) = delete;
    ~SelfTestResources() {
        if (device == VK_NULL_HANDLE) return;
        vkDeviceWaitIdle(device);
        if (fence) vkDestroyFence(device, fence, nullptr);
        if (cmd_pool) vkDestroyCommandPool(device, cmd_pool, nullptr);
        if (pool) vkDestroyDescriptorPool(device, pool, nullptr);
        if (pipeline) vkDestroyPipeline(device, pipeline, nullptr);
        if (pipeline_layout) vkDestroyPipelineLayout(device, pipeline_layout, nullptr);
        if (set_layout) vkDestroyDescriptorSetLayout(device, set_layout, nullptr);
        if (shader) vkDestroyShaderModule(device, shader, nullptr);
        if (buffer) vkDestroyBuffer(device, buffer, nullptr);
        if (memory) vkFreeMemory(device, memory, nullptr);
        vkDestroyDevice(device, nullptr);
    }
};

struct PushConstants {
    uint32_t n;
    float scale;
    float offset;
};

}  // namespace

bool vulkan_self_test(int device_index, uint32_t n, std::string& detail) {
    using namespace vulkan;
    if (n == 0) {
        detail = "self-test needs at least one element";
        return false;
    }
    Instance inst;
    VkResult r = create_instance(inst);
    if (r != VK_SUCCESS) {
        detail = "no Vulkan instance: " + vk_result_name(r);
        return false;
    }
    const auto devices = compute_devices(inst.handle);
    if (device_index < 0 || static_cast<size_t>(device_index) >= devices.size()) {
        detail = "no Vulkan compute device #" + std::to_string(device_index) + " (" +
                 std::to_string(devices.size()) + " present)";
        return false;
    }
    VkPhysicalDevice pd = devices[static_cast<size_t>(device_index)];
    const uint32_t family = *compute_queue_family(pd);

    auto fail = [&detail](const char* step, VkResult res) {
        detail = std::string(step) + " failed: " + vk_result_name(res);
        return false;
    };

    SelfTestResources res;
    const float priority = 1.0f;
    VkDeviceQueueCreateInfo qci{};
    qci.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
    qci.queueFamilyIndex = family;
    qci.queueCount = 1;
    qci.pQueuePriorities = &priority;
    VkDeviceCreateInfo dci{};
    dci.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    dci.queueCreateInfoCount = 1;
    dci.pQueueCreateInfos = &qci;
    if ((r = vkCreateDevice(pd, &dci, nullptr, &res.device)) != VK_SUCCESS) return fail("vkCreateDevice", r);
    VkQueue queue = VK_NULL_HANDLE;
    vkGetDeviceQueue(res.device, family, 0, &queue);

    const VkDeviceSize bytes = VkDeviceSize{n} * sizeof(float);
    VkBufferCreateInfo bci{};
    bci.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    bci.size = bytes;
    bci.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
    bci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    if ((r = vkCreateBuffer(res.device, &bci, nullptr, &res.buffer)) != VK_SUCCESS) return fail("vkCreateBuffer", r);
    VkMemoryRequirements req{};
    vkGetBufferMemoryRequirements(res.device, res.buffer, &req);
    const auto mem_type = find_memory_type(
        pd, req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
    if (!mem_type) {
        detail = "no host-visible coherent memory type for the self-test buffer";
        return false;
    }
    VkMemoryAllocateInfo mai{};
    mai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    mai.allocationSize = req.size;
    mai.memoryTypeIndex = *mem_type;
    if ((r = vkAllocateMemory(res.device, &mai, nullptr, &res.memory)) != VK_SUCCESS) return fail("vkAllocateMemory", r);
    if ((r = vkBindBufferMemory(res.device, res.buffer, res.memory, 0)) != VK_SUCCESS)
        return fail("vkBindBufferMemory", r);

    VkShaderModuleCreateInfo smci{};
    smci.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
    smci.codeSize = spirv::fill_iota_words * sizeof(uint32_t);
    smci.pCode = spirv::fill_iota;
    if ((r = vkCreateShaderModule(res.device, &smci, nullptr, &res.shader)) != VK_SUCCESS)
        return fail("vkCreateShaderModule", r);

    VkDescriptorSetLayoutBinding binding{};
    binding.binding = 0;
    binding.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    binding.descriptorCount = 1;
    binding.stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    VkDescriptorSetLayoutCreateInfo dslci{};
    dslci.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    dslci.bindingCount = 1;
    dslci.pBindings = &binding;
    if ((r = vkCreateDescriptorSetLayout(res.device, &dslci, nullptr, &res.set_layout)) != VK_SUCCESS)
        return fail("vkCreateDescriptorSetLayout", r);

    VkPushConstantRange pcr{};
    pcr.stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    pcr.size = sizeof(PushConstants);
    VkPipelineLayoutCreateInfo plci{};
    plci.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    plci.setLayoutCount = 1;
    plci.pSetLayouts = &res.set_layout;
    plci.pushConstantRangeCount = 1;
    plci.pPushConstantRanges = &pcr;
    if ((r = vkCreatePipelineLayout(res.device, &plci, nullptr, &res.pipeline_layout)) != VK_SUCCESS)
        return fail("vkCreatePipelineLayout", r);

    VkComputePipelineCreateInfo cpci{};
    cpci.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
    cpci.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    cpci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    cpci.stage.module = res.shader;
    cpci.stage.pName = "main";
    cpci.layout = res.pipeline_layout;
    if ((r = vkCreateComputePipelines(res.device, VK_NULL_HANDLE, 1, &cpci, nullptr, &res.pipeline)) != VK_SUCCESS)
        return fail("vkCreateComputePipelines", r);

    VkDescriptorPoolSize pool_size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1};
    VkDescriptorPoolCreateInfo dpci{};
    dpci.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    dpci.maxSets = 1;
    dpci.poolSizeCount = 1;
    dpci.pPoolSizes = &pool_size;
    if ((r = vkCreateDescriptorPool(res.device, &dpci, nullptr, &res.pool)) != VK_SUCCESS)
        return fail("vkCreateDescriptorPool", r);
    VkDescriptorSetAllocateInfo dsai{};
    dsai.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    dsai.descriptorPool = res.pool;
    dsai.descriptorSetCount = 1;
    dsai.pSetLayouts = &res.set_layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    if ((r = vkAllocateDescriptorSets(res.device, &dsai, &set)) != VK_SUCCESS)
        return fail("vkAllocateDescriptorSets", r);
    VkDescriptorBufferInfo dbi{res.buffer, 0, bytes};
    VkWriteDescriptorSet write{};
    write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    write.dstSet = set;
    write.dstBinding = 0;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    write.pBufferInfo = &dbi;
    vkUpdateDescriptorSets(res.device, 1, &write, 0, nullptr);

    VkCommandPoolCreateInfo cpoolci{};
    cpoolci.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    cpoolci.queueFamilyIndex = family;
    if ((r = vkCreateCommandPool(res.device, &cpoolci, nullptr, &res.cmd_pool)) != VK_SUCCESS)
        return fail("vkCreateCommandPool", r);
    VkCommandBufferAllocateInfo cbai{};
    cbai.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    cbai.commandPool = res.cmd_pool;
    cbai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cbai.commandBufferCount = 1;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    if ((r = vkAllocateCommandBuffers(res.device, &cbai, &cmd)) != VK_SUCCESS)
        return fail("vkAllocateCommandBuffers", r);

    const PushConstants pc{n, 0.5f, 3.0f};
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    vkBeginCommandBuffer(cmd, &begin);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, res.pipeline);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, res.pipeline_layout, 0, 1, &set, 0, nullptr);
    vkCmdPushConstants(cmd, res.pipeline_layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(pc), &pc);
    vkCmdDispatch(cmd, (n + 63) / 64, 1, 1);
    VkMemoryBarrier barrier{};
    barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &barrier, 0,
                         nullptr, 0, nullptr);
    if ((r = vkEndCommandBuffer(cmd)) != VK_SUCCESS) return fail("vkEndCommandBuffer", r);

    VkFenceCreateInfo fci{};
    fci.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    if ((r = vkCreateFence(res.device, &fci, nullptr, &res.fence)) != VK_SUCCESS) return fail("vkCreateFence", r);
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cmd;
    if ((r = vkQueueSubmit(queue, 1, &submit, res.fence)) != VK_SUCCESS) return fail("vkQueueSubmit", r);
    constexpr uint64_t kTimeoutNs = 30ull * 1000 * 1000 * 1000;
    if ((r = vkWaitForFences(res.device, 1, &res.fence, VK_TRUE, kTimeoutNs)) != VK_SUCCESS)
        return fail("vkWaitForFences", r);

    void* mapped = nullptr;
    if ((r = vkMapMemory(res.device, res.memory, 0, bytes, 0, &mapped)) != VK_SUCCESS) return fail("vkMapMemory", r);
    const auto* data = static_cast<const float*>(mapped);
    for (uint32_t i = 0; i < n; ++i) {
        const float want = static_cast<float>(i) * pc.scale + pc.offset;
        if (data[i] != want) {
            detail = "wrong result at element " + std::to_string(i) + ": got " + std::to_string(data[i]) +
                     ", expected " + std::to_string(want);
            vkUnmapMemory(res.device, res.memory);
            return false;
        }
    }
    vkUnmapMemory(res.device, res.memory);

    VkPhysicalDeviceProperties props{};
    vkGetPhysicalDeviceProperties(pd, &props);
    detail = std::string(props.deviceName) + ": " + std::to_string(n) + " elements computed and verified";
    return true;
}

}  // namespace fyr::kernels
