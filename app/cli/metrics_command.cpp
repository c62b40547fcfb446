// fyrctl metrics: one reading of the machine (GPUs through NVML and amdgpu's
// sysfs, CPU, memory, this process) in Prometheus' text format, as a scrape of
// the console's /metrics would give it; --rounds N --interval MS for rates and
// energy over time (the last round is printed), --json for the raw readings.
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <memory>
#include <vector>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "telemetry/amd_sysfs_probe.h"
#include "telemetry/fyr_metrics.h"
#include "telemetry/metrics_registry.h"
#include "telemetry/nvml_probe.h"
#include "telemetry/probe_sampler.h"
#include "telemetry/prometheus_text.h"
#include "telemetry/system_probe.h"
#include "telemetry/vulkan_memory_probe.h"

namespace fyr::app::cli {

using namespace fyr::app::telemetry;

int runMetrics(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("rounds"), QCoreApplication::translate("fyrctl", "Readings to take (default 2: CPU use needs two)."), QStringLiteral("N"),
         QStringLiteral("2")},
        {QStringLiteral("interval"), QCoreApplication::translate("fyrctl", "Milliseconds between readings (default 500)."), QStringLiteral("MS"),
         QStringLiteral("500")},
        {QStringLiteral("nvml"), QCoreApplication::translate("fyrctl", "The NVML library to load (default libnvidia-ml.so.1)."), QStringLiteral("PATH")},
        {QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print the last reading as JSON instead.")},
        {QStringLiteral("vulkan"), QCoreApplication::translate("fyrctl", "Also read the memory of Vulkan devices (for GPUs that NVML and amdgpu's sysfs do not cover).")},
    });
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl", "Read the GPUs, CPU and memory once and print Fyr's metrics in Prometheus' text format."),
                                   io))
        return *rc;
    bool ok1 = false, ok2 = false;
    const int rounds = parser.value(QStringLiteral("rounds")).toInt(&ok1);
    const int interval = parser.value(QStringLiteral("interval")).toInt(&ok2);
    if (!ok1 || rounds < 1 || rounds > 3600) return usageError(args, io, QCoreApplication::translate("fyrctl", "--rounds expects 1 to 3600"));
    if (!ok2 || interval < 10 || interval > 60000) return usageError(args, io, QCoreApplication::translate("fyrctl", "--interval expects 10 to 60000 ms"));

    std::vector<std::unique_ptr<GpuProbe>> gpus;
    gpus.push_back(std::make_unique<NvmlProbe>(parser.value(QStringLiteral("nvml"))));
    gpus.push_back(std::make_unique<AmdSysfsProbe>());
    if (parser.isSet(QStringLiteral("vulkan"))) gpus.push_back(std::make_unique<VulkanMemoryProbe>());
    ProbeSampler sampler(std::move(gpus), std::make_unique<SystemProbe>());
    MetricsRegistry registry;
    FyrMetrics metrics(registry);
    TelemetrySnapshot last;
    for (int i = 0; i < rounds; ++i) {
        if (i > 0) QThread::msleep(static_cast<unsigned long>(interval));
        last = sampler.sampleOnce();
        metrics.recordProbes(last);
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray gpuArray;
        for (const GpuSample& g : last.gpus) {
            QJsonObject o{{QStringLiteral("backend"), g.backend}, {QStringLiteral("index"), g.index}, {QStringLiteral("name"), g.name},
                          {QStringLiteral("lost"), g.lost}};
            if (g.gpuUtilPct) o.insert(QStringLiteral("utilization_pct"), double(*g.gpuUtilPct));
            if (g.memoryUsedBytes) o.insert(QStringLiteral("memory_used_bytes"), double(*g.memoryUsedBytes));
            if (g.memoryTotalBytes) o.insert(QStringLiteral("memory_total_bytes"), double(*g.memoryTotalBytes));
            if (g.powerW) o.insert(QStringLiteral("power_w"), *g.powerW);
            if (g.temperatureC) o.insert(QStringLiteral("temperature_c"), double(*g.temperatureC));
            gpuArray.append(o);
        }
        QJsonObject out{{QStringLiteral("gpus"), gpuArray}, {QStringLiteral("unavailable"), QJsonArray::fromStringList(last.unavailable)}};
        if (last.system) {
            QJsonObject s;
            if (last.system->cpuUtilPct) s.insert(QStringLiteral("cpu_utilization_pct"), *last.system->cpuUtilPct);
            if (last.system->ramTotalBytes) s.insert(QStringLiteral("memory_total_bytes"), double(*last.system->ramTotalBytes));
            if (last.system->ramAvailableBytes)
                s.insert(QStringLiteral("memory_available_bytes"), double(*last.system->ramAvailableBytes));
            if (last.system->processRssBytes) s.insert(QStringLiteral("process_rss_bytes"), double(*last.system->processRssBytes));
            out.insert(QStringLiteral("system"), s);
        }
        io.out << QJsonDocument(out).toJson(QJsonDocument::Compact) << '\n';
        return kOk;
    }
    for (const QString& why : last.unavailable) io.err << QCoreApplication::translate("fyrctl", "not available: %1\n").arg(why);
    io.out << QString::fromUtf8(PrometheusText::format(registry.collect()));
    return kOk;
}

}  // namespace fyr::app::cli
