// What alerting and forecasting read time series through: the label sets a
// metric has and range queries over them. QuerySeriesSource answers from the
// ring and the database (series_query.h); tests answer from synthetic series
// with a clock of their own, since every call names the time it is made at.
//
//   QuerySeriesSource source(buffer, db);
//   for (const SeriesKey& k : source.keys(QStringLiteral("fyr:gpu_temperature_celsius")))
//       SeriesRange r = source.range(k, now_s - 300, now_s, now_s, 1000);
//
// Thread-safety: implementations say; QuerySeriesSource may be called from any thread.
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "telemetry/series_key.h"
#include "telemetry/series_query.h"

namespace fyr::app::telemetry {

class SeriesSource {
public:
    virtual ~SeriesSource() = default;
    // The series of a metric name that hold recent data, ordered.
    virtual std::vector<SeriesKey> keys(const QString& name) const = 0;
    // The points of [from_s, to_s) as seen at now_s, each the mean (min, max)
    // of step_s seconds, at most maxPoints. Preconditions as SeriesQuery::range().
    virtual SeriesRange range(const SeriesKey& key, int64_t from_s, int64_t to_s, int64_t now_s,
                              size_t maxPoints) const = 0;
};

}  // namespace fyr::app::telemetry
