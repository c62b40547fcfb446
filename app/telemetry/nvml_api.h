// The part of NVML's C interface that NvmlProbe calls, declared here so that
// nothing from NVIDIA is needed at build time: the library is opened at run time
// and each function looked up by name. Values and layouts are those of nvml.h
// (NVML API version 12, the same in drivers 450 … 580); the stand-in library in
// tests/telemetry implements the same declarations.
//
// Only types and constants: no functions are declared, so nothing links to NVML.
#pragma once

#include <cstdint>

struct nvmlDevice_st;  // opaque, the driver's

namespace fyr::app::telemetry::nvml {

using nvmlDevice_t = nvmlDevice_st*;
using nvmlReturn_t = int;  // a C enum: int-sized on every ABI we build for

constexpr nvmlReturn_t NVML_SUCCESS = 0;
constexpr nvmlReturn_t NVML_ERROR_UNINITIALIZED = 1;
constexpr nvmlReturn_t NVML_ERROR_INVALID_ARGUMENT = 2;
constexpr nvmlReturn_t NVML_ERROR_NOT_SUPPORTED = 3;
constexpr nvmlReturn_t NVML_ERROR_NO_PERMISSION = 4;
constexpr nvmlReturn_t NVML_ERROR_NOT_FOUND = 6;
constexpr nvmlReturn_t NVML_ERROR_INSUFFICIENT_SIZE = 7;
constexpr nvmlReturn_t NVML_ERROR_DRIVER_NOT_LOADED = 9;
constexpr nvmlReturn_t NVML_ERROR_FUNCTION_NOT_FOUND = 13;
constexpr nvmlReturn_t NVML_ERROR_GPU_IS_LOST = 15;
constexpr nvmlReturn_t NVML_ERROR_RESET_REQUIRED = 16;
constexpr nvmlReturn_t NVML_ERROR_UNKNOWN = 999;

// nvmlTemperatureSensors_t, nvmlClockType_t, nvmlPcieUtilCounter_t
constexpr int NVML_TEMPERATURE_GPU = 0;
constexpr int NVML_CLOCK_GRAPHICS = 0;
constexpr int NVML_CLOCK_SM = 1;
constexpr int NVML_CLOCK_MEM = 2;
constexpr int NVML_PCIE_UTIL_TX_BYTES = 0;
constexpr int NVML_PCIE_UTIL_RX_BYTES = 1;

// NVML_DEVICE_NAME_V2_BUFFER_SIZE, NVML_DEVICE_UUID_V2_BUFFER_SIZE
constexpr unsigned NVML_DEVICE_NAME_BUFFER_SIZE = 96;
constexpr unsigned NVML_DEVICE_UUID_BUFFER_SIZE = 96;

// usedGpuMemory when the driver cannot tell (NVML_VALUE_NOT_AVAILABLE).
constexpr unsigned long long NVML_VALUE_NOT_AVAILABLE = ~0ULL;

struct nvmlUtilization_t {
    unsigned int gpu;     // percent
    unsigned int memory;  // percent
};

// nvmlMemory_t (v1, what nvmlDeviceGetMemoryInfo fills)
struct nvmlMemory_t {
    unsigned long long total;  // bytes
    unsigned long long free;
    unsigned long long used;
};

// The element nvmlDeviceGetComputeRunningProcesses_v3 writes. Drivers whose
// nvml.h briefly gave nvmlProcessInfo_t an extra field (usedGpuCcProtectedMemory,
// 32 bytes; before nvmlDeviceGetRunningProcessDetailList existed) write the
// longer element; NvmlProbe picks the stride, and both share these offsets.
struct nvmlProcessInfo_t {
    unsigned int pid;
    unsigned long long usedGpuMemory;  // bytes, or NVML_VALUE_NOT_AVAILABLE
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
};
struct nvmlProcessInfoCc_t {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
    unsigned long long usedGpuCcProtectedMemory;
};
static_assert(sizeof(nvmlProcessInfo_t) == 24 && sizeof(nvmlProcessInfoCc_t) == 32);
static_assert(sizeof(nvmlMemory_t) == 24 && sizeof(nvmlUtilization_t) == 8);

// The signatures, as pointers to what dlsym returns.
using nvmlInit_v2_fn = nvmlReturn_t (*)();
using nvmlShutdown_fn = nvmlReturn_t (*)();
using nvmlErrorString_fn = const char* (*)(nvmlReturn_t);
using nvmlDeviceGetCount_v2_fn = nvmlReturn_t (*)(unsigned int*);
using nvmlDeviceGetHandleByIndex_v2_fn = nvmlReturn_t (*)(unsigned int, nvmlDevice_t*);
using nvmlDeviceGetName_fn = nvmlReturn_t (*)(nvmlDevice_t, char*, unsigned int);
using nvmlDeviceGetUUID_fn = nvmlReturn_t (*)(nvmlDevice_t, char*, unsigned int);
using nvmlDeviceGetUtilizationRates_fn = nvmlReturn_t (*)(nvmlDevice_t, nvmlUtilization_t*);
using nvmlDeviceGetMemoryInfo_fn = nvmlReturn_t (*)(nvmlDevice_t, nvmlMemory_t*);
using nvmlDeviceGetTemperature_fn = nvmlReturn_t (*)(nvmlDevice_t, int, unsigned int*);
using nvmlDeviceGetPowerUsage_fn = nvmlReturn_t (*)(nvmlDevice_t, unsigned int*);                    // mW
using nvmlDeviceGetEnforcedPowerLimit_fn = nvmlReturn_t (*)(nvmlDevice_t, unsigned int*);            // mW
using nvmlDeviceGetClockInfo_fn = nvmlReturn_t (*)(nvmlDevice_t, int, unsigned int*);                // MHz
using nvmlDeviceGetPcieThroughput_fn = nvmlReturn_t (*)(nvmlDevice_t, int, unsigned int*);           // KB/s
using nvmlDeviceGetFanSpeed_fn = nvmlReturn_t (*)(nvmlDevice_t, unsigned int*);                      // percent
using nvmlDeviceGetTotalEnergyConsumption_fn = nvmlReturn_t (*)(nvmlDevice_t, unsigned long long*);  // mJ
using nvmlDeviceGetComputeRunningProcesses_v3_fn = nvmlReturn_t (*)(nvmlDevice_t, unsigned int*, void*);

}  // namespace fyr::app::telemetry::nvml
