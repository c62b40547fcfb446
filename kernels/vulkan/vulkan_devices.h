// Vulkan device discovery and a compute self-test (compiled only with FYR_VULKAN).
#pragma once

#include <string>
#include <vector>

#include "fyr/kernels/backend_info.h"

namespace fyr::kernels::vulkan {

// Lists the physical devices that have a compute queue. Returns false with the
// reason in `detail` when there is no loader, no driver (ICD) or no such device.
bool probe_devices(std::vector<DeviceInfo>& devices, std::string& detail);

}  // namespace fyr::kernels::vulkan
