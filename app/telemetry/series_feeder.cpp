#include "telemetry/series_feeder.h"

#include <cmath>
#include <utility>

namespace fyr::app::telemetry {

SeriesFeeder::SeriesFeeder(TimeSeriesBuffer& buffer) : m_buffer(buffer) {}

size_t SeriesFeeder::feed(const std::vector<MetricFamilySnapshot>& snapshot, int64_t time_s) {
    Q_ASSERT(time_s >= 0);
    std::vector<std::pair<SeriesKey, double>> points;
    std::map<SeriesKey, Previous> seen;

    for (const MetricFamilySnapshot& family : snapshot) {
        for (const MetricSeriesSnapshot& s : family.series) {
            SeriesKey key = SeriesKey::make(family.name, family.labelNames, s.labelValues);
            if (family.type == MetricType::Gauge) {
                if (std::isfinite(s.value)) points.emplace_back(std::move(key), s.value);
                continue;
            }
            if (!std::isfinite(s.value)) continue;  // no baseline from a broken reading

            const uint64_t count = s.cumulativeCounts.empty() ? 0 : s.cumulativeCounts.back();
            const Previous now{time_s, s.value, count};
            const auto it = m_previous.find(key);
            if (it == m_previous.end() || it->second.time_s >= time_s) {
                // A first reading, or a clock that did not move on: a baseline only
                // (the same second keeps the older baseline, whose rate is sounder).
                seen.emplace(std::move(key), it != m_previous.end() && it->second.time_s == time_s ? it->second : now);
                continue;
            }
            const Previous& before = it->second;
            const auto seconds = double(time_s - before.time_s);

            if (family.type == MetricType::Counter) {
                const double delta = s.value >= before.value ? s.value - before.value : s.value;  // reset: from 0
                points.emplace_back(key, delta / seconds);
            } else {
                const bool reset = count < before.count;
                const uint64_t newCount = reset ? count : count - before.count;
                const double newSum = reset ? s.value : s.value - before.value;
                points.emplace_back(SeriesKey{countName(family.name), key.labels}, double(newCount) / seconds);
                if (newCount > 0)
                    points.emplace_back(SeriesKey{meanName(family.name), key.labels}, newSum / double(newCount));
            }
            seen.emplace(std::move(key), now);
        }
    }
    m_previous = std::move(seen);
    return m_buffer.append(points, time_s);
}

}  // namespace fyr::app::telemetry
