// The metrics Fyr publishes, defined in this one place: each family's name,
// help, labels and buckets, registered on a MetricsRegistry at construction.
// Names follow vLLM's (`vllm:time_to_first_token_seconds` ->
// `fyr:time_to_first_token_seconds`) and, where vLLM has none, OpenTelemetry's
// GenAI and hardware conventions, in base units (seconds, bytes, joules, watts,
// ratios 0..1).
//
//   MetricsRegistry registry;
//   FyrMetrics metrics(registry);
//   Q_ASSERT(metrics.errors().isEmpty());
//   const QStringList labels = FyrMetrics::requestLabels(model, user, endpoint, backend);
//   metrics.timeToFirstToken.labels(labels).observe(ttft_ms / 1000.0);
//   metrics.generationTokens.labels(labels).inc(n_generated);
//   sampler->setCallback([&](const TelemetrySnapshot& s) { metrics.recordProbes(s); });
//
// Labels:
//   request metrics   model, user, endpoint, backend (requestLabels())
//   engine state      model, backend
//   GPUs              backend ("nvml", "amd-sysfs"), gpu (the backend's index)
// Every family is capped at the registry's series limit (metrics_registry.h).
//
// Buckets (seconds unless said otherwise), fixed so that dashboards and
// recording rules can rely on them:
//   time to first token   vLLM's (vllm/v1/metrics/loggers.py), whose first
//                         sixteen are OpenTelemetry GenAI's advice for
//                         gen_ai.server.time_to_first_token:
//                         0.001 0.005 0.01 0.02 0.04 0.06 0.08 0.1 0.25 0.5 0.75
//                         1 2.5 5 7.5 10 20 40 80 160 640 2560
//   time per output token vLLM's with 1 ms and 5 ms in front, because a small
//                         model on a GPU decodes faster than 10 ms a token:
//                         0.001 0.005 0.01 0.025 0.05 0.075 0.1 0.15 0.2 0.3 0.4
//                         0.5 0.75 1 2.5 5 7.5 10 20 40 80
//   request latency       vLLM's, for end-to-end, queue, prefill and decode time:
//   (e2e, queue, ...)     0.3 0.5 0.8 1 1.5 2 2.5 5 10 15 20 30 40 50 60 120 240
//                         480 960 1920 7680
//   guard time            0.0005 0.001 0.0025 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1
//                         2.5 5
//   tokens per step       vLLM's iteration tokens: 1 8 16 32 64 128 256 512 1024
//                         2048 4096 8192 16384
//   requests per step     1 2 4 8 16 32 64 128 256
//
// Thread-safety: the families are handles (metric_series.h), usable from any
// thread. recordProbes() may be called from any thread; calls are serialized.
#pragma once

#include <QString>
#include <QStringList>

#include <atomic>
#include <map>
#include <mutex>
#include <vector>

#include "telemetry/metrics_registry.h"
#include "telemetry/probe_sampler.h"

namespace fyr::app::telemetry {

class FyrMetrics final {
public:
    explicit FyrMetrics(MetricsRegistry& registry);

    static QStringList requestLabels(const QString& model, const QString& user, const QString& endpoint,
                                     const QString& backend);
    static std::vector<double> timeToFirstTokenBuckets();
    static std::vector<double> timePerOutputTokenBuckets();
    static std::vector<double> requestLatencyBuckets();
    static std::vector<double> guardTimeBuckets();
    static std::vector<double> stepTokenBuckets();
    static std::vector<double> stepRequestBuckets();

    // Registration errors: empty unless the registry already held one of these names.
    QStringList errors() const { return m_errors; }

    // Feeds one sampler round into the GPU and system gauges and the energy
    // counter. A reading the round does not have is cleared rather than left
    // stale; a lost GPU reads fyr:gpu_up 0 and nothing else. Energy is counted
    // from the differences of the driver's running total, from the second round
    // on; a total that goes backwards (driver reloaded) starts a new baseline.
    void recordProbes(const TelemetrySnapshot& snapshot);
    // Tokens the engine generated (the runtime's observer calls this each step):
    // with the GPUs' energy counters, recordProbes() turns them into energy per
    // token over each sampling interval. Lock-free; any thread.
    void noteGeneratedTokens(uint64_t n) { m_generatedTokens.fetch_add(n, std::memory_order_relaxed); }

    // --- Requests (labels: requestLabels()) ---
    HistogramFamily timeToFirstToken;    // fyr:time_to_first_token_seconds
    HistogramFamily timePerOutputToken;  // fyr:time_per_output_token_seconds, decode only
    HistogramFamily e2eRequestLatency;   // fyr:e2e_request_latency_seconds
    HistogramFamily requestQueueTime;    // fyr:request_queue_time_seconds
    HistogramFamily requestPrefillTime;  // fyr:request_prefill_time_seconds
    HistogramFamily requestDecodeTime;   // fyr:request_decode_time_seconds
    CounterFamily promptTokens;          // fyr:prompt_tokens_total
    CounterFamily generationTokens;      // fyr:generation_tokens_total
    CounterFamily requestSuccess;        // fyr:request_success_total, + finished_reason (stop, length, abort)
    CounterFamily requestRejections;     // fyr:request_rejections_total {model, reason}

