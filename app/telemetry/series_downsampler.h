// Condenses the in-memory series (TimeSeriesBuffer) into the database's
// metric_series table: 1-minute points kept 7 days and 1-hour points kept 90
// days, each the mean of its bucket, with the bucket's minimum and maximum kept
// beside it as series of their own named "<name>/min" and "<name>/max" ('/' is
// not allowed in a metric name, so these never meet a real metric). The table is
// unchanged (schema v2); the extremes triple its rows.
//
//   SeriesDownsampler down(buffer, db);          // db: series_database.h
//   // once a minute or so, on a thread that may wait for a commit:
//   auto r = down.flush(QDateTime::currentSecsSinceEpoch());
//   if (!r.error.isEmpty()) qCWarning(lcTelemetry) << r.error;   // retried next flush
//
// Each flush is one transaction on the store's writer:
//   minutes  every minute [m, m+60) that ended at least kGrace_s before now and
//            is not yet written: mean, min and max of its 1 s points (NaN and
//            infinities left out; a minute without points is not written);
//   hours    every hour whose minutes are all written: the mean of its minute
//            means (not weighted by points per minute), the min of its minimum
//            and the max of its maximum, computed in SQL from the minute rows;
//   pruning  the first flush deletes expired rows of the whole table (minutes
//            older than 7 days, hours older than 90), later flushes at most once
//            an hour those of the series this object knows, by primary key
//            (a full-table scan each hour would hold up the store's writer).
// Rows are written with INSERT OR REPLACE keyed by the primary key, and the
// first flush for a series starts after the last minute and hour already in the
// database, so a fresh object over the same database (after a restart) neither
// duplicates nor double-counts a bucket; a flush that fails changes nothing and
// the next one writes the same buckets again.
//
// Thread-safety: flush() from one thread at a time (it is not reentrant); it
// reads the buffer under the buffer's own lock and waits for the commit.
#pragma once

#include <QString>

#include <cstdint>
#include <map>
#include <optional>

#include "telemetry/series_database.h"
#include "telemetry/series_key.h"
#include "telemetry/time_series_buffer.h"

namespace fyr::app::telemetry {

class SeriesDownsampler final {
public:
    static constexpr int64_t kMinute_s = 60;
    static constexpr int64_t kHour_s = 3600;
    static constexpr int64_t kMinuteRetention_s = 7 * 86400;
    static constexpr int64_t kHourRetention_s = 90 * 86400;
    // How long after a minute ends its points may still arrive (the sampler's
    // round for second 59 lands a little after it).
    static constexpr int64_t kGrace_s = 5;

    struct Flush {
        QString error;              // "" once committed
        int64_t minuteBuckets = 0;  // minutes written (each mean, min and max)
        int64_t hourBuckets = 0;    // hours written or rewritten (each mean, min and max)
        int64_t prunedRows = 0;     // expired rows deleted
    };

    // Precondition: db.isValid(); buffer outlives this object.
    SeriesDownsampler(const TimeSeriesBuffer& buffer, SeriesDatabase db);

    // Writes what is due at Unix second now_s. Precondition: now_s is not
    // earlier than a previous flush's.
    Flush flush(int64_t now_s);

    static QString minName(const QString& name) { return name + QLatin1String("/min"); }
    static QString maxName(const QString& name) { return name + QLatin1String("/max"); }

private:
    const TimeSeriesBuffer& m_buffer;
    SeriesDatabase m_db;
    // The first minute / hour not yet written, per series; absent until looked
    // up in the database.
    std::map<SeriesKey, int64_t> m_nextMinute;
    std::map<SeriesKey, int64_t> m_nextHour;
    std::optional<int64_t> m_prunedHour;  // the hour (of now_s) of the last pruning
};

}  // namespace fyr::app::telemetry
