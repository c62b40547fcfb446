// The one registry of Fyr's metrics: counters, gauges and histograms, each a
// family of series told apart by label values (model, user, endpoint, backend,
// ...). Registering a family returns a handle; asking a family for a label set
// returns that series' Counter, Gauge or Histogram, whose updates are lock-free
// atomics (metric_series.h). collect() copies everything out for an exposition
// (prometheus_text.h) or a time series.
//
//   MetricsRegistry registry;
//   QString error;
//   CounterFamily tokens = registry.counter(QStringLiteral("fyr:generation_tokens_total"),
//                                           QStringLiteral("Tokens generated."),
//                                           {QStringLiteral("model"), QStringLiteral("user")}, &error);
//   if (!tokens.isValid()) qCWarning(lcTelemetry) << error;
//   Counter c = tokens.labels({model, user});   // a short lock; keep the handle
//   c.inc(42);                                  // lock-free
//   QByteArray text = PrometheusText::format(registry.collect());
//
// Names follow Prometheus' rules: metric names [a-zA-Z_:][a-zA-Z0-9_:]*, label
// names [a-zA-Z_][a-zA-Z0-9_]* not beginning with "__"; counters end in _total;
// every family has help text; a histogram has no "le" label and finite, strictly
// increasing bucket bounds (+Inf is implied). A registration that breaks a rule,
// or whose name (or a histogram's _bucket/_sum/_count) is already taken, returns
// an invalid family and says why in *error.
//
// Each family holds at most maxSeriesPerMetric label sets (default 1000) so that
// an unbounded label (a user-supplied string) cannot exhaust memory: past the
// cap, a new label set gets the family's overflow series, whose every label value
// is "__other__", and fyr:metric_series_dropped_total{metric="<name>"} counts each
// such refused label set lookup.
//
// Thread-safety: every member may be called from any thread. Handles stay valid
// as long as the registry; series are never freed before it.
#pragma once

#include <QString>
#include <QStringList>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "telemetry/metric_series.h"

namespace fyr::app::telemetry {

enum class MetricType { Counter, Gauge, Histogram };

struct MetricSeriesSnapshot {
    QStringList labelValues;  // one per label name, in the family's order
    double value = 0.0;       // counter, gauge; a histogram's sum
    // Histograms: the cumulative count at each bound, then at +Inf (the count).
    std::vector<uint64_t> cumulativeCounts;
};

struct MetricFamilySnapshot {
    QString name;
    QString help;
    MetricType type = MetricType::Counter;
    QStringList labelNames;
    std::vector<double> bounds;                // histograms: upper bounds without +Inf
    std::vector<MetricSeriesSnapshot> series;  // ordered by label values
};

namespace detail {
class FamilyState;
MetricSeries* seriesFor(FamilyState* family, const QStringList& labelValues);
}  // namespace detail

// A registered family; labels() finds or makes one series. Cheap to copy.
template <class Handle>
class MetricFamily {
public:
    MetricFamily() = default;
    explicit MetricFamily(detail::FamilyState* state) : m_state(state) {}

    bool isValid() const { return m_state != nullptr; }
    // The series for these label values, made on first use under the family's
    // lock. Precondition: one value per label name; a wrong count is answered with
    // the overflow series.
    Handle labels(const QStringList& values) const { return Handle(detail::seriesFor(m_state, values)); }
    // The only series of a family without labels (it exists from registration).
    Handle get() const { return labels({}); }

private:
    detail::FamilyState* m_state = nullptr;
};

using CounterFamily = MetricFamily<Counter>;
using GaugeFamily = MetricFamily<Gauge>;
using HistogramFamily = MetricFamily<Histogram>;

class MetricsRegistry final {
public:
    static constexpr size_t kDefaultMaxSeries = 1000;
    static constexpr const char* kOverflowLabelValue = "__other__";
    static constexpr const char* kDroppedSeriesMetric = "fyr:metric_series_dropped_total";

    // Precondition: maxSeriesPerMetric >= 1.
    explicit MetricsRegistry(size_t maxSeriesPerMetric = kDefaultMaxSeries);
    ~MetricsRegistry();
    MetricsRegistry(const MetricsRegistry&) = delete;
    MetricsRegistry& operator=(const MetricsRegistry&) = delete;

    CounterFamily counter(const QString& name, const QString& help, const QStringList& labelNames = {},
                          QString* error = nullptr);
    GaugeFamily gauge(const QString& name, const QString& help, const QStringList& labelNames = {},
                      QString* error = nullptr);
    HistogramFamily histogram(const QString& name, const QString& help, const std::vector<double>& bounds,
                              const QStringList& labelNames = {}, QString* error = nullptr);

    // Every family, ordered by name, and its series, ordered by label values; gauges
    // that were cleared are left out. Values are read one atomic at a time, so a
    // series updated meanwhile may show part of an update; a histogram's count is
    // always the sum of its buckets.
    std::vector<MetricFamilySnapshot> collect() const;

    size_t maxSeriesPerMetric() const { return m_maxSeries; }

    static bool isValidMetricName(const QString& name);
    static bool isValidLabelName(const QString& name);

private:
    detail::FamilyState* add(MetricType type, const QString& name, const QString& help,
                             const std::vector<double>& bounds, const QStringList& labelNames, QString* error);

    const size_t m_maxSeries;
    mutable std::mutex m_mutex;
    std::map<QString, std::unique_ptr<detail::FamilyState>> m_families;  // by name
    std::set<QString> m_takenNames;            // family names and histograms' _bucket/_sum/_count
    detail::FamilyState* m_dropped = nullptr;  // fyr:metric_series_dropped_total{metric}
};

}  // namespace fyr::app::telemetry
