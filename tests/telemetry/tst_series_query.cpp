// SeriesQuery: for each window from 5 minutes to 90 days, the resolution read,
// the step and at most 1000 points; stored minutes and the ring's seconds merged
// without a seam (after a restart, the minutes before it; the newest minutes
// before they are condensed); min and max through the steps; queries while the
// sampler thread appends.
#include <QTest>

#include <atomic>
#include <thread>

#include "series_test_db.h"
#include "telemetry/series_downsampler.h"
#include "telemetry/series_query.h"

using namespace fyr::app::telemetry;
using fyr::app::telemetry::test::SeriesTestDb;

namespace {

constexpr int64_t kNow = 1700006400 + 100 * 86400;  // a whole hour
const SeriesKey kKey{QStringLiteral("fyr:gpu_power_watts"), QStringLiteral("gpu=\"0\"")};

// 90 days of hours and 7 days of minutes, all 3.0 (min 1, max 5), up to an hour
// ago; the last hour at 1 s in the ring.
void fill(SeriesTestDb& t, TimeSeriesBuffer& buffer) {
    t.exec("BEGIN");
    for (int64_t h = kNow - 90 * 86400; h < kNow - 3600; h += 3600) {
        t.insert(kKey.name, kKey.labels, 3600, h, 3.0);
        t.insert(SeriesDownsampler::minName(kKey.name), kKey.labels, 3600, h, 1.0);
        t.insert(SeriesDownsampler::maxName(kKey.name), kKey.labels, 3600, h, 5.0);
    }
    for (int64_t m = kNow - 7 * 86400; m < kNow - 3600; m += 60) {
        t.insert(kKey.name, kKey.labels, 60, m, 3.0);
        t.insert(SeriesDownsampler::minName(kKey.name), kKey.labels, 60, m, 1.0);
        t.insert(SeriesDownsampler::maxName(kKey.name), kKey.labels, 60, m, 5.0);
    }
    t.exec("COMMIT");
    for (int64_t s = kNow - 3600; s < kNow; ++s) buffer.append(kKey, s, (s % 2) ? 1.0 : 5.0);
}

}  // namespace

