// CUDA device discovery (compiled only with FYR_CUDA).
#pragma once

#include <string>
#include <vector>

#include "fyr/kernels/backend_info.h"

namespace fyr::kernels::cuda {

// Fills `devices`; returns false with the runtime's reason in `detail` when no
// device can be used (no driver, no GPU, driver too old for this runtime).
bool probe_devices(std::vector<DeviceInfo>& devices, std::string& detail);

}  // namespace fyr::kernels::cuda
