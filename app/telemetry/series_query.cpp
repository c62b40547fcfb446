#include "telemetry/series_query.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "telemetry/series_downsampler.h"
#include "telemetry/series_statement.h"

namespace fyr::app::telemetry {

namespace {

int64_t floorTo(int64_t t, int64_t step) {
    const int64_t q = t / step;
    return (q * step > t ? q - 1 : q) * step;
}

int64_t stepsIn(int64_t from_s, int64_t to_s, int64_t step) {
    const int64_t a = floorTo(from_s, step);
    return (to_s - a + step - 1) / step;
}

// One point of a source: a second of the ring, or a stored minute or hour.
struct Source {
    int64_t time_s = 0;
    int64_t weight_s = 1;
    double mean = std::nan("");
    double min = std::nan("");
    double max = std::nan("");
};

}  // namespace

SeriesQuery::SeriesQuery(const TimeSeriesBuffer& buffer, SeriesDatabase db) : m_buffer(buffer), m_db(std::move(db)) {}

int64_t SeriesQuery::resolutionFor(int64_t from_s, int64_t to_s, int64_t now_s) {
    // A little slack at the old end, so that a chart of "the last hour" that
    // ends a few seconds ago still reads seconds (its first minute filled in).
    const int64_t window = to_s - from_s;
    if (window <= SeriesRing::kPoints && from_s >= now_s - SeriesRing::kPoints - SeriesDownsampler::kMinute_s) return 1;
    if (window <= SeriesDownsampler::kMinuteRetention_s &&
        from_s >= now_s - SeriesDownsampler::kMinuteRetention_s - SeriesDownsampler::kHour_s)
        return SeriesDownsampler::kMinute_s;
    return SeriesDownsampler::kHour_s;
}

int64_t SeriesQuery::stepFor(int64_t from_s, int64_t to_s, int64_t resolution_s, size_t maxPoints) {
    Q_ASSERT(maxPoints >= 2 && from_s < to_s);
    static constexpr int64_t kSteps[] = {1,   2,   5,    10,   15,   30,    60,    120,   300,
                                         600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    const auto limit = static_cast<int64_t>(maxPoints);
    for (const int64_t step : kSteps)
        if (step >= resolution_s && stepsIn(from_s, to_s, step) <= limit) return step;
    int64_t days = (to_s - from_s) / (86400 * (limit - 1)) + 1;
    while (stepsIn(from_s, to_s, days * 86400) > limit) ++days;
    return days * 86400;
}

SeriesRange SeriesQuery::range(const SeriesKey& key, int64_t from_s, int64_t to_s, int64_t now_s,
                               size_t maxPoints) const {
    Q_ASSERT(from_s < to_s);
    SeriesRange r;
    r.key = key;
    if (from_s >= to_s) return r;
    r.resolution_s = resolutionFor(from_s, to_s, now_s);
    r.step_s = stepFor(from_s, to_s, r.resolution_s, std::max<size_t>(maxPoints, 2));
    r.from_s = floorTo(from_s, r.step_s);
    r.to_s = to_s;

    // Finest first: the ring's seconds, then the stored levels up to the
    // resolution chosen, each only before the finer data begins.
    std::vector<Source> sources;
    int64_t coverStart = r.to_s;  // where the finer data read so far begins
    for (const SeriesSample& s : m_buffer.read(key, r.from_s, r.to_s)) {
        if (!std::isfinite(s.value)) continue;
        sources.push_back(Source{s.time_s, 1, s.value, s.value, s.value});
        coverStart = std::min(coverStart, s.time_s);
    }
    if (m_db.read) {
        for (const int64_t level : {SeriesDownsampler::kMinute_s, SeriesDownsampler::kHour_s}) {
            if (coverStart <= r.from_s) break;
            std::map<int64_t, Source> rows;
            const QString minName = SeriesDownsampler::minName(key.name);
            const QString maxName = SeriesDownsampler::maxName(key.name);
            const QString error = m_db.read([&](sqlite3* db) -> QString {
                SeriesStatement q(db,
                                  "SELECT name, time_s, value FROM metric_series WHERE name IN (?1, ?2, ?3) "
                                  "AND labels = ?4 AND resolution_s = ?5 AND time_s >= ?6 AND time_s < ?7");
                q.bind(1, key.name).bind(2, minName).bind(3, maxName).bind(4, key.labels).bind(5, level);
                q.bind(6, floorTo(r.from_s, level)).bind(7, coverStart - level + 1);
                while (q.next()) {
                    Source& s = rows[q.integer(1)];
                    s.time_s = q.integer(1);
                    s.weight_s = level;
                    const QString name = q.text(0);
                    (name == minName ? s.min : name == maxName ? s.max : s.mean) = q.real(2);
                }
                return q.error();
            });
            if (!error.isEmpty()) {
                r.error = QCoreApplication::translate("fyr::app::telemetry::SeriesQuery",
                                                      "Could not read the stored time series: %1")
                              .arg(error);
                break;
            }
            int64_t first = coverStart;
            for (auto& [t, s] : rows) {
                if (std::isnan(s.mean)) continue;  // an extreme without its mean
                if (std::isnan(s.min)) s.min = s.mean;
                if (std::isnan(s.max)) s.max = s.mean;
                sources.push_back(s);
                first = std::min(first, t);
            }
            coverStart = first;
        }
    }

    // Into steps.
    struct Step {
        double weighted = 0.0;
        int64_t weight = 0;
        double min = std::numeric_limits<double>::infinity();
        double max = -std::numeric_limits<double>::infinity();
    };
    std::map<int64_t, Step> steps;
    for (const Source& s : sources) {
        Step& st = steps[floorTo(s.time_s, r.step_s)];
        st.weighted += s.mean * double(s.weight_s);
        st.weight += s.weight_s;
        st.min = std::min(st.min, s.min);
        st.max = std::max(st.max, s.max);
    }
    r.points.reserve(steps.size());
    for (const auto& [t, st] : steps) {
        if (t < r.from_s || t >= r.to_s) continue;
        r.points.push_back(SeriesPoint{t, st.weighted / double(st.weight), st.min, st.max});
    }
    return r;
}

}  // namespace fyr::app::telemetry
