// Feeds the metrics registry into the time series: each call takes a snapshot
// (MetricsRegistry::collect()) taken at a given second and appends one point
// per series to the ring buffer, so that charts can draw any metric.
//
//   SeriesFeeder feeder(buffer);
//   // once a second, on the sampler's thread, after its round:
//   feeder.feed(registry, QDateTime::currentSecsSinceEpoch());
//
// What a snapshot becomes, per label set (SeriesKey of the family's labels):
//   gauge      <name>          its value, as it is;
//   counter    <name>          its increase per second since the previous
//                              snapshot that held the series; a value lower
//                              than the previous one is a reset (a restarted
//                              process, a registry made anew): the rate is
//                              counted from zero, value / seconds;
//   histogram  <name>_count    observations per second, likewise from the
//                              cumulative count (a lower count is a reset);
//              <name>_mean     the mean of the new observations: sum delta /
//                              count delta; no point in a second without new
//                              observations (a gap, not a 0 nor a stale mean).
// Rates need two snapshots: a series' first one only sets its baseline, and so
// does one at the same second as or earlier than its previous one (a clock
// that went back). Non-finite readings are not appended. A series missing
// from a snapshot (a cleared gauge) is forgotten, so the state kept is bounded
// by the registry's own series. Points the buffer refuses (its series cap) are
// counted by the buffer (TimeSeriesBuffer::refusedSeries()).
//
// A counter keeps its name ("..._total"): its series in the buffer is its rate.
// The registry reserves a histogram's <name>_count, so that series meets no
// other metric; <name>_mean is not reserved, and Fyr registers no metric whose
// name ends in _mean.
//
// Thread-safety: feed() from one thread at a time (it keeps the previous
// snapshot); the buffer takes its own lock.
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "telemetry/metrics_registry.h"
#include "telemetry/series_key.h"
#include "telemetry/time_series_buffer.h"

namespace fyr::app::telemetry {

class SeriesFeeder final {
public:
    // Precondition: buffer outlives this object.
    explicit SeriesFeeder(TimeSeriesBuffer& buffer);

    // Appends the points of a snapshot taken at Unix second time_s; how many the
    // buffer took. Precondition: time_s >= 0.
    size_t feed(const std::vector<MetricFamilySnapshot>& snapshot, int64_t time_s);
    size_t feed(const MetricsRegistry& registry, int64_t time_s) { return feed(registry.collect(), time_s); }

    static QString countName(const QString& histogram) { return histogram + QLatin1String("_count"); }
    static QString meanName(const QString& histogram) { return histogram + QLatin1String("_mean"); }

private:
    // The previous reading of a counter (value) or histogram (value = sum, count).
    struct Previous {
        int64_t time_s = 0;
        double value = 0.0;
        uint64_t count = 0;
    };

    TimeSeriesBuffer& m_buffer;
    std::map<SeriesKey, Previous> m_previous;  // counters and histograms, by their own key
};

}  // namespace fyr::app::telemetry
