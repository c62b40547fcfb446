// Feeds the serving runtime's observer (fyr::RuntimeObserver) and the guards'
// verdicts into Fyr's metrics (telemetry/fyr_metrics.h): per request queue
// time, TTFT, TPOT, end-to-end latency, prompt and generated tokens, prefix-cache
// lookups and hits, pre-emptions, speculative proposals and acceptances, finish
// reasons and rejections; per step the tokens and requests in the batch, running
// and waiting requests and KV-cache use.
//
//   fyr::app::telemetry::MetricsRegistry registry;
//   fyr::app::telemetry::FyrMetrics metrics(registry);
//   fyr::app::RuntimeMetrics observer(metrics, QStringLiteral("llama-3.2-1b"), QStringLiteral("cpu avx2"));
//   fyr::Runtime rt(model, params, &observer);
//   ...
//   fyr::app::recordGuardMetrics(metrics, guardResult);
//
// Thread-safety: the observer's calls come on the runtime's scheduler thread;
// the metric handles are atomics, readable from any thread.
#pragma once

#include <QString>

#include "fyr/runtime.h"
#include "guard/guard.h"
#include "telemetry/fyr_metrics.h"

namespace fyr::app {

class RuntimeMetrics final : public fyr::RuntimeObserver {
public:
    RuntimeMetrics(telemetry::FyrMetrics& metrics, QString model, QString backend, QString user = {},
                   QString endpoint = QStringLiteral("local"));

    // The weight bytes one engine step reads (fyr::Model::weight_bytes_per_token())
    // and, when known, the device's peak read bandwidth in bytes per second: the
    // achieved bandwidth (and its share of the peak) is then kept per step. Call
    // before the runtime starts.
    void setWeightBytes(uint64_t bytesPerStep, double peakBytesPerSecond = 0);

    void on_step(const fyr::StepStats& step) override;
    void on_request_finished(const fyr::RequestResult& result) override;
    void on_event(const fyr::RuntimeEvent& event) override;

private:
    telemetry::FyrMetrics& m_metrics;
    QString m_model, m_backend, m_user, m_endpoint;
    // The per-step series, looked up once: a step then costs only atomic updates.
    telemetry::Histogram m_iterationTokens, m_batchSize;
    telemetry::Gauge m_running, m_waiting, m_kvUsage, m_bandwidth, m_bandwidthRatio;
    uint64_t m_weightBytes = 0;
    double m_peakBytesPerSecond = 0;
    double m_smoothedBandwidth = 0;  // scheduler thread only
};

// One guard check's verdicts (per scanner) and its time.
void recordGuardMetrics(telemetry::FyrMetrics& metrics, const guard::GuardResult& result);

}  // namespace fyr::app
