// NVIDIA GPUs through NVML, the driver's management library, opened at run time
// (dlopen of libnvidia-ml.so.1, each function looked up by name) the way nvtop and
// DCGM do, so Fyr builds and runs on machines without NVIDIA's driver. Missing
// library or a missing essential function: not available, with the reason. A
// missing optional function, or one the device does not support (an H100 has no
// fan speed): that field stays empty. A device that falls off the bus is
// reported as lost, not a crash.
//
//   fyr::app::telemetry::NvmlProbe nvml;                       // or NvmlProbe(path) for a stand-in
//   if (!nvml.available()) return nvml.reason();               // "libnvidia-ml.so.1 not found: ..."
//   for (const GpuSample& s : nvml.sample()) ...               // one per device
//
// Thread-safety: sample() from one thread at a time; the other calls return what
// the constructor found and may be made from any thread.
#pragma once

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

#include "telemetry/gpu_probe.h"

namespace fyr::app::telemetry {

class NvmlProbe final : public GpuProbe {
public:
    static QString defaultLibrary() { return QStringLiteral("libnvidia-ml.so.1"); }

    // Opens `libraryPath` (a file name searched the usual way, or a path) and
    // initializes NVML; empty means defaultLibrary().
    explicit NvmlProbe(const QString& libraryPath = {});
    ~NvmlProbe() override;

    QString backend() const override { return QStringLiteral("nvml"); }
    bool available() const override;
    QString reason() const override;
    std::vector<GpuSample> sample() override;

    QString libraryPath() const { return m_libraryPath; }
    // Devices NVML counted at start; 0 when not available.
    int deviceCount() const { return m_deviceCount; }
    // Optional functions this library does not export (their fields stay empty).
    QStringList missingFunctions() const { return m_missing; }

private:
    struct Api;

    QString error(const char* function, int code) const;
    GpuSample sampleDevice(unsigned index);
    void readProcesses(void* device, GpuSample& s);

    QString m_libraryPath;
    void* m_handle = nullptr;
    std::unique_ptr<Api> m_api;
    bool m_initialized = false;
    QString m_reason;
    QStringList m_missing;
    int m_deviceCount = 0;
    size_t m_processStride = 0;
    std::vector<QString> m_names;  // [device] once read, kept so a lost device keeps its name
    std::vector<std::optional<QString>> m_uuids;
};

}  // namespace fyr::app::telemetry
