#include "telemetry/query_series_source.h"

namespace fyr::app::telemetry {

QuerySeriesSource::QuerySeriesSource(const TimeSeriesBuffer& buffer, SeriesDatabase db)
    : m_buffer(buffer), m_query(buffer, std::move(db)) {}

std::vector<SeriesKey> QuerySeriesSource::keys(const QString& name) const {
    std::vector<SeriesKey> out;
    for (SeriesKey& k : m_buffer.keys())
        if (k.name == name) out.push_back(std::move(k));
    return out;
}

SeriesRange QuerySeriesSource::range(const SeriesKey& key, int64_t from_s, int64_t to_s, int64_t now_s,
                                     size_t maxPoints) const {
    return m_query.range(key, from_s, to_s, now_s, maxPoints);
}

}  // namespace fyr::app::telemetry
