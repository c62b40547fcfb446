// The last hour of every recorded series at 1 s resolution, in memory: what
// charts of up to an hour read, and what SeriesDownsampler condenses into the
// database. Series are keyed by SeriesKey (metric name + canonical labels).
//
//   TimeSeriesBuffer buffer;                         // at most 512 series
//   buffer.append(key, now_s, 0.93);                 // sampler thread
//   auto points = buffer.read(key, now_s - 300, now_s + 1);   // UI thread
//
// Memory is fixed per series and the number of series is capped, so the whole
// is bounded:
//   points      kBytesPerSeries = sizeof(SeriesRing) = 3600 × 8 B + 8 B = 28,808 B
//   cap         kDefaultMaxSeries = 512 series
//   bound       28,808 B × 512 = 14,749,696 B ≈ 14.1 MiB of points, plus each
//               series' name and labels (its key, typically under 200 B) and a
//               map node.
// A new series past the cap takes the place of one whose newest point is more
// than an hour older than the new point (nothing of it is left to read);
// otherwise it is refused, and refusedSeries() counts the refusal.
//
// Thread-safety: every member may be called from any thread; appends take an
// exclusive lock, reads a shared one, and copy out.
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <utility>
#include <vector>

#include "telemetry/series_key.h"
#include "telemetry/series_ring.h"

namespace fyr::app::telemetry {

class TimeSeriesBuffer final {
public:
    static constexpr size_t kDefaultMaxSeries = 512;
    static constexpr size_t kBytesPerSeries = sizeof(SeriesRing);
    static_assert(kBytesPerSeries == 3600 * sizeof(double) + sizeof(int64_t));

    // Precondition: maxSeries >= 1.
    explicit TimeSeriesBuffer(size_t maxSeries = kDefaultMaxSeries);
    TimeSeriesBuffer(const TimeSeriesBuffer&) = delete;
    TimeSeriesBuffer& operator=(const TimeSeriesBuffer&) = delete;

    // Records value at Unix second time_s (the last value in a second wins).
    // False when refused: a new series past the cap, or a second more than an
    // hour before the series' newest. Precondition: time_s >= 0.
    bool append(const SeriesKey& key, int64_t time_s, double value);
    // Several series at the same second under one lock; how many were taken.
    size_t append(const std::vector<std::pair<SeriesKey, double>>& values, int64_t time_s);

    // The points with from_s <= time_s < to_s, in time order; empty for an
    // unknown series.
    std::vector<SeriesSample> read(const SeriesKey& key, int64_t from_s, int64_t to_s) const;
    // The newest second of a series; nullopt for an unknown one.
    std::optional<int64_t> newest(const SeriesKey& key) const;
    // Every series held, ordered.
    std::vector<SeriesKey> keys() const;

    size_t seriesCount() const;
    size_t maxSeries() const { return m_maxSeries; }
    uint64_t refusedSeries() const;

private:
    bool appendLocked(const SeriesKey& key, int64_t time_s, double value);

    const size_t m_maxSeries;
    mutable std::shared_mutex m_mutex;
    std::map<SeriesKey, std::unique_ptr<SeriesRing>> m_series;  // guarded by m_mutex
    uint64_t m_refused = 0;                                     // guarded by m_mutex
};

}  // namespace fyr::app::telemetry
