// The console's live telemetry, in one place: the metrics registry and Fyr's
// metric set, the probes sampled on their own thread, the last hour of every
// series in memory, the shipped SLOs and alert rules evaluated on it, and the
// recent requests' traces for their timelines.
//
//   fyr::app::TelemetryHub hub;                          // NVML, AMD sysfs, Vulkan, /proc; 1 s
//   chat->engineBridge().setMetrics(&hub.metrics());      // the engine's figures
//   chat->setTraceStore(&hub.traces());                   // each request's spans
//   connect(&hub, &TelemetryHub::sampled, page, &Page::show);        // queued
//   connect(&hub, &TelemetryHub::alertChanged, page, &Page::onAlert); // queued
//   hub.start();
//   ...
//   hub.stop();                                          // joins; also in the destructor
//
// Each sampler round, on the sampler's thread: the probes' readings go into the
// registry (FyrMetrics::recordProbes), the registry into the ring
// (SeriesFeeder), the alert manager ticks on the ring, and the round is
// published as a TelemetryHubSample (the probes' snapshot plus the engine's
// figures) through sampled(). Receivers in the GUI thread get it queued.
//
// Memory is bounded: the ring (TimeSeriesBuffer) holds at most 512 series of
// 3600 one-second points, 28,808 B each, ≈ 14.1 MiB plus the series' keys; the
// registry caps each family's series (metrics_registry.h); the TTFT window
// below keeps at most kTtftWindowSeconds + 1 bucket rows of 23 counts; the
// alert manager keeps at most AlertManager::kMaxHistory resolved alerts; the
// trace store its default 1024 traces and 8 MiB (trace_store.h).
//
// Thread-safety: start(), stop() and the constructor/destructor from the
// owner's thread. registry(), metrics(), traces(), series(), range(), alerts(),
// acknowledge(), latest(), nowSeconds() and alertStore() from any thread;
// setAlertStore() from the owner's thread before start(). Signals are
// emitted on the sampler's thread (sampled, alertChanged from a tick) or the
// acknowledging thread (alertChanged from acknowledge()).
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "telemetry/alert_manager.h"
#include "telemetry/alert_sink.h"
#include "telemetry/fyr_metrics.h"
#include "telemetry/metrics_registry.h"
#include "telemetry/probe_sampler.h"
#include "telemetry/query_series_source.h"
#include "telemetry/series_feeder.h"
#include "telemetry/series_query.h"
#include "telemetry/time_series_buffer.h"
#include "telemetry/trace_store.h"

namespace fyr::app {

class AlertStore;

// The engine's state as of one round, all models together.
struct EngineFigures {
    double requestsRunning = 0.0;        // fyr:num_requests_running, summed
    double requestsWaiting = 0.0;        // fyr:num_requests_waiting, summed
    std::optional<double> kvCacheUsage;  // 0..1, the fullest model's; none without a model
    double tokensPerSecond = 0.0;        // fyr:generation_tokens_total per second since the previous round
    std::optional<double> ttftP95_s;     // over the last 5 min, from the histogram; none without answers
    uint64_t answers5m = 0;              // TTFT observations in the last 5 min
    // Weight bytes read per second while stepping, summed over the models, and
    // the highest share of a device's peak read bandwidth; none without a
    // stepping model (or, for the share, a known peak).
    std::optional<double> bandwidthBytesPerSecond;
    std::optional<double> bandwidthRatio;
};

struct TelemetryHubSample {
    int64_t time_s = 0;  // the hub's clock for this round (Unix seconds)
    telemetry::TelemetrySnapshot probes;
    EngineFigures engine;
    // GPU energy per generated token over the last interval, joules, by
    // {backend, device index}; only GPUs with an energy counter while tokens came.
    std::map<std::pair<QString, int>, double> energyPerToken_J;
};

struct TelemetryHubOptions {
    QString nvmlLibrary;                         // empty: libnvidia-ml.so.1
    QString sysfsRoot = QStringLiteral("/");     // AMD sysfs and /proc
    // Vulkan devices' memory (VK_EXT_memory_budget) for GPUs that neither NVML
    // nor amdgpu's sysfs reports; CPU drivers are left out.
    bool vulkan = true;
    std::chrono::milliseconds interval{1000};    // between rounds; > 0
    // The Unix second each round is recorded at; empty: the round's own start
    // time. Tests give a clock that steps a second per call.
    std::function<int64_t()> clock;
    // SLO and alert-rule files, read in order; by default the shipped ones.
    QStringList configFiles{QStringLiteral(":/telemetry/slos.json"), QStringLiteral(":/telemetry/alert_rules.json")};
};

class TelemetryHub final : public QObject {
    Q_OBJECT
public:
    static constexpr int64_t kTtftWindowSeconds = 300;

