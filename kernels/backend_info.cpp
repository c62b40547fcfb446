#include "fyr/kernels/backend_info.h"

#include "fyr/kernels/cpu_features.h"

#if FYR_HAVE_CUDA
#include "cuda/cuda_devices.h"
#endif
#if FYR_HAVE_VULKAN
#include "vulkan/vulkan_devices.h"
#endif

namespace fyr::kernels {

bool cuda_compiled() { return FYR_HAVE_CUDA != 0; }
bool vulkan_compiled() { return FYR_HAVE_VULKAN != 0; }

std::vector<std::string> compiled_backends() {
    std::vector<std::string> names{"cpu"};
    if (cuda_compiled()) names.emplace_back("cuda");
    if (vulkan_compiled()) names.emplace_back("vulkan");
    return names;
}

std::vector<BackendStatus> probe_backends() {
    std::vector<BackendStatus> out;

    BackendStatus cpu;
    cpu.name = "cpu";
    cpu.compiled = true;
    cpu.usable = true;
    const CpuFeatures& f = cpu_features();
    cpu.detail = describe(f);
    DeviceInfo dev;
    dev.name = f.brand.empty() ? std::string("CPU") : f.brand;
    dev.kind = "cpu";
    dev.driver = std::to_string(f.n_physical_cores) + " cores, " + std::to_string(f.n_logical_cpus) +
                 " threads";
    cpu.devices.push_back(dev);
    out.push_back(std::move(cpu));

    BackendStatus cuda;
    cuda.name = "cuda";
#if FYR_HAVE_CUDA
    cuda.compiled = true;
    cuda.usable = cuda::probe_devices(cuda.devices, cuda.detail);
#else
    cuda.detail = "not built (configure with FYR_CUDA=ON and nvcc)";
#endif
    out.push_back(std::move(cuda));

    BackendStatus vk;
    vk.name = "vulkan";
#if FYR_HAVE_VULKAN
    vk.compiled = true;
    vk.usable = vulkan::probe_devices(vk.devices, vk.detail);
#else
    vk.detail = "not built (configure with FYR_VULKAN=ON, libvulkan-dev and glslc)";
#endif
    out.push_back(std::move(vk));
    return out;
}

}  // namespace fyr::kernels

#if !FYR_HAVE_VULKAN
#include "fyr/kernels/vulkan_self_test.h"

namespace fyr::kernels {
bool vulkan_self_test(int /*device_index*/, uint32_t /*n*/, std::string& detail) {
    detail = "Vulkan is not built into this binary";
    return false;
}
}  // namespace fyr::kernels
#endif