class TestSeriesQuery : public QObject {
    Q_OBJECT
private slots:
    void windows_data() {
        QTest::addColumn<int64_t>("window");
        QTest::addColumn<int64_t>("resolution");
        QTest::addColumn<int64_t>("step");
        QTest::newRow("5 min") << int64_t{300} << int64_t{1} << int64_t{1};
        QTest::newRow("1 h") << int64_t{3600} << int64_t{1} << int64_t{5};
        QTest::newRow("24 h") << int64_t{86400} << int64_t{60} << int64_t{120};
        QTest::newRow("7 d") << int64_t{7 * 86400} << int64_t{60} << int64_t{900};
        QTest::newRow("90 d") << int64_t{90 * 86400} << int64_t{3600} << int64_t{10800};
        QTest::newRow("1 y") << int64_t{365 * 86400} << int64_t{3600} << int64_t{43200};
    }
    void windows() {
        QFETCH(int64_t, window);
        QFETCH(int64_t, resolution);
        QFETCH(int64_t, step);
        SeriesTestDb t;
        TimeSeriesBuffer buffer;
        fill(t, buffer);
        const SeriesQuery query(buffer, t.database());
        // Unaligned ends, as a chart's "now" is.
        const int64_t to = kNow - 7;
        const SeriesRange r = query.range(kKey, to - window, to, kNow);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.resolution_s, resolution);
        QCOMPARE(r.step_s, step);
        QVERIFY(r.points.size() <= SeriesQuery::kMaxPoints);
        QVERIFY(r.points.size() >= std::min<size_t>(size_t((std::min<int64_t>(window, 90 * 86400) / step) * 9 / 10),
                                                    SeriesQuery::kMaxPoints) -
                                       2);
        for (size_t i = 0; i < r.points.size(); ++i) {
            const SeriesPoint& p = r.points[i];
            if (i) QVERIFY(p.time_s > r.points[i - 1].time_s);
            QVERIFY(p.time_s >= r.from_s && p.time_s < to);
            QCOMPARE(p.time_s % step, int64_t{0});
            // Every source averages 3 between 1 and 5 (a single second is 1 or 5;
            // the last step is cut short by the window's end).
            if (step % 2 == 0 && i + 1 < r.points.size()) QCOMPARE(p.mean, 3.0);
            QVERIFY(p.min >= 1.0 && p.max <= 5.0 && p.min <= p.mean && p.mean <= p.max);
        }
        // The last step comes from the ring (nothing of the last hour is stored).
        QVERIFY(!r.points.empty());
        QVERIFY(r.points.back().time_s >= to - step - 1);
    }

    void fewerPointsWhenAsked() {
        TimeSeriesBuffer buffer;
        for (int64_t s = kNow - 3600; s < kNow; ++s) buffer.append(kKey, s, 1.0);
        const SeriesQuery query(buffer);  // memory only
        const SeriesRange r = query.range(kKey, kNow - 3600, kNow, kNow, 100);
        QCOMPARE(r.step_s, int64_t{60});
        QCOMPARE(r.points.size(), size_t{60});
        QVERIFY(query.range(kKey, kNow - 600, kNow, kNow).points.size() == 600);
        // Memory only and a window it cannot cover: minutes chosen, none stored.
        QVERIFY(query.range(kKey, kNow - 86400, kNow - 80000, kNow).points.empty());
    }

    void seamAfterRestart() {
        // The process restarted 10 minutes ago: the ring holds 10 minutes at 7.0;
        // the database the minutes before, at 2.0, up to the restart.
        SeriesTestDb t;
        TimeSeriesBuffer buffer;
        const int64_t restart = kNow - 600;
        for (int64_t m = kNow - 7200; m < restart; m += 60) t.insert(kKey.name, kKey.labels, 60, m, 2.0);
        for (int64_t s = restart; s < kNow; ++s) buffer.append(kKey, s, 7.0);
        const SeriesQuery query(buffer, t.database());
        const SeriesRange hour = query.range(kKey, kNow - 3600, kNow, kNow);
        QCOMPARE(hour.resolution_s, int64_t{1});
        QCOMPARE(hour.step_s, int64_t{5});
        // 50 stored minutes (one point each) then 600 s in 120 steps of 5 s.
        QCOMPARE(hour.points.size(), size_t{50 + 120});
        QCOMPARE(hour.points[49].time_s, restart - 60);
        QCOMPARE(hour.points[49].mean, 2.0);
        QCOMPARE(hour.points[50].time_s, restart);
        QCOMPARE(hour.points[50].mean, 7.0);
        // A day's chart: minutes from the database, the newest 10 from the ring.
        const SeriesRange day = query.range(kKey, kNow - 86400, kNow, kNow);
        QCOMPARE(day.resolution_s, int64_t{60});
        QCOMPARE(day.points.size(), size_t{55 + 5});  // two-minute steps: 55 stored, 5 from the ring
        QCOMPARE(day.points.back().mean, 7.0);
        QCOMPARE(day.points.front().mean, 2.0);
        // A step that straddles the restart weights each source by the time it
        // stands for: 20 stored minutes at 2 and 600 ring seconds at 7.
        const SeriesRange joined = query.range(kKey, restart - 900, restart + 900, kNow, 2);
        QCOMPARE(joined.step_s, int64_t{1800});
        QCOMPARE(joined.points.size(), size_t{1});
        QCOMPARE(joined.points[0].time_s, kNow - 1800);
        QCOMPARE(joined.points[0].mean, (1200.0 * 2.0 + 600.0 * 7.0) / 1800.0);
        QCOMPARE(joined.points[0].min, 2.0);
        QCOMPARE(joined.points[0].max, 7.0);
    }

    void concurrentAppendAndQuery() {
        SeriesTestDb t;
        TimeSeriesBuffer buffer;
        const SeriesQuery query(buffer, t.database());
        std::atomic<int64_t> clock{kNow - 3600};
        std::atomic<bool> done{false};
        std::thread sampler([&] {
            for (int64_t s = kNow - 3600; s < kNow + 3600; ++s) {
                buffer.append(kKey, s, 4.0);
                clock.store(s + 1);
            }
            done.store(true);
        });
        int queries = 0;
        bool ok = true;
        while (!done.load() || queries < 10) {
            const int64_t now = clock.load();
            for (const int64_t window : {int64_t{300}, int64_t{3600}, int64_t{86400}}) {
                const SeriesRange r = query.range(kKey, now - window, now, now);
                ok = ok && r.error.isEmpty() && r.points.size() <= SeriesQuery::kMaxPoints;
                for (size_t i = 0; ok && i < r.points.size(); ++i)
                    ok = r.points[i].mean == 4.0 && (i == 0 || r.points[i].time_s > r.points[i - 1].time_s);
            }
            ++queries;
        }
        sampler.join();
        QVERIFY(ok);
        QCOMPARE(query.range(kKey, kNow, kNow + 3600, kNow + 3600).points.size(), size_t{720});
    }
};

QTEST_GUILESS_MAIN(TestSeriesQuery)
#include "tst_series_query.moc"
