// Range queries for charts: any window from minutes to months, answered with at
// most maxPoints (default 1000) points, each the mean, min and max of one step.
//
//   SeriesQuery query(buffer, db);          // db may be left empty: memory only
//   const int64_t now = QDateTime::currentSecsSinceEpoch();
//   SeriesRange r = query.range(key, now - 24 * 3600, now + 1, now);
//   for (const SeriesPoint& p : r.points) chart.append(p.time_s, p.mean);
//
// The resolution read is the finest that can cover the window:
//   1 s    (the memory ring)   windows up to 1 hour that start within the last
//                              hour (and a minute)
//   1 min  (database)          windows up to 7 days that start within the last
//                              7 days (and an hour)
//   1 h    (database)          anything longer or older
// and the step is the smallest of 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min,
// 1, 2, 3, 6, 12 h, then whole days, not finer than that resolution, that keeps
// the window's steps (aligned to multiples of the step) within maxPoints: 5 min
// → 1 s, 1 h → 5 s, 24 h → 2 min, 7 d → 15 min, 90 d → 3 h.
//
// Sources are merged so that the chart has no seam: finer data wins wherever it
// exists, and coarser rows fill only the time before it starts — the ring's
// seconds for the part of the window it holds, minute rows before that (after a
// restart the ring holds only the time since), hour rows before those (past the
// minutes' 7 days); the
// newest minutes, not condensed yet, come from the ring. A step's mean weights
// each source point by the time it stands for (1, 60 or 3600 s); its min and max
// are the extremes of the points' own. Steps without data are left out (a gap).
//
// Thread-safety: range() may be called from any thread (the UI's); it reads the
// buffer under its lock and the database on a read connection of the caller's.
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "telemetry/series_database.h"
#include "telemetry/series_key.h"
#include "telemetry/time_series_buffer.h"

namespace fyr::app::telemetry {

struct SeriesPoint {
    int64_t time_s = 0;  // the step's start, Unix seconds
    double mean = 0.0;
    double min = 0.0;
    double max = 0.0;
};

struct SeriesRange {
    SeriesKey key;
    int64_t from_s = 0;        // the first step's start (from, aligned down to the step)
    int64_t to_s = 0;          // exclusive
    int64_t resolution_s = 1;  // 1, 60 or 3600: the finest data read
    int64_t step_s = 1;
    std::vector<SeriesPoint> points;  // in time order, at most maxPoints
    QString error;                    // the database could not be read (memory's points are still there)
};

class SeriesQuery final {
public:
    static constexpr size_t kMaxPoints = 1000;

    // Precondition: buffer outlives this object.
    explicit SeriesQuery(const TimeSeriesBuffer& buffer, SeriesDatabase db = {});

    // The points of [from_s, to_s) as seen at now_s. Preconditions: from_s < to_s,
    // maxPoints >= 2.
    SeriesRange range(const SeriesKey& key, int64_t from_s, int64_t to_s, int64_t now_s,
                      size_t maxPoints = kMaxPoints) const;

    static int64_t resolutionFor(int64_t from_s, int64_t to_s, int64_t now_s);
    static int64_t stepFor(int64_t from_s, int64_t to_s, int64_t resolution_s, size_t maxPoints);

private:
    const TimeSeriesBuffer& m_buffer;
    SeriesDatabase m_db;
};

}  // namespace fyr::app::telemetry
