#include "cuda_devices.h"

#include <cuda_runtime.h>

namespace fyr::kernels::cuda {

bool probe_devices(std::vector<DeviceInfo>& devices, std::string& detail) {
    int count = 0;
    const cudaError_t err = cudaGetDeviceCount(&count);
    if (err != cudaSuccess) {
        detail = std::string("no usable CUDA device: ") + cudaGetErrorString(err);
        return false;
    }
    int runtime_version = 0;
    int driver_version = 0;
    cudaRuntimeGetVersion(&runtime_version);
    cudaDriverGetVersion(&driver_version);
    for (int i = 0; i < count; ++i) {
        cudaDeviceProp prop{};
        if (cudaGetDeviceProperties(&prop, i) != cudaSuccess) continue;
        DeviceInfo d;
        d.name = prop.name;
        d.kind = prop.integrated ? "integrated" : "discrete";
        d.memory_bytes = prop.totalGlobalMem;
        d.driver = "sm_" + std::to_string(prop.major) + std::to_string(prop.minor) + ", driver " +
                   std::to_string(driver_version / 1000) + "." + std::to_string(driver_version % 1000 / 10);
        devices.push_back(d);
    }
    detail = std::to_string(devices.size()) + " device(s), runtime " + std::to_string(runtime_version / 1000) +
             "." + std::to_string(runtime_version % 1000 / 10);
    return !devices.empty();
}

}  // namespace fyr::kernels::cuda
