// What a GPU probe reports, and the interface every vendor's probe implements
// (NVML for NVIDIA, sysfs for AMD; tests substitute their own). A probe is built
// once, says whether it can work at all (available() and, if not, reason()), and
// then sample() returns one GpuSample per device it knows.
//
//   std::unique_ptr<fyr::app::telemetry::GpuProbe> p = std::make_unique<NvmlProbe>();
//   if (!p->available()) qCInfo(lcTelemetry) << p->reason();  // "libnvidia-ml.so.1 not found: ..."
//   for (const GpuSample& s : p->sample())
//       if (s.memoryUsedBytes) show(s.name, *s.memoryUsedBytes);
//
// Every measured field is optional: devices report different subsets (an H100
// has no fan to report, a laptop GPU may hide its power draw), and an empty field
// means "not reported", never zero.
//
// Thread-safety: a probe is used from one thread at a time (the sampler's); the
// sample structs are plain values that may be copied to any thread.
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace fyr::app::telemetry {

struct GpuProcessMemory {
    int64_t pid = 0;
    std::optional<uint64_t> usedBytes;  // empty where the driver cannot say (WDDM, some MIG setups)
};

struct GpuSample {
    QString backend;  // "nvml", "amd-sysfs"
    int index = -1;   // the backend's own device index
    QString name;
    std::optional<QString> uuid;

    // The device stopped answering (fell off the bus, was reset): the other fields
    // are empty and `errors` says why. It is still listed so a dashboard shows it.
    bool lost = false;

    std::optional<unsigned> gpuUtilPct;     // time a kernel ran, over the driver's window
    std::optional<unsigned> memoryUtilPct;  // time the memory controller was busy
    std::optional<uint64_t> memoryUsedBytes;
    std::optional<uint64_t> memoryTotalBytes;
    std::optional<double> temperatureC;
    std::optional<double> powerW;
    std::optional<double> powerLimitW;
    std::optional<unsigned> smClockMhz;
    std::optional<unsigned> memoryClockMhz;
    std::optional<unsigned> pcieRxKBps;  // KB/s, as NVML reports it
    std::optional<unsigned> pcieTxKBps;
    std::optional<unsigned> fanPct;
    std::optional<uint64_t> energyMj;  // total since the driver loaded; differences give joules
    std::optional<std::vector<GpuProcessMemory>> processes;

    // Fields that failed for a reason other than "not supported", e.g.
    // "nvmlDeviceGetPowerUsage: Insufficient Permissions". Translated.
    QStringList errors;
};

class GpuProbe {
public:
    virtual ~GpuProbe() = default;

    // "nvml", "amd-sysfs": also what GpuSample::backend says.
    virtual QString backend() const = 0;
    // Could the probe load what it needs? When false, sample() returns nothing and
    // reason() says why in one translated line.
    virtual bool available() const = 0;
    virtual QString reason() const = 0;
    // One sample per device, in index order. Never throws; a failing device is
    // reported as lost or with empty fields.
    virtual std::vector<GpuSample> sample() = 0;

protected:
    GpuProbe() = default;
    GpuProbe(const GpuProbe&) = delete;
    GpuProbe& operator=(const GpuProbe&) = delete;
};

}  // namespace fyr::app::telemetry

Q_DECLARE_METATYPE(fyr::app::telemetry::GpuSample)
