// A stand-in for libnvidia-ml.so.1: the same C functions NvmlProbe looks up, with
// values scripted by the test in a text file named by $FYR_FAKE_NVML_SCRIPT and
// read again at every nvmlInit_v2 (so each probe starts from its test's script).
//
//   init=9                          nvmlInit_v2 returns this code (default 0)
//   devices=2
//   0.name=NVIDIA H100 80GB HBM3    per device: <index>.<key>=<value>
//   0.temperature=41                a key left out: that query returns NOT_SUPPORTED
//   0.error.nvmlDeviceGetPowerUsage=4   that function returns this code for device 0
//   1.lost_after=2                  2 handle look-ups succeed, then the device is lost
//   0.processes=4242:1048576,77:na  pid:bytes, "na" = NVML_VALUE_NOT_AVAILABLE
//
// Keys: name uuid util.gpu util.memory memory.total memory.free memory.used
// temperature power_mw power_limit_mw clock.sm clock.mem pcie.rx pcie.tx fan
// energy_mj processes. Variants built from this file leave out a function
// (FAKE_NVML_NO_ENERGY, FAKE_NVML_NO_COUNT) or write the 32-byte process element
// of drivers with confidential-computing memory (FAKE_NVML_CC_PROCESS_INFO).
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "telemetry/nvml_api.h"

using namespace fyr::app::telemetry::nvml;

namespace {

struct Device {
    std::map<std::string, std::string> values;
    std::map<std::string, int> errors;
    long lostAfter = -1;
    long handleCalls = 0;
    bool lost = false;
};

int g_initResult = NVML_SUCCESS;
bool g_initialized = false;
std::vector<Device> g_devices;

void loadScript() {
    g_initResult = NVML_SUCCESS;
    g_devices.clear();
    const char* path = std::getenv("FYR_FAKE_NVML_SCRIPT");
    if (!path) return;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const size_t eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
        const std::string key = line.substr(0, eq);
        const std::string value = line.substr(eq + 1);
        if (key == "init") {
            g_initResult = std::atoi(value.c_str());
        } else if (key == "devices") {
            g_devices.resize(static_cast<size_t>(std::atoi(value.c_str())));
        } else {
            const size_t dot = key.find('.');
            if (dot == std::string::npos) continue;
            const auto index = static_cast<size_t>(std::atoi(key.substr(0, dot).c_str()));
            if (index >= g_devices.size()) continue;
            Device& d = g_devices[index];
            const std::string rest = key.substr(dot + 1);
            if (rest.rfind("error.", 0) == 0)
                d.errors[rest.substr(6)] = std::atoi(value.c_str());
            else if (rest == "lost_after")
                d.lostAfter = std::atol(value.c_str());
            else
                d.values[rest] = value;
        }
    }
}

// The device behind a handle, or null; *r is what the call returns when it is not OK.
Device* device(nvmlDevice_t handle, const char* function, nvmlReturn_t* r) {
    *r = NVML_SUCCESS;
    if (!g_initialized) {
        *r = NVML_ERROR_UNINITIALIZED;
        return nullptr;
    }
    for (Device& d : g_devices) {
        if (reinterpret_cast<nvmlDevice_t>(&d) != handle) continue;
        if (d.lost) {
            *r = NVML_ERROR_GPU_IS_LOST;
            return nullptr;
        }
        const auto e = d.errors.find(function);
        if (e != d.errors.end()) {
            *r = e->second;
            if (*r == NVML_ERROR_GPU_IS_LOST) d.lost = true;
            return nullptr;
        }
        return &d;
    }
    *r = NVML_ERROR_INVALID_ARGUMENT;
    return nullptr;
}

// A scripted number: SUCCESS with it, or NOT_SUPPORTED when the script has none.
template <typename T>
nvmlReturn_t number(const Device& d, const char* key, T* out) {
    const auto v = d.values.find(key);
    if (v == d.values.end()) return NVML_ERROR_NOT_SUPPORTED;
    *out = static_cast<T>(std::strtoull(v->second.c_str(), nullptr, 10));
    return NVML_SUCCESS;
}

nvmlReturn_t text(const Device& d, const char* key, char* out, unsigned length) {
    const auto v = d.values.find(key);
    if (v == d.values.end()) return NVML_ERROR_NOT_SUPPORTED;
    if (!out || v->second.size() + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
    std::memcpy(out, v->second.c_str(), v->second.size() + 1);
    return NVML_SUCCESS;
}

}  // namespace

#define FAKE_NVML_EXPORT extern "C" __attribute__((visibility("default")))

