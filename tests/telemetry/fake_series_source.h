// A SeriesSource of synthetic series for alerting and forecasting tests: points
// set by hand at a fixed resolution, read back as ranges with that step (no
// downsampling), at whatever "now" the test's clock says.
#pragma once

#include <cmath>
#include <functional>
#include <map>

#include "telemetry/series_source.h"

namespace fyr::app::telemetry::test {

class FakeSeriesSource final : public SeriesSource {
public:
    explicit FakeSeriesSource(int64_t resolution_s = 1) : m_resolution(resolution_s) {}

    void set(const SeriesKey& key, int64_t time_s, double value) { m_series[key][time_s] = value; }
    // value(t) for every resolution step in [from_s, to_s).
    void fill(const SeriesKey& key, int64_t from_s, int64_t to_s, const std::function<double(int64_t)>& value) {
        for (int64_t t = from_s; t < to_s; t += m_resolution) set(key, t, value(t));
    }
    void remove(const SeriesKey& key) { m_series.erase(key); }

    std::vector<SeriesKey> keys(const QString& name) const override {
        std::vector<SeriesKey> out;
        for (const auto& [k, points] : m_series)
            if (k.name == name) out.push_back(k);
        return out;
    }
    SeriesRange range(const SeriesKey& key, int64_t from_s, int64_t to_s, int64_t now_s, size_t) const override {
        ++m_queries;
        SeriesRange r;
        r.key = key;
        r.from_s = from_s;
        r.to_s = to_s;
        r.resolution_s = r.step_s = m_resolution;
        const auto it = m_series.find(key);
        if (it == m_series.end()) return r;
        for (auto p = it->second.lower_bound(from_s); p != it->second.end() && p->first < to_s && p->first <= now_s;
             ++p)
            if (!std::isnan(p->second)) r.points.push_back({p->first, p->second, p->second, p->second});
        return r;
    }
    size_t queries() const { return m_queries; }

private:
    int64_t m_resolution;
    std::map<SeriesKey, std::map<int64_t, double>> m_series;
    mutable size_t m_queries = 0;
};

}  // namespace fyr::app::telemetry::test
