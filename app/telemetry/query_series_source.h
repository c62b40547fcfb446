// SeriesSource over the live time series: keys from the ring buffer (series
// recorded within the last hour), ranges from SeriesQuery (ring and database).
//
//   QuerySeriesSource source(buffer, store.seriesDatabase());
//   AlertManager alerts(source);
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include "telemetry/series_database.h"
#include "telemetry/series_query.h"
#include "telemetry/series_source.h"
#include "telemetry/time_series_buffer.h"

namespace fyr::app::telemetry {

class QuerySeriesSource final : public SeriesSource {
public:
    // Precondition: buffer outlives this object.
    explicit QuerySeriesSource(const TimeSeriesBuffer& buffer, SeriesDatabase db = {});

    std::vector<SeriesKey> keys(const QString& name) const override;
    SeriesRange range(const SeriesKey& key, int64_t from_s, int64_t to_s, int64_t now_s,
                      size_t maxPoints) const override;

private:
    const TimeSeriesBuffer& m_buffer;
    SeriesQuery m_query;
};

}  // namespace fyr::app::telemetry
