#include "telemetry/fyr_metrics.h"

#include <optional>

namespace fyr::app::telemetry {

namespace {

QStringList names(std::initializer_list<const char*> items) {
    QStringList out;
    for (const char* i : items) out << QString::fromLatin1(i);
    return out;
}

template <class T>
void setOrClear(const GaugeFamily& family, const QStringList& labels, const std::optional<T>& value,
                double scale = 1.0) {
    const Gauge g = family.labels(labels);
    if (value)
        g.set(static_cast<double>(*value) * scale);
    else
        g.clear();
}

}  // namespace

FyrMetrics::FyrMetrics(MetricsRegistry& registry) {
    const QStringList request = names({"model", "user", "endpoint", "backend"});
    const QStringList engine = names({"model", "backend"});
    const QStringList gpu = names({"backend", "gpu"});
    QString error;
    auto check = [&](auto family) {
        if (!family.isValid()) m_errors << error;
        return family;
    };
    auto counter = [&](const char* name, const char* help, const QStringList& labels) {
        return check(registry.counter(QString::fromLatin1(name), QString::fromLatin1(help), labels, &error));
    };
    auto gauge = [&](const char* name, const char* help, const QStringList& labels) {
        return check(registry.gauge(QString::fromLatin1(name), QString::fromLatin1(help), labels, &error));
    };
    auto histogram = [&](const char* name, const char* help, const std::vector<double>& bounds,
                         const QStringList& labels) {
        return check(registry.histogram(QString::fromLatin1(name), QString::fromLatin1(help), bounds, labels, &error));
    };

    timeToFirstToken = histogram("fyr:time_to_first_token_seconds",
                                 "Time from a request's arrival to its first generated token, in seconds.",
                                 timeToFirstTokenBuckets(), request);
    timePerOutputToken = histogram("fyr:time_per_output_token_seconds",
                                   "Mean time per generated token after the first, in seconds, one per request.",
                                   timePerOutputTokenBuckets(), request);
    e2eRequestLatency =
        histogram("fyr:e2e_request_latency_seconds", "Time from a request's arrival to its last token, in seconds.",
                  requestLatencyBuckets(), request);
    requestQueueTime = histogram("fyr:request_queue_time_seconds",
                                 "Time a request waited before the scheduler admitted it, in seconds.",
                                 requestLatencyBuckets(), request);
    requestPrefillTime =
        histogram("fyr:request_prefill_time_seconds", "Time spent on a request's prompt (prefill), in seconds.",
                  requestLatencyBuckets(), request);
    requestDecodeTime =
        histogram("fyr:request_decode_time_seconds", "Time spent generating a request's tokens (decode), in seconds.",
                  requestLatencyBuckets(), request);
    promptTokens = counter("fyr:prompt_tokens_total", "Prompt tokens processed.", request);
    generationTokens = counter("fyr:generation_tokens_total", "Tokens generated.", request);
    requestSuccess = counter("fyr:request_success_total", "Requests finished, by why they finished.",
                             request + names({"finished_reason"}));
    requestRejections = counter("fyr:request_rejections_total",
                                "Requests refused before generation (quota, access, guard, overload), by reason.",
                                names({"model", "reason"}));

    numRequestsRunning = gauge("fyr:num_requests_running", "Requests being generated now.", engine);
    numRequestsWaiting = gauge("fyr:num_requests_waiting", "Requests waiting for the scheduler.", engine);
    kvCacheUsage = gauge("fyr:kv_cache_usage_perc", "KV-cache blocks in use; 1 means 100 percent.", engine);
    prefixCacheQueries =
        counter("fyr:prefix_cache_queries_total", "Prompt tokens looked up in the prefix cache.", engine);
    prefixCacheHits = counter("fyr:prefix_cache_hits_total",
                              "Prompt tokens found in the prefix cache and not computed again.", engine);
    iterationTokens =
        histogram("fyr:iteration_tokens", "Tokens processed per engine step.", stepTokenBuckets(), engine);
    batchSize = histogram("fyr:batch_size", "Requests per engine step.", stepRequestBuckets(), engine);
    numPreemptions = counter("fyr:num_preemptions_total", "Requests paused to free KV cache for others.", engine);
    specDecodeDraftTokens = counter("fyr:spec_decode_num_draft_tokens_total",
                                    "Tokens proposed by the draft model in speculative decoding.", names({"model"}));
    specDecodeAcceptedTokens =
        counter("fyr:spec_decode_num_accepted_tokens_total",
                "Draft tokens the target model accepted in speculative decoding.", names({"model"}));
    specDecodeAcceptance =
        gauge("fyr:spec_decode_acceptance_ratio",
              "Accepted over proposed draft tokens, over the last measuring window.", names({"model"}));

    guardVerdicts = counter("fyr:guard_verdicts_total", "Guard scanner verdicts on prompts and answers.",
                            names({"scanner", "verdict"}));
    guardTime = histogram("fyr:guard_duration_seconds", "Time a guard scanner took on one text, in seconds.",
                          guardTimeBuckets(), names({"scanner"}));

    gpuUp = gauge("fyr:gpu_up", "1 while the GPU answers its probe, 0 once it is lost.", gpu);
    gpuUtilization = gauge("fyr:gpu_utilization_ratio",
                           "Fraction of time a kernel ran, over the driver's window (not how busy the GPU was).", gpu);
    gpuMemoryUtilization =
        gauge("fyr:gpu_memory_utilization_ratio", "Fraction of time the memory controller was busy.", gpu);
    gpuMemoryUsed = gauge("fyr:gpu_memory_used_bytes", "GPU memory in use, by every process.", gpu);
    gpuMemoryTotal = gauge("fyr:gpu_memory_total_bytes", "GPU memory in all.", gpu);
    gpuTemperature = gauge("fyr:gpu_temperature_celsius", "GPU temperature.", gpu);
    gpuPower = gauge("fyr:gpu_power_watts", "GPU power draw.", gpu);
    gpuPowerLimit = gauge("fyr:gpu_power_limit_watts", "GPU power limit.", gpu);
    gpuEnergy = counter("fyr:gpu_energy_joules_total", "Energy the GPU used since Fyr began sampling it.", gpu);
    gpuSmClock = gauge("fyr:gpu_sm_clock_hertz", "GPU SM (shader) clock.", gpu);
    gpuMemoryClock = gauge("fyr:gpu_memory_clock_hertz", "GPU memory clock.", gpu);
    gpuPcieRx = gauge("fyr:gpu_pcie_receive_bytes_per_second", "PCIe traffic into the GPU.", gpu);
    gpuPcieTx = gauge("fyr:gpu_pcie_transmit_bytes_per_second", "PCIe traffic out of the GPU.", gpu);
    gpuFan = gauge("fyr:gpu_fan_speed_ratio", "GPU fan speed as a fraction of its maximum.", gpu);
    energyPerToken = gauge("fyr:energy_per_token_joules",
                           "GPU energy per generated token over the last sampling interval.", gpu);
    memoryBandwidthAchieved =
        gauge("fyr:memory_bandwidth_achieved_bytes_per_second",
              "Weight bytes the engine read per second while stepping (each step reads every weight once).", engine);
    memoryBandwidthRatio = gauge("fyr:memory_bandwidth_achieved_ratio",
                                 "Achieved weight-read bandwidth over the device's peak read bandwidth.", engine);

    cpuUtilization = gauge("fyr:cpu_utilization_ratio", "Busy fraction of all CPUs since the previous sample.", {});
    systemMemoryTotal = gauge("fyr:system_memory_total_bytes", "Host memory in all.", {});
    systemMemoryAvailable = gauge("fyr:system_memory_available_bytes", "Host memory available to new work.", {});
    processResidentMemory = gauge("fyr:process_resident_memory_bytes", "Fyr's resident memory.", {});
    processThreads = gauge("fyr:process_threads", "Fyr's threads.", {});
    probesUnavailable = gauge("fyr:probes_unavailable", "GPU probes that could not load (no driver, no library).", {});
    // The host readings have no value until a round reports one.
    for (const GaugeFamily* g :
         {&cpuUtilization, &systemMemoryTotal, &systemMemoryAvailable, &processResidentMemory, &processThreads})
        g->get().clear();
}

QStringList FyrMetrics::requestLabels(const QString& model, const QString& user, const QString& endpoint,
                                      const QString& backend) {
    return {model, user, endpoint, backend};
}

std::vector<double> FyrMetrics::timeToFirstTokenBuckets() {
    return {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1,  0.25,  0.5,   0.75,
            1.0,   2.5,   5.0,  7.5,  10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
}

std::vector<double> FyrMetrics::timePerOutputTokenBuckets() {
    return {0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1,  0.15, 0.2,  0.3, 0.4,
            0.5,   0.75,  1.0,  2.5,   5.0,  7.5,   10.0, 20.0, 40.0, 80.0};
}

std::vector<double> FyrMetrics::requestLatencyBuckets() {
    return {0.3,  0.5,  0.8,  1.0,  1.5,   2.0,   2.5,   5.0,   10.0,   15.0,  20.0,
            30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
}

std::vector<double> FyrMetrics::guardTimeBuckets() {
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0};
}

std::vector<double> FyrMetrics::stepTokenBuckets() {
    return {1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384};
}

std::vector<double> FyrMetrics::stepRequestBuckets() {
    return {1, 2, 4, 8, 16, 32, 64, 128, 256};
}

void FyrMetrics::recordProbes(const TelemetrySnapshot& snapshot) {
    std::lock_guard lock(m_probeMutex);
    // Tokens generated since the previous round (none known before the first).
    const uint64_t tokensNow = m_generatedTokens.load(std::memory_order_relaxed);
    const uint64_t tokens = m_sawRound ? tokensNow - m_tokensAtLastRound : 0;
    m_tokensAtLastRound = tokensNow;
    m_sawRound = true;
    for (const GpuSample& s : snapshot.gpus) {
        const QStringList labels{s.backend, QString::number(s.index)};
        gpuUp.labels(labels).set(s.lost ? 0.0 : 1.0);
        setOrClear(gpuUtilization, labels, s.gpuUtilPct, 0.01);
        setOrClear(gpuMemoryUtilization, labels, s.memoryUtilPct, 0.01);
        setOrClear(gpuMemoryUsed, labels, s.memoryUsedBytes);
        setOrClear(gpuMemoryTotal, labels, s.memoryTotalBytes);
        setOrClear(gpuTemperature, labels, s.temperatureC);
        setOrClear(gpuPower, labels, s.powerW);
        setOrClear(gpuPowerLimit, labels, s.powerLimitW);
        setOrClear(gpuSmClock, labels, s.smClockMhz, 1e6);
        setOrClear(gpuMemoryClock, labels, s.memoryClockMhz, 1e6);
        setOrClear(gpuPcieRx, labels, s.pcieRxKBps, 1000.0);  // NVML's KB are 1000 bytes
        setOrClear(gpuPcieTx, labels, s.pcieTxKBps, 1000.0);
        setOrClear(gpuFan, labels, s.fanPct, 0.01);

        const Counter energy = gpuEnergy.labels(labels);  // exists (from 0) once the GPU is seen
        const Gauge perToken = energyPerToken.labels(labels);
        if (!s.energyMj) {
            m_lastEnergyMj.erase(labels);
            perToken.clear();
            continue;
        }
        const auto last = m_lastEnergyMj.find(labels);
        if (last != m_lastEnergyMj.end() && *s.energyMj >= last->second) {
            const double joules = static_cast<double>(*s.energyMj - last->second) / 1000.0;
            energy.inc(joules);
            if (tokens > 0) perToken.set(joules / static_cast<double>(tokens));
            else perToken.clear();
        } else {
            perToken.clear();
        }
        m_lastEnergyMj[labels] = *s.energyMj;
    }
    probesUnavailable.get().set(static_cast<double>(snapshot.unavailable.size()));
    if (snapshot.system) {
        const SystemSample& sys = *snapshot.system;
        setOrClear(cpuUtilization, {}, sys.cpuUtilPct, 0.01);
        setOrClear(systemMemoryTotal, {}, sys.ramTotalBytes);
        setOrClear(systemMemoryAvailable, {}, sys.ramAvailableBytes);
        setOrClear(processResidentMemory, {}, sys.processRssBytes);
        setOrClear(processThreads, {}, sys.processThreads);
    }
}

}  // namespace fyr::app::telemetry
