// Runs a tiny compute shader on a Vulkan device and checks what it wrote back.
//
//   std::string why;
//   if (!fyr::kernels::vulkan_self_test(0, 1000, why)) std::fprintf(stderr, "%s\n", why.c_str());
//
// Thread-safe (each call makes and destroys its own instance and device).
#pragma once

#include <cstdint>
#include <string>

namespace fyr::kernels {

// Dispatches data[i] = i * 0.5 + 3 over n elements on the device_index-th Vulkan
// device with a compute queue and compares every element with the CPU result.
// Returns false with the reason in `detail` (also when Vulkan is not built).
bool vulkan_self_test(int device_index, uint32_t n, std::string& detail);

}  // namespace fyr::kernels
