#include "telemetry/time_series_buffer.h"

#include <mutex>

namespace fyr::app::telemetry {

TimeSeriesBuffer::TimeSeriesBuffer(size_t maxSeries) : m_maxSeries(maxSeries) {
    Q_ASSERT(maxSeries >= 1);
}

bool TimeSeriesBuffer::append(const SeriesKey& key, int64_t time_s, double value) {
    std::unique_lock lock(m_mutex);
    return appendLocked(key, time_s, value);
}

size_t TimeSeriesBuffer::append(const std::vector<std::pair<SeriesKey, double>>& values, int64_t time_s) {
    std::unique_lock lock(m_mutex);
    size_t taken = 0;
    for (const auto& [key, value] : values) taken += appendLocked(key, time_s, value) ? 1 : 0;
    return taken;
}

bool TimeSeriesBuffer::appendLocked(const SeriesKey& key, int64_t time_s, double value) {
    Q_ASSERT(time_s >= 0);
    if (const auto it = m_series.find(key); it != m_series.end()) return it->second->append(time_s, value);
    if (m_series.size() >= m_maxSeries) {
        // Reuse a series that has nothing left within the hour before this point.
        auto stale = m_series.end();
        for (auto it = m_series.begin(); it != m_series.end(); ++it) {
            if (it->second->isEmpty() || it->second->newest() <= time_s - SeriesRing::kPoints) {
                stale = it;
                break;
            }
        }
        if (stale == m_series.end()) {
            ++m_refused;
            return false;
        }
        auto node = m_series.extract(stale);
        node.key() = key;
        *node.mapped() = SeriesRing();
        const auto inserted = m_series.insert(std::move(node));
        return inserted.position->second->append(time_s, value);
    }
    auto ring = std::make_unique<SeriesRing>();
    const bool ok = ring->append(time_s, value);
    m_series.emplace(key, std::move(ring));
    return ok;
}

std::vector<SeriesSample> TimeSeriesBuffer::read(const SeriesKey& key, int64_t from_s, int64_t to_s) const {
    std::vector<SeriesSample> out;
    std::shared_lock lock(m_mutex);
    if (const auto it = m_series.find(key); it != m_series.end()) it->second->read(from_s, to_s, out);
    return out;
}

std::optional<int64_t> TimeSeriesBuffer::newest(const SeriesKey& key) const {
    std::shared_lock lock(m_mutex);
    const auto it = m_series.find(key);
    if (it == m_series.end() || it->second->isEmpty()) return std::nullopt;
    return it->second->newest();
}

std::vector<SeriesKey> TimeSeriesBuffer::keys() const {
    std::shared_lock lock(m_mutex);
    std::vector<SeriesKey> out;
    out.reserve(m_series.size());
    for (const auto& [key, ring] : m_series) out.push_back(key);
    return out;
}

size_t TimeSeriesBuffer::seriesCount() const {
    std::shared_lock lock(m_mutex);
    return m_series.size();
}

uint64_t TimeSeriesBuffer::refusedSeries() const {
    std::shared_lock lock(m_mutex);
    return m_refused;
}

}  // namespace fyr::app::telemetry