    explicit TelemetryHub(TelemetryHubOptions options = {}, QObject* parent = nullptr);
    ~TelemetryHub() override;

    void start();
    // Joins the sampler's thread; no round runs after it returns.
    void stop();
    bool isRunning() const;

    telemetry::MetricsRegistry& registry() { return m_registry; }
    telemetry::FyrMetrics& metrics() { return m_metrics; }
    // The recent requests' spans; the engine puts them, the UI reads them.
    telemetry::TraceStore& traces() { return m_traces; }
    const telemetry::TimeSeriesBuffer& series() const { return m_buffer; }
    telemetry::AlertManager& alerts() { return m_alerts; }
    // What the SLO and rule files said when they could not be read (the rules
    // of a file with errors are not loaded).
    QStringList configErrors() const { return m_configErrors; }

    // The hub's clock as of its latest round (0 before the first).
    int64_t nowSeconds() const { return m_now_s.load(); }
    // A chart's points: the series of `name` whose labels are those of a ring
    // key, over [from_s, to_s), at most maxPoints each.
    std::vector<telemetry::SeriesRange> range(const QString& name, int64_t from_s, int64_t to_s,
                                              size_t maxPoints = telemetry::SeriesQuery::kMaxPoints) const;
    // Acknowledges an open alert as of the hub's clock.
    bool acknowledge(uint64_t alertId, const QString& by);

    // Keeps the alerts' history in the installation's store (services/alert_store.h):
    // `store` becomes a sink of alerts(). Call before start(), once.
    void setAlertStore(std::shared_ptr<AlertStore> store);
    // The history, or null when alerts are not kept.
    AlertStore* alertStore() const { return m_alertStore.get(); }

    TelemetryHubSample latest() const;

    // The 95th percentile of the observations between two cumulative bucket
    // rows (bounds without +Inf; rows with +Inf last), interpolated linearly
    // within its bucket as Prometheus' histogram_quantile does; none when no
    // observation lies between them.
    static std::optional<double> quantile(double q, const std::vector<double>& bounds,
                                          const std::vector<uint64_t>& older, const std::vector<uint64_t>& newer);

signals:
    void sampled(const fyr::app::TelemetryHubSample& sample);
    void alertChanged(const fyr::app::telemetry::AlertEvent& event);

private:
    void onRound(const telemetry::TelemetrySnapshot& snapshot);
    EngineFigures engineFigures(const std::vector<telemetry::MetricFamilySnapshot>& families, int64_t now_s);
    static std::map<std::pair<QString, int>, double> energyPerToken(
        const std::vector<telemetry::MetricFamilySnapshot>& families);

    TelemetryHubOptions m_options;
    telemetry::MetricsRegistry m_registry;
    telemetry::FyrMetrics m_metrics;
    telemetry::TraceStore m_traces;
    telemetry::TimeSeriesBuffer m_buffer;
    telemetry::SeriesFeeder m_feeder;
    telemetry::QuerySeriesSource m_source;
    telemetry::AlertManager m_alerts;
    std::shared_ptr<AlertStore> m_alertStore;
    QStringList m_configErrors;
    std::unique_ptr<telemetry::ProbeSampler> m_sampler;
    std::atomic<int64_t> m_now_s{0};

    // Only the sampler's thread touches these.
    std::optional<std::pair<int64_t, double>> m_previousTokens;      // time, total
    std::deque<std::pair<int64_t, std::vector<uint64_t>>> m_ttftRows;  // time, cumulative buckets (all series)

    mutable std::mutex m_latestMutex;
    TelemetryHubSample m_latest;  // guarded by m_latestMutex
};

}  // namespace fyr::app

Q_DECLARE_METATYPE(fyr::app::TelemetryHubSample)
Q_DECLARE_METATYPE(fyr::app::telemetry::AlertEvent)
