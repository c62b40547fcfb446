#include "telemetry/nvml_probe.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cstring>

#include <dlfcn.h>

#include "telemetry/nvml_api.h"

namespace fyr::app::telemetry {

using namespace nvml;

struct NvmlProbe::Api {
    // Essential: without these there is nothing to sample.
    nvmlInit_v2_fn init = nullptr;
    nvmlShutdown_fn shutdown = nullptr;
    nvmlErrorString_fn errorString = nullptr;
    nvmlDeviceGetCount_v2_fn getCount = nullptr;
    nvmlDeviceGetHandleByIndex_v2_fn getHandleByIndex = nullptr;
    // Optional: a missing one leaves its field empty.
    nvmlDeviceGetName_fn getName = nullptr;
    nvmlDeviceGetUUID_fn getUuid = nullptr;
    nvmlDeviceGetUtilizationRates_fn getUtilization = nullptr;
    nvmlDeviceGetMemoryInfo_fn getMemoryInfo = nullptr;
    nvmlDeviceGetTemperature_fn getTemperature = nullptr;
    nvmlDeviceGetPowerUsage_fn getPowerUsage = nullptr;
    nvmlDeviceGetEnforcedPowerLimit_fn getPowerLimit = nullptr;
    nvmlDeviceGetClockInfo_fn getClockInfo = nullptr;
    nvmlDeviceGetPcieThroughput_fn getPcieThroughput = nullptr;
    nvmlDeviceGetFanSpeed_fn getFanSpeed = nullptr;
    nvmlDeviceGetTotalEnergyConsumption_fn getTotalEnergy = nullptr;
    nvmlDeviceGetComputeRunningProcesses_v3_fn getComputeProcesses = nullptr;
};

namespace {

template <typename Fn>
bool resolve(void* handle, const char* name, Fn& out) {
    void* sym = ::dlsym(handle, name);
    out = reinterpret_cast<Fn>(sym);
    return sym != nullptr;
}

// A failure that means the device itself is gone, not just one query.
bool isLost(nvmlReturn_t r) {
    return r == NVML_ERROR_GPU_IS_LOST || r == NVML_ERROR_RESET_REQUIRED;
}

// At most this many processes are read per device: a bound on the buffer, far
// above what one GPU runs.
constexpr unsigned kMaxProcesses = 4096;

}  // namespace

NvmlProbe::NvmlProbe(const QString& libraryPath)
    : m_libraryPath(libraryPath.isEmpty() ? defaultLibrary() : libraryPath), m_api(std::make_unique<Api>()) {
    ::dlerror();
    m_handle = ::dlopen(QFile::encodeName(m_libraryPath).constData(), RTLD_NOW | RTLD_LOCAL);
    if (!m_handle) {
        const char* why = ::dlerror();
        m_reason = QCoreApplication::translate("fyr::app::telemetry::NvmlProbe", "%1 not found: %2")
                       .arg(m_libraryPath, QString::fromLocal8Bit(why ? why : "dlopen failed"));
        return;
    }

    Api& a = *m_api;
    const struct {
        const char* name;
        bool ok;
    } essential[] = {
        {"nvmlInit_v2", resolve(m_handle, "nvmlInit_v2", a.init)},
        {"nvmlShutdown", resolve(m_handle, "nvmlShutdown", a.shutdown)},
        {"nvmlErrorString", resolve(m_handle, "nvmlErrorString", a.errorString)},
        {"nvmlDeviceGetCount_v2", resolve(m_handle, "nvmlDeviceGetCount_v2", a.getCount)},
        {"nvmlDeviceGetHandleByIndex_v2", resolve(m_handle, "nvmlDeviceGetHandleByIndex_v2", a.getHandleByIndex)},
    };
    for (const auto& f : essential) {
        if (f.ok) continue;
        m_reason = QCoreApplication::translate("fyr::app::telemetry::NvmlProbe", "%1: function %2 missing")
                       .arg(m_libraryPath, QString::fromLatin1(f.name));
        return;
    }
    const struct {
        const char* name;
        bool ok;
    } optional[] = {
        {"nvmlDeviceGetName", resolve(m_handle, "nvmlDeviceGetName", a.getName)},
        {"nvmlDeviceGetUUID", resolve(m_handle, "nvmlDeviceGetUUID", a.getUuid)},
        {"nvmlDeviceGetUtilizationRates", resolve(m_handle, "nvmlDeviceGetUtilizationRates", a.getUtilization)},
        {"nvmlDeviceGetMemoryInfo", resolve(m_handle, "nvmlDeviceGetMemoryInfo", a.getMemoryInfo)},
        {"nvmlDeviceGetTemperature", resolve(m_handle, "nvmlDeviceGetTemperature", a.getTemperature)},
        {"nvmlDeviceGetPowerUsage", resolve(m_handle, "nvmlDeviceGetPowerUsage", a.getPowerUsage)},
        {"nvmlDeviceGetEnforcedPowerLimit", resolve(m_handle, "nvmlDeviceGetEnforcedPowerLimit", a.getPowerLimit)},
        {"nvmlDeviceGetClockInfo", resolve(m_handle, "nvmlDeviceGetClockInfo", a.getClockInfo)},
        {"nvmlDeviceGetPcieThroughput", resolve(m_handle, "nvmlDeviceGetPcieThroughput", a.getPcieThroughput)},
        {"nvmlDeviceGetFanSpeed", resolve(m_handle, "nvmlDeviceGetFanSpeed", a.getFanSpeed)},
        {"nvmlDeviceGetTotalEnergyConsumption",
         resolve(m_handle, "nvmlDeviceGetTotalEnergyConsumption", a.getTotalEnergy)},
        {"nvmlDeviceGetComputeRunningProcesses_v3",
         resolve(m_handle, "nvmlDeviceGetComputeRunningProcesses_v3", a.getComputeProcesses)},
    };
    for (const auto& f : optional)
        if (!f.ok) m_missing << QString::fromLatin1(f.name);

    // Which element nvmlDeviceGetComputeRunningProcesses_v3 writes depends on the
    // driver: those that had confidential-computing memory but not yet the
    // process-detail list wrote the 32-byte element (nvitop decides the same way).
    const bool ccElement = ::dlsym(m_handle, "nvmlDeviceGetConfComputeMemSizeInfo") != nullptr &&
                           ::dlsym(m_handle, "nvmlDeviceGetRunningProcessDetailList") == nullptr;
    m_processStride = ccElement ? sizeof(nvmlProcessInfoCc_t) : sizeof(nvmlProcessInfo_t);

    const nvmlReturn_t r = a.init();
    if (r != NVML_SUCCESS) {
        m_reason = error("nvmlInit_v2", r);
        return;
    }
    m_initialized = true;
    unsigned count = 0;
    const nvmlReturn_t rc = a.getCount(&count);
    if (rc != NVML_SUCCESS) {
        m_reason = error("nvmlDeviceGetCount_v2", rc);
        return;
    }
    m_deviceCount = static_cast<int>(std::min(count, 1024u));
    m_names.resize(static_cast<size_t>(m_deviceCount));
    m_uuids.resize(static_cast<size_t>(m_deviceCount));
}

NvmlProbe::~NvmlProbe() {
    if (m_initialized) m_api->shutdown();
    if (m_handle) ::dlclose(m_handle);
}

bool NvmlProbe::available() const {
    return m_reason.isEmpty();
}

QString NvmlProbe::reason() const {
    return m_reason;
}

QString NvmlProbe::error(const char* function, int code) const {
    const char* text = m_api->errorString ? m_api->errorString(code) : nullptr;
    return QCoreApplication::translate("fyr::app::telemetry::NvmlProbe", "%1 failed: %2 (NVML error %3)")
        .arg(QString::fromLatin1(function), QString::fromUtf8(text ? text : "?"))
        .arg(code);
}

std::vector<GpuSample> NvmlProbe::sample() {
    std::vector<GpuSample> out;
    if (!available()) return out;
    out.reserve(static_cast<size_t>(m_deviceCount));
    for (int i = 0; i < m_deviceCount; ++i) out.push_back(sampleDevice(static_cast<unsigned>(i)));
    return out;
}

GpuSample NvmlProbe::sampleDevice(unsigned index) {
    const Api& a = *m_api;
    GpuSample s;
    s.backend = backend();
    s.index = static_cast<int>(index);

    // Each query: true when it gave a value. "Not supported" is an empty field and
    // no error; a lost device ends the sample.
    auto ok = [&](nvmlReturn_t r, const char* function) {
        if (r == NVML_SUCCESS) return true;
        if (r == NVML_ERROR_NOT_SUPPORTED) return false;
        if (isLost(r)) s.lost = true;
        s.errors << error(function, r);
        return false;
    };

    nvmlDevice_t dev = nullptr;
    if (ok(a.getHandleByIndex(index, &dev), "nvmlDeviceGetHandleByIndex_v2")) {
        if (m_names[index].isEmpty() && a.getName) {
            char name[NVML_DEVICE_NAME_BUFFER_SIZE] = {};
            if (ok(a.getName(dev, name, sizeof name), "nvmlDeviceGetName"))
                m_names[index] = QString::fromUtf8(name, static_cast<qsizetype>(::strnlen(name, sizeof name)));
        }
        if (!s.lost && !m_uuids[index] && a.getUuid) {
            char uuid[NVML_DEVICE_UUID_BUFFER_SIZE] = {};
            if (ok(a.getUuid(dev, uuid, sizeof uuid), "nvmlDeviceGetUUID"))
                m_uuids[index] = QString::fromUtf8(uuid, static_cast<qsizetype>(::strnlen(uuid, sizeof uuid)));
        }
        if (!s.lost && a.getUtilization) {
            nvmlUtilization_t u{};
            if (ok(a.getUtilization(dev, &u), "nvmlDeviceGetUtilizationRates")) {
                s.gpuUtilPct = u.gpu;
                s.memoryUtilPct = u.memory;
            }
        }
        if (!s.lost && a.getMemoryInfo) {
            nvmlMemory_t m{};
            if (ok(a.getMemoryInfo(dev, &m), "nvmlDeviceGetMemoryInfo")) {
                s.memoryUsedBytes = m.used;
                s.memoryTotalBytes = m.total;
            }
        }
        unsigned v = 0;
        if (!s.lost && a.getTemperature &&
            ok(a.getTemperature(dev, NVML_TEMPERATURE_GPU, &v), "nvmlDeviceGetTemperature"))
            s.temperatureC = v;
        if (!s.lost && a.getPowerUsage && ok(a.getPowerUsage(dev, &v), "nvmlDeviceGetPowerUsage"))
            s.powerW = v / 1000.0;
        if (!s.lost && a.getPowerLimit && ok(a.getPowerLimit(dev, &v), "nvmlDeviceGetEnforcedPowerLimit"))
            s.powerLimitW = v / 1000.0;
        if (!s.lost && a.getClockInfo && ok(a.getClockInfo(dev, NVML_CLOCK_SM, &v), "nvmlDeviceGetClockInfo"))
            s.smClockMhz = v;
        if (!s.lost && a.getClockInfo && ok(a.getClockInfo(dev, NVML_CLOCK_MEM, &v), "nvmlDeviceGetClockInfo"))
            s.memoryClockMhz = v;
        if (!s.lost && a.getPcieThroughput &&
            ok(a.getPcieThroughput(dev, NVML_PCIE_UTIL_RX_BYTES, &v), "nvmlDeviceGetPcieThroughput"))
            s.pcieRxKBps = v;
        if (!s.lost && a.getPcieThroughput &&
            ok(a.getPcieThroughput(dev, NVML_PCIE_UTIL_TX_BYTES, &v), "nvmlDeviceGetPcieThroughput"))
            s.pcieTxKBps = v;
        if (!s.lost && a.getFanSpeed && ok(a.getFanSpeed(dev, &v), "nvmlDeviceGetFanSpeed")) s.fanPct = v;
        unsigned long long mj = 0;
        if (!s.lost && a.getTotalEnergy && ok(a.getTotalEnergy(dev, &mj), "nvmlDeviceGetTotalEnergyConsumption"))
            s.energyMj = mj;
        if (!s.lost && a.getComputeProcesses) readProcesses(dev, s);
    }

    s.name = m_names[index].isEmpty()
                 ? QCoreApplication::translate("fyr::app::telemetry::NvmlProbe", "NVIDIA GPU %1").arg(index)
                 : m_names[index];
    s.uuid = m_uuids[index];
    if (s.lost) {
        // What was read before the device went away is not trusted.
        GpuSample lost;
        lost.backend = s.backend;
        lost.index = s.index;
        lost.name = s.name;
        lost.uuid = s.uuid;
        lost.lost = true;
        lost.errors = s.errors;
        return lost;
    }
    return s;
}

void NvmlProbe::readProcesses(void* device, GpuSample& s) {
    const auto dev = static_cast<nvmlDevice_t>(device);
    const auto fn = m_api->getComputeProcesses;
    unsigned count = 0;
    nvmlReturn_t r = fn(dev, &count, nullptr);
    std::vector<unsigned char> buf;
    // Processes may start between the two calls: ask for a few more, and retry.
    for (int attempt = 0; attempt < 3 && r == NVML_ERROR_INSUFFICIENT_SIZE; ++attempt) {
        const unsigned capacity = std::min(count + 8, kMaxProcesses);
        buf.assign(capacity * m_processStride, 0);
        count = capacity;
        r = fn(dev, &count, buf.data());
        if (r == NVML_ERROR_INSUFFICIENT_SIZE && capacity == kMaxProcesses) break;
        if (r == NVML_SUCCESS) count = std::min(count, capacity);
    }
    if (r != NVML_SUCCESS) {
        if (r != NVML_ERROR_NOT_SUPPORTED) {
            if (isLost(r)) s.lost = true;
            s.errors << error("nvmlDeviceGetComputeRunningProcesses_v3", r);
        }
        return;
    }
    std::vector<GpuProcessMemory> procs;
    if (buf.empty()) count = 0;  // the first call found none
    procs.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
        // pid and usedGpuMemory sit at the same offsets in both element layouts.
        nvmlProcessInfo_t p{};
        std::memcpy(&p, buf.data() + size_t{i} * m_processStride, sizeof p);
        GpuProcessMemory m;
        m.pid = p.pid;
        if (p.usedGpuMemory != NVML_VALUE_NOT_AVAILABLE) m.usedBytes = p.usedGpuMemory;
        procs.push_back(m);
    }
    s.processes = std::move(procs);
}

}  // namespace fyr::app::telemetry