FAKE_NVML_EXPORT nvmlReturn_t nvmlInit_v2() {
    loadScript();
    g_initialized = g_initResult == NVML_SUCCESS;
    return g_initResult;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlShutdown() {
    if (!g_initialized) return NVML_ERROR_UNINITIALIZED;
    g_initialized = false;
    return NVML_SUCCESS;
}

FAKE_NVML_EXPORT const char* nvmlErrorString(nvmlReturn_t r) {
    switch (r) {
        case NVML_SUCCESS: return "Success";
        case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
        case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
        case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
        case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
        case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
        case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
        case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
        default: return "Unknown Error";
    }
}

#ifndef FAKE_NVML_NO_COUNT
FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int* count) {
    if (!g_initialized) return NVML_ERROR_UNINITIALIZED;
    *count = static_cast<unsigned>(g_devices.size());
    return NVML_SUCCESS;
}
#endif

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t* handle) {
    if (!g_initialized) return NVML_ERROR_UNINITIALIZED;
    if (index >= g_devices.size()) return NVML_ERROR_INVALID_ARGUMENT;
    Device& d = g_devices[index];
    if (d.lostAfter >= 0 && ++d.handleCalls > d.lostAfter) d.lost = true;
    if (d.lost) return NVML_ERROR_GPU_IS_LOST;
    *handle = reinterpret_cast<nvmlDevice_t>(&d);
    return NVML_SUCCESS;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t dev, char* name, unsigned int length) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    return d ? text(*d, "name", name, length) : r;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t dev, char* uuid, unsigned int length) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    return d ? text(*d, "uuid", uuid, length) : r;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t dev, nvmlUtilization_t* u) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    if (!d) return r;
    if ((r = number(*d, "util.gpu", &u->gpu)) != NVML_SUCCESS) return r;
    return number(*d, "util.memory", &u->memory);
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t dev, nvmlMemory_t* m) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    if (!d) return r;
    if ((r = number(*d, "memory.total", &m->total)) != NVML_SUCCESS) return r;
    if ((r = number(*d, "memory.used", &m->used)) != NVML_SUCCESS) return r;
    m->free = m->total - m->used;
    return NVML_SUCCESS;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t dev, int sensor, unsigned int* t) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    if (!d) return r;
    return sensor == NVML_TEMPERATURE_GPU ? number(*d, "temperature", t) : NVML_ERROR_INVALID_ARGUMENT;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t dev, unsigned int* mw) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    return d ? number(*d, "power_mw", mw) : r;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t dev, unsigned int* mw) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    return d ? number(*d, "power_limit_mw", mw) : r;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t dev, int type, unsigned int* mhz) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    if (!d) return r;
    if (type == NVML_CLOCK_SM) return number(*d, "clock.sm", mhz);
    if (type == NVML_CLOCK_MEM) return number(*d, "clock.mem", mhz);
    return NVML_ERROR_NOT_SUPPORTED;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetPcieThroughput(nvmlDevice_t dev, int counter, unsigned int* kbps) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    if (!d) return r;
    if (counter == NVML_PCIE_UTIL_RX_BYTES) return number(*d, "pcie.rx", kbps);
    if (counter == NVML_PCIE_UTIL_TX_BYTES) return number(*d, "pcie.tx", kbps);
    return NVML_ERROR_INVALID_ARGUMENT;
}

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetFanSpeed(nvmlDevice_t dev, unsigned int* pct) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    return d ? number(*d, "fan", pct) : r;
}

#ifndef FAKE_NVML_NO_ENERGY
FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t dev, unsigned long long* mj) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    return d ? number(*d, "energy_mj", mj) : r;
}
#endif

#ifdef FAKE_NVML_CC_PROCESS_INFO
using ProcessElement = nvmlProcessInfoCc_t;
// Present in the drivers that wrote the longer element (and not the detail list).
FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetConfComputeMemSizeInfo(nvmlDevice_t, void*) {
    return NVML_ERROR_NOT_SUPPORTED;
}
#else
using ProcessElement = nvmlProcessInfo_t;
#endif

FAKE_NVML_EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t dev, unsigned int* count,
                                                                      void* infos) {
    nvmlReturn_t r;
    const Device* d = device(dev, __func__, &r);
    if (!d) return r;
    const auto v = d->values.find("processes");
    if (v == d->values.end()) return NVML_ERROR_NOT_SUPPORTED;
    std::vector<ProcessElement> procs;
    std::stringstream list(v->second);
    std::string item;
    while (std::getline(list, item, ',')) {
        const size_t colon = item.find(':');
        if (colon == std::string::npos) continue;
        ProcessElement p{};
        p.pid = static_cast<unsigned>(std::strtoul(item.substr(0, colon).c_str(), nullptr, 10));
        const std::string bytes = item.substr(colon + 1);
        p.usedGpuMemory = bytes == "na" ? NVML_VALUE_NOT_AVAILABLE : std::strtoull(bytes.c_str(), nullptr, 10);
        p.gpuInstanceId = p.computeInstanceId = 0xFFFFFFFFu;
        procs.push_back(p);
    }
    const unsigned capacity = *count;
    *count = static_cast<unsigned>(procs.size());
    if (procs.empty()) return NVML_SUCCESS;
    if (!infos || capacity < procs.size()) return NVML_ERROR_INSUFFICIENT_SIZE;
    std::memcpy(infos, procs.data(), procs.size() * sizeof(ProcessElement));
    return NVML_SUCCESS;
}
