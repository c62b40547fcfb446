#include "services/telemetry_hub.h"

#include <QFile>

#include <algorithm>
#include <cmath>

#include "core/log_categories.h"
#include "services/alert_store.h"
#include "telemetry/amd_sysfs_probe.h"
#include "telemetry/nvml_probe.h"
#include "telemetry/observability_config.h"
#include "telemetry/system_probe.h"
#include "telemetry/vulkan_memory_probe.h"

namespace fyr::app {

using namespace telemetry;

namespace {

const QString kTtftName = QStringLiteral("fyr:time_to_first_token_seconds");
const QString kRunningName = QStringLiteral("fyr:num_requests_running");
const QString kWaitingName = QStringLiteral("fyr:num_requests_waiting");
const QString kKvName = QStringLiteral("fyr:kv_cache_usage_perc");
const QString kTokensName = QStringLiteral("fyr:generation_tokens_total");
const QString kBandwidthName = QStringLiteral("fyr:memory_bandwidth_achieved_bytes_per_second");
const QString kBandwidthRatioName = QStringLiteral("fyr:memory_bandwidth_achieved_ratio");
const QString kEnergyPerTokenName = QStringLiteral("fyr:energy_per_token_joules");

}  // namespace

TelemetryHub::TelemetryHub(TelemetryHubOptions options, QObject* parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_metrics(m_registry),
      m_feeder(m_buffer),
      m_source(m_buffer),
      m_alerts(m_source) {
    Q_ASSERT(m_options.interval.count() > 0);
    qRegisterMetaType<TelemetryHubSample>();
    qRegisterMetaType<AlertEvent>();

    ObservabilityConfig config;
    const QStringList known = ObservabilityConfig::fyrSeriesNames();
    for (const QString& file : std::as_const(m_options.configFiles)) config.importFile(file, known, &m_configErrors);
    for (const QString& e : std::as_const(m_configErrors)) qCWarning(lcTelemetry).noquote() << "telemetry:" << e;
    m_alerts.setSlos(config.slos);
    m_alerts.setRules(config.rules);
    m_alerts.addSink(std::make_shared<CallbackAlertSink>([this](const AlertEvent& e) { emit alertChanged(e); }));

    std::vector<std::unique_ptr<GpuProbe>> gpus;
    auto nvml = std::make_unique<NvmlProbe>(m_options.nvmlLibrary);
    auto amd = std::make_unique<AmdSysfsProbe>(m_options.sysfsRoot);
    // Vulkan's memory budget for the GPUs neither of those covers (Intel, others;
    // AMD without sysfs access), so no card is listed twice; CPU drivers left out.
    VulkanMemoryProbe::Filter vulkanFilter;
    vulkanFilter.skipCpu = true;
    if (nvml->available()) vulkanFilter.skipVendors.push_back(VulkanMemoryProbe::kVendorNvidia);
    if (amd->available()) vulkanFilter.skipVendors.push_back(VulkanMemoryProbe::kVendorAmd);
    gpus.push_back(std::move(nvml));
    gpus.push_back(std::move(amd));
    if (m_options.vulkan) gpus.push_back(std::make_unique<VulkanMemoryProbe>(std::move(vulkanFilter)));
    m_sampler = std::make_unique<ProbeSampler>(std::move(gpus), std::make_unique<SystemProbe>(m_options.sysfsRoot));
    m_sampler->setInterval(m_options.interval);
    m_sampler->setCallback([this](const TelemetrySnapshot& s) { onRound(s); });
}

// The sampler's thread calls back into this object: join it before the members go.
TelemetryHub::~TelemetryHub() { stop(); }

void TelemetryHub::start() { m_sampler->start(); }
void TelemetryHub::stop() { m_sampler->stop(); }
bool TelemetryHub::isRunning() const { return m_sampler->isRunning(); }

TelemetryHubSample TelemetryHub::latest() const {
    std::lock_guard lock(m_latestMutex);
    return m_latest;
}

void TelemetryHub::onRound(const TelemetrySnapshot& snapshot) {
    const int64_t now_s = m_options.clock ? m_options.clock() : snapshot.sampledAtMs / 1000;
    m_metrics.recordProbes(snapshot);
    const std::vector<MetricFamilySnapshot> families = m_registry.collect();
    m_feeder.feed(families, now_s);
    m_now_s.store(now_s);

    TelemetryHubSample sample;
    sample.time_s = now_s;
    sample.probes = snapshot;
    sample.engine = engineFigures(families, now_s);
    sample.energyPerToken_J = energyPerToken(families);
    {
        std::lock_guard lock(m_latestMutex);
        m_latest = sample;
    }
    // Alerts are evaluated after the ring holds this second, and told before
    // the round so that a page redrawn for the round shows them.
    m_alerts.tick(now_s + 1);
    emit sampled(sample);
}

EngineFigures TelemetryHub::engineFigures(const std::vector<MetricFamilySnapshot>& families, int64_t now_s) {
    EngineFigures f;
    for (const MetricFamilySnapshot& family : families) {
        if (family.name == kRunningName) {
            for (const auto& s : family.series) f.requestsRunning += s.value;
        } else if (family.name == kWaitingName) {
            for (const auto& s : family.series) f.requestsWaiting += s.value;
        } else if (family.name == kKvName) {
            for (const auto& s : family.series) f.kvCacheUsage = std::max(f.kvCacheUsage.value_or(0.0), s.value);
        } else if (family.name == kBandwidthName) {
            for (const auto& s : family.series)
                f.bandwidthBytesPerSecond = f.bandwidthBytesPerSecond.value_or(0.0) + s.value;
        } else if (family.name == kBandwidthRatioName) {
            for (const auto& s : family.series) f.bandwidthRatio = std::max(f.bandwidthRatio.value_or(0.0), s.value);
        } else if (family.name == kTokensName) {
            double total = 0.0;
            for (const auto& s : family.series) total += s.value;
            // A lower total is a new registry's count (as SeriesFeeder treats resets).
            if (m_previousTokens && now_s > m_previousTokens->first && total >= m_previousTokens->second)
                f.tokensPerSecond = (total - m_previousTokens->second) / double(now_s - m_previousTokens->first);
            m_previousTokens = std::make_pair(now_s, total);
        } else if (family.name == kTtftName) {
            std::vector<uint64_t> row(family.bounds.size() + 1, 0);
            for (const auto& s : family.series)
                for (size_t i = 0; i < row.size() && i < s.cumulativeCounts.size(); ++i) row[i] += s.cumulativeCounts[i];
            // A clock that went back, or a count that fell: start the window anew.
            if (!m_ttftRows.empty() && (m_ttftRows.back().first >= now_s || m_ttftRows.back().second.back() > row.back()))
                m_ttftRows.clear();
            m_ttftRows.emplace_back(now_s, row);
            // Keep the newest row at least kTtftWindowSeconds old as the base.
            while (m_ttftRows.size() > 1 && m_ttftRows[1].first <= now_s - kTtftWindowSeconds) m_ttftRows.pop_front();
            const std::vector<uint64_t>& base = m_ttftRows.front().second;
            // The window's base row is the one before the window; with less
            // history than the window, everything observed since the start counts.
            const bool fullWindow = m_ttftRows.front().first <= now_s - kTtftWindowSeconds;
            const std::vector<uint64_t> zero(row.size(), 0);
            const std::vector<uint64_t>& older = fullWindow ? base : zero;
            f.answers5m = row.back() - older.back();
            f.ttftP95_s = quantile(0.95, family.bounds, older, row);
        }
    }
    return f;
}

std::map<std::pair<QString, int>, double> TelemetryHub::energyPerToken(
    const std::vector<MetricFamilySnapshot>& families) {
    std::map<std::pair<QString, int>, double> out;
    for (const MetricFamilySnapshot& family : families) {
        if (family.name != kEnergyPerTokenName) continue;
        const qsizetype backend = family.labelNames.indexOf(QStringLiteral("backend"));
        const qsizetype gpu = family.labelNames.indexOf(QStringLiteral("gpu"));
        if (backend < 0 || gpu < 0) continue;
        for (const auto& s : family.series)
            out[{s.labelValues.value(backend), s.labelValues.value(gpu).toInt()}] = s.value;
    }
    return out;
}

std::optional<double> TelemetryHub::quantile(double q, const std::vector<double>& bounds,
                                             const std::vector<uint64_t>& older, const std::vector<uint64_t>& newer) {
    if (newer.size() != bounds.size() + 1 || older.size() != newer.size() || newer.back() <= older.back())
        return std::nullopt;
    const double total = double(newer.back() - older.back());
    const double rank = q * total;
    double previous = 0.0;
    for (size_t i = 0; i < bounds.size(); ++i) {
        const double cumulative = double(newer[i] - older[i]);
        if (cumulative >= rank) {
            const double lower = i == 0 ? 0.0 : bounds[i - 1];
            const double inBucket = cumulative - previous;
            if (inBucket <= 0.0) return bounds[i];
            return lower + (bounds[i] - lower) * (rank - previous) / inBucket;
        }
        previous = cumulative;
    }
    // In the +Inf bucket: the highest finite bound, as Prometheus answers.
    return bounds.empty() ? std::nullopt : std::optional<double>(bounds.back());
}

std::vector<SeriesRange> TelemetryHub::range(const QString& name, int64_t from_s, int64_t to_s,
                                             size_t maxPoints) const {
    std::vector<SeriesRange> out;
    const int64_t now_s = std::max<int64_t>(m_now_s.load(), to_s - 1);
    for (const SeriesKey& key : m_source.keys(name)) out.push_back(m_source.range(key, from_s, to_s, now_s, maxPoints));
    return out;
}

bool TelemetryHub::acknowledge(uint64_t alertId, const QString& by) {
    return m_alerts.acknowledge(alertId, by, m_now_s.load());
}

void TelemetryHub::setAlertStore(std::shared_ptr<AlertStore> store) {
    Q_ASSERT(!m_alertStore && !isRunning());
    m_alertStore = store;
    m_alerts.addSink(std::move(store));
}

}  // namespace fyr::app
