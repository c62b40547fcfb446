#include "telemetry/series_downsampler.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "telemetry/series_statement.h"

namespace fyr::app::telemetry {

namespace {

int64_t floorTo(int64_t t, int64_t step) {
    const int64_t q = t / step;
    return (q * step > t ? q - 1 : q) * step;
}

struct Bucket {
    int64_t time_s = 0;
    double sum = 0.0;
    int64_t count = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
};

constexpr const char* kRollup[3] = {
    "INSERT OR REPLACE INTO metric_series(name, labels, resolution_s, time_s, value) "
    "SELECT name, labels, 3600, time_s - time_s % 3600, AVG(value) FROM metric_series "
    "WHERE name = ?1 AND labels = ?2 AND resolution_s = 60 AND time_s >= ?3 AND time_s < ?4 "
    "GROUP BY time_s - time_s % 3600",
    "INSERT OR REPLACE INTO metric_series(name, labels, resolution_s, time_s, value) "
    "SELECT name, labels, 3600, time_s - time_s % 3600, MIN(value) FROM metric_series "
    "WHERE name = ?1 AND labels = ?2 AND resolution_s = 60 AND time_s >= ?3 AND time_s < ?4 "
    "GROUP BY time_s - time_s % 3600",
    "INSERT OR REPLACE INTO metric_series(name, labels, resolution_s, time_s, value) "
    "SELECT name, labels, 3600, time_s - time_s % 3600, MAX(value) FROM metric_series "
    "WHERE name = ?1 AND labels = ?2 AND resolution_s = 60 AND time_s >= ?3 AND time_s < ?4 "
    "GROUP BY time_s - time_s % 3600"};

QString failed(const QString& why) {
    return QCoreApplication::translate("fyr::app::telemetry::SeriesDownsampler", "Could not record the time series: %1")
        .arg(why);
}

}  // namespace

SeriesDownsampler::SeriesDownsampler(const TimeSeriesBuffer& buffer, SeriesDatabase db)
    : m_buffer(buffer), m_db(std::move(db)) {
    Q_ASSERT(m_db.isValid());
}

SeriesDownsampler::Flush SeriesDownsampler::flush(int64_t now_s) {
    Flush result;
    const int64_t endMinute = floorTo(now_s - kGrace_s, kMinute_s);  // minutes before it are complete
    const int64_t endHour = floorTo(endMinute, kHour_s);

    // The complete minutes in memory, outside the store's writer.
    std::map<SeriesKey, std::vector<Bucket>> minutes;
    for (const SeriesKey& key : m_buffer.keys()) {
        int64_t from = endMinute - SeriesRing::kPoints;
        if (const auto it = m_nextMinute.find(key); it != m_nextMinute.end()) from = std::max(from, it->second);
        std::vector<Bucket>& buckets = minutes[key];
        for (const SeriesSample& p : m_buffer.read(key, from, endMinute)) {
            if (!std::isfinite(p.value)) continue;
            const int64_t m = floorTo(p.time_s, kMinute_s);
            if (buckets.empty() || buckets.back().time_s != m) buckets.push_back(Bucket{m});
            Bucket& b = buckets.back();
            b.sum += p.value;
            ++b.count;
            b.min = std::min(b.min, p.value);
            b.max = std::max(b.max, p.value);
        }
    }

    std::map<SeriesKey, int64_t> nextMinute = m_nextMinute;
    std::map<SeriesKey, int64_t> nextHour = m_nextHour;
    const int64_t hourOfNow = floorTo(now_s, kHour_s);
    const bool fullPrune = !m_prunedHour.has_value();
    const bool prune = fullPrune || *m_prunedHour != hourOfNow;
    Flush counts;

    const QString error = m_db.write([&](sqlite3* db) -> QString {
        SeriesStatement last(db,
                             "SELECT MAX(time_s), MIN(time_s) FROM metric_series "
                             "WHERE name = ?1 AND labels = ?2 AND resolution_s = ?3");
        SeriesStatement insert(db,
                               "INSERT OR REPLACE INTO metric_series(name, labels, resolution_s, time_s, value) "
                               "VALUES(?1, ?2, ?3, ?4, ?5)");
        if (!last.error().isEmpty()) return last.error();
        if (!insert.error().isEmpty()) return insert.error();
        // MAX and MIN of a series' rows at one resolution; nullopt when it has none.
        auto bounds = [&](const SeriesKey& key, int64_t resolution) -> std::optional<std::pair<int64_t, int64_t>> {
            last.reset();
            last.bind(1, key.name).bind(2, key.labels).bind(3, resolution);
            std::optional<std::pair<int64_t, int64_t>> out;
            if (last.next() && !last.isNull(0)) out = std::make_pair(last.integer(0), last.integer(1));
            last.reset();
            return out;
        };

        for (const auto& [key, buckets] : minutes) {
            auto next = nextMinute.find(key);
            if (next == nextMinute.end()) {
                const auto b = bounds(key, kMinute_s);
                if (!last.error().isEmpty()) return last.error();
                next = nextMinute.emplace(key, b ? b->first + kMinute_s : std::numeric_limits<int64_t>::min()).first;
            }
            for (const Bucket& b : buckets) {
                if (b.time_s < next->second) continue;
                const double values[3] = {b.sum / double(b.count), b.min, b.max};
                const QString names[3] = {key.name, minName(key.name), maxName(key.name)};
                for (int i = 0; i < 3; ++i) {
                    insert.bind(1, names[i])
                        .bind(2, key.labels)
                        .bind(3, kMinute_s)
                        .bind(4, b.time_s)
                        .bind(5, values[i]);
                    if (!insert.run()) return insert.error();
                }
                ++counts.minuteBuckets;
            }
            next->second = std::max(next->second, endMinute);
        }

        // Hours whose minutes are all written, from the minute rows.
        for (const auto& [key, unused] : nextMinute) {
            auto next = nextHour.find(key);
            if (next == nextHour.end()) {
                std::optional<int64_t> start;
                if (const auto h = bounds(key, kHour_s))
                    start = h->first + kHour_s;
                else if (const auto m = bounds(key, kMinute_s))
                    start = floorTo(m->second, kHour_s);
                if (!last.error().isEmpty()) return last.error();
                if (!start) continue;  // nothing stored yet
                next = nextHour.emplace(key, *start).first;
            }
            if (next->second >= endHour) continue;
            for (const char* sql : kRollup) {
                SeriesStatement roll(db, sql);
                const bool isMin = sql == kRollup[1], isMax = sql == kRollup[2];
                const QString name = isMin ? minName(key.name) : isMax ? maxName(key.name) : key.name;
                roll.bind(1, name).bind(2, key.labels).bind(3, next->second).bind(4, endHour);
                if (!roll.run()) return roll.error();
                if (!isMin && !isMax) counts.hourBuckets += sqlite3_changes(db);
            }
            next->second = endHour;
        }

        if (prune) {
            const int64_t minuteCutoff = now_s - kMinuteRetention_s;
            const int64_t hourCutoff = now_s - kHourRetention_s;
            if (fullPrune) {
                SeriesStatement del(db, "DELETE FROM metric_series WHERE resolution_s = ?1 AND time_s < ?2");
                for (const auto& [resolution, cutoff] :
                     {std::pair{kMinute_s, minuteCutoff}, std::pair{kHour_s, hourCutoff}}) {
                    del.bind(1, resolution).bind(2, cutoff);
                    if (!del.run()) return del.error();
                    counts.prunedRows += sqlite3_changes(db);
                }
            } else {
                SeriesStatement del(db,
                                    "DELETE FROM metric_series WHERE name IN (?1, ?2, ?3) AND labels = ?4 "
                                    "AND resolution_s = ?5 AND time_s < ?6");
                for (const auto& [key, unused] : nextMinute) {
                    for (const auto& [resolution, cutoff] :
                         {std::pair{kMinute_s, minuteCutoff}, std::pair{kHour_s, hourCutoff}}) {
                        del.bind(1, key.name).bind(2, minName(key.name)).bind(3, maxName(key.name));
                        del.bind(4, key.labels).bind(5, resolution).bind(6, cutoff);
                        if (!del.run()) return del.error();
                        counts.prunedRows += sqlite3_changes(db);
                    }
                }
            }
        }
        return QString();
    });

    if (!error.isEmpty()) {
        result.error = failed(error);
        return result;
    }
    m_nextMinute = std::move(nextMinute);
    m_nextHour = std::move(nextHour);
    if (prune) m_prunedHour = hourOfNow;
    counts.error.clear();
    return counts;
}

}  // namespace fyr::app::telemetry