    // --- Engine state (labels: model, backend) ---
    GaugeFamily numRequestsRunning;          // fyr:num_requests_running
    GaugeFamily numRequestsWaiting;          // fyr:num_requests_waiting
    GaugeFamily kvCacheUsage;                // fyr:kv_cache_usage_perc, 0..1 as vLLM's
    CounterFamily prefixCacheQueries;        // fyr:prefix_cache_queries_total, in tokens
    CounterFamily prefixCacheHits;           // fyr:prefix_cache_hits_total, in tokens
    HistogramFamily iterationTokens;         // fyr:iteration_tokens, tokens per engine step
    HistogramFamily batchSize;               // fyr:batch_size, requests per engine step
    CounterFamily numPreemptions;            // fyr:num_preemptions_total
    CounterFamily specDecodeDraftTokens;     // fyr:spec_decode_num_draft_tokens_total {model}
    CounterFamily specDecodeAcceptedTokens;  // fyr:spec_decode_num_accepted_tokens_total {model}
    GaugeFamily specDecodeAcceptance;        // fyr:spec_decode_acceptance_ratio {model}

    // --- Guards ---
    CounterFamily guardVerdicts;  // fyr:guard_verdicts_total {scanner, verdict}
    HistogramFamily guardTime;    // fyr:guard_duration_seconds {scanner}

    // --- GPUs (labels: backend, gpu), fed by recordProbes() ---
    GaugeFamily gpuUp;                 // fyr:gpu_up, 1 answering, 0 lost
    GaugeFamily gpuUtilization;        // fyr:gpu_utilization_ratio
    GaugeFamily gpuMemoryUtilization;  // fyr:gpu_memory_utilization_ratio
    GaugeFamily gpuMemoryUsed;         // fyr:gpu_memory_used_bytes
    GaugeFamily gpuMemoryTotal;        // fyr:gpu_memory_total_bytes
    GaugeFamily gpuTemperature;        // fyr:gpu_temperature_celsius
    GaugeFamily gpuPower;              // fyr:gpu_power_watts
    GaugeFamily gpuPowerLimit;         // fyr:gpu_power_limit_watts
    CounterFamily gpuEnergy;           // fyr:gpu_energy_joules_total, since Fyr started
    GaugeFamily gpuSmClock;            // fyr:gpu_sm_clock_hertz
    GaugeFamily gpuMemoryClock;        // fyr:gpu_memory_clock_hertz
    GaugeFamily gpuPcieRx;             // fyr:gpu_pcie_receive_bytes_per_second
    GaugeFamily gpuPcieTx;             // fyr:gpu_pcie_transmit_bytes_per_second
    GaugeFamily gpuFan;                // fyr:gpu_fan_speed_ratio
    // Energy the GPU used per token generated (by all GPUs) over the last sampling
    // interval; cleared for an interval without tokens or energy readings.
    GaugeFamily energyPerToken;        // fyr:energy_per_token_joules

    // --- Efficiency (labels: model, backend), fed by the runtime's observer ---
    // Weight bytes read per engine step over the step's time (decode reads every
    // weight once per step), smoothed; and that over the device's peak read
    // bandwidth, when the peak is known. Unlike gpu_utilization_ratio, which reads
    // near 1 whenever a kernel runs, these say how well the memory is used.
    GaugeFamily memoryBandwidthAchieved;  // fyr:memory_bandwidth_achieved_bytes_per_second
    GaugeFamily memoryBandwidthRatio;     // fyr:memory_bandwidth_achieved_ratio

    // --- Host and process, fed by recordProbes() ---
    GaugeFamily cpuUtilization;         // fyr:cpu_utilization_ratio
    GaugeFamily systemMemoryTotal;      // fyr:system_memory_total_bytes
    GaugeFamily systemMemoryAvailable;  // fyr:system_memory_available_bytes
    GaugeFamily processResidentMemory;  // fyr:process_resident_memory_bytes
    GaugeFamily processThreads;         // fyr:process_threads
    GaugeFamily probesUnavailable;      // fyr:probes_unavailable, GPU probes that could not load

private:
    QStringList m_errors;
    std::mutex m_probeMutex;
    std::map<QStringList, uint64_t> m_lastEnergyMj;  // guarded by m_probeMutex; by {backend, gpu}
    std::atomic<uint64_t> m_generatedTokens{0};
    uint64_t m_tokensAtLastRound = 0;  // guarded by m_probeMutex
    bool m_sawRound = false;           // guarded by m_probeMutex
};

}  // namespace fyr::app::telemetry
