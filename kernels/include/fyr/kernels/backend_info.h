// Which compute backends this build has, and which of them can run here.
//
//   for (const auto& b : fyr::kernels::probe_backends()) {
//       std::printf("%s: %s\n", b.name.c_str(), b.usable ? "ready" : b.detail.c_str());
//   }
//
// compiled_backends() is cheap and constant. probe_backends() talks to drivers
// (a Vulkan instance, the CUDA runtime) and can take a few hundred milliseconds;
// it is thread-safe but not meant for hot paths.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fyr::kernels {

struct DeviceInfo {
    std::string name;          // "NVIDIA H100 80GB HBM3", "llvmpipe (LLVM 15.0.6, 256 bits)"
    std::string kind;          // "discrete", "integrated", "cpu", "virtual", "other"
    uint64_t memory_bytes = 0; // device-local memory (largest heap for Vulkan)
    std::string driver;        // driver or compute capability, free text
};

struct BackendStatus {
    std::string name;          // "cpu", "cuda", "vulkan"
    bool compiled = false;     // built into this binary
    bool usable = false;       // compiled and at least one device answered
    std::string detail;        // why not usable, or a one-line summary
    std::vector<DeviceInfo> devices;
};

// Names of the backends built into this binary, in a fixed order: "cpu" first.
std::vector<std::string> compiled_backends();

bool cuda_compiled();
bool vulkan_compiled();

// Asks each compiled backend for its devices. Backends that are not compiled are
// listed too, with compiled = false, so reports show what is missing.
std::vector<BackendStatus> probe_backends();

}  // namespace fyr::kernels
