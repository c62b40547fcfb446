// SeriesDownsampler with a fake clock (every flush is told the time; nothing
// sleeps): a minute's mean, min and max from its seconds, written only once the
// minute and its grace are over; hours from all their minutes; expired minutes
// and hours pruned, the rest kept; a fresh downsampler over the same database
// writes no bucket twice and changes none already written; a failed write is
// retried whole.
#include <QTest>

#include "series_test_db.h"
#include "telemetry/series_downsampler.h"

using namespace fyr::app::telemetry;
using fyr::app::telemetry::test::SeriesTestDb;

namespace {

constexpr int64_t kT0 = 1700006400;  // 2023-11-15T00:00:00Z: a whole hour (and day)
const SeriesKey kKey =
    SeriesKey::make(QStringLiteral("fyr:gpu_temperature_celsius"), {QStringLiteral("gpu")}, {QStringLiteral("0")});

}  // namespace

class TestSeriesDownsampler : public QObject {
    Q_OBJECT
private slots:
    void minuteMeanMinMax() {
        SeriesTestDb t;
        TimeSeriesBuffer buffer;
        SeriesDownsampler down(buffer, t.database());
        // Minute 0: 0..59 (mean 29.5); minute 1: 30 points of 10 (a half-empty minute).
        for (int64_t s = 0; s < 60; ++s) buffer.append(kKey, kT0 + s, double(s));
        for (int64_t s = 60; s < 120; s += 2) buffer.append(kKey, kT0 + s, 10.0);
        buffer.append(kKey, kT0 + 120, 99.0);  // in minute 2, which is not over
        // Minute 1 ended at kT0+120; within the grace it is not written yet.
        auto r = down.flush(kT0 + 120 + SeriesDownsampler::kGrace_s - 1);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.minuteBuckets, int64_t{1});
        QCOMPARE(t.value(kKey.name, kKey.labels, 60, kT0), 29.5);
        QCOMPARE(t.value(SeriesDownsampler::minName(kKey.name), kKey.labels, 60, kT0), 0.0);
        QCOMPARE(t.value(SeriesDownsampler::maxName(kKey.name), kKey.labels, 60, kT0), 59.0);
        QVERIFY(std::isnan(t.value(kKey.name, kKey.labels, 60, kT0 + 60)));
        r = down.flush(kT0 + 120 + SeriesDownsampler::kGrace_s);
        QCOMPARE(r.minuteBuckets, int64_t{1});
        QCOMPARE(t.value(kKey.name, kKey.labels, 60, kT0 + 60), 10.0);
        QCOMPARE(t.count("resolution_s = 60"), int64_t{6});
        // Nothing more is due: flushing again writes nothing.
        r = down.flush(kT0 + 150);
        QCOMPARE(r.minuteBuckets, int64_t{0});
        QCOMPARE(t.count("resolution_s = 60"), int64_t{6});
        QCOMPARE(t.count("resolution_s = 3600"), int64_t{0});
    }

    void hoursFromMinutes() {
        SeriesTestDb t;
        TimeSeriesBuffer buffer;
        SeriesDownsampler down(buffer, t.database());
        // Two hours and a bit of seconds: hour 0 reads 1.0 except one spike of 7
        // and one dip of -3; hour 1 reads 2.0 in its first half and 4.0 after.
        for (int64_t s = 0; s < 2 * 3600 + 300; ++s) {
            double v = s < 3600 ? 1.0 : (s < 5400 ? 2.0 : 4.0);
            if (s == 100) v = 7.0;
            if (s == 200) v = -3.0;
            buffer.append(kKey, kT0 + s, v);
            if (s % 60 == 10) QVERIFY(down.flush(kT0 + s).error.isEmpty());
        }
        QCOMPARE(t.count("resolution_s = 60 AND name = 'fyr:gpu_temperature_celsius'"), int64_t{124});
        QCOMPARE(t.count("resolution_s = 3600 AND name = 'fyr:gpu_temperature_celsius'"), int64_t{2});
        // Hour 0: minute 1 has mean (59 + 7) / 60, minute 3 (59 - 3) / 60, the other 58 minutes 1.
        const double minute1 = (59.0 + 7.0) / 60.0, minute3 = (59.0 - 3.0) / 60.0;
        QCOMPARE(t.value(kKey.name, kKey.labels, 3600, kT0), (58.0 + minute1 + minute3) / 60.0);
        QCOMPARE(t.value(SeriesDownsampler::minName(kKey.name), kKey.labels, 3600, kT0), -3.0);
        QCOMPARE(t.value(SeriesDownsampler::maxName(kKey.name), kKey.labels, 3600, kT0), 7.0);
        QCOMPARE(t.value(kKey.name, kKey.labels, 3600, kT0 + 3600), 3.0);
        QCOMPARE(t.value(SeriesDownsampler::minName(kKey.name), kKey.labels, 3600, kT0 + 3600), 2.0);
        QCOMPARE(t.value(SeriesDownsampler::maxName(kKey.name), kKey.labels, 3600, kT0 + 3600), 4.0);
        QVERIFY(std::isnan(t.value(kKey.name, kKey.labels, 3600, kT0 + 7200)));  // not over
    }

    void retentionPruning() {
        SeriesTestDb t;
        const int64_t now = kT0 + 100 * 86400;
        const QString other = QStringLiteral("fyr:gone");                // a series this run never sees
        t.insert(other, QString(), 60, now - 7 * 86400 - 60, 1.0);       // expired
        t.insert(other, QString(), 60, now - 7 * 86400 + 60, 1.0);       // kept
        t.insert(other, QString(), 3600, now - 90 * 86400 - 3600, 1.0);  // expired
        t.insert(other, QString(), 3600, now - 90 * 86400 + 3600, 1.0);  // kept
        TimeSeriesBuffer buffer;
        buffer.append(kKey, now - 30, 5.0);
        SeriesDownsampler down(buffer, t.database());
        auto r = down.flush(now);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.prunedRows, int64_t{2});
        QCOMPARE(t.count("name = 'fyr:gone'"), int64_t{2});
        // Within the same hour nothing is pruned again; in the next hour the
        // series it knows are, the others are left for the next start.
        t.insert(kKey.name, kKey.labels, 60, now - 8 * 86400, 1.0);
        t.insert(SeriesDownsampler::maxName(kKey.name), kKey.labels, 3600, now - 91 * 86400, 1.0);
        t.insert(other, QString(), 60, now - 9 * 86400, 1.0);
        QCOMPARE(down.flush(now + 60).prunedRows, int64_t{0});
        r = down.flush(now + 3600);
        QCOMPARE(r.prunedRows, int64_t{2});
        QCOMPARE(t.count("name = 'fyr:gone'"), int64_t{3});
        const QByteArray expiredMinutes =
            "name LIKE 'fyr:gpu_temperature_celsius%' AND resolution_s = 60 AND time_s < " +
            QByteArray::number(now - 7 * 86400);
        const QByteArray expiredHours =
            "name LIKE 'fyr:gpu_temperature_celsius%' AND resolution_s = 3600 AND time_s < " +
            QByteArray::number(now - 90 * 86400);
        QCOMPARE(t.count(expiredMinutes.constData()), int64_t{0});
        QCOMPARE(t.count(expiredHours.constData()), int64_t{0});
    }

    void restartResumesWithoutDuplicates() {
        SeriesTestDb t;
        TimeSeriesBuffer before;
        for (int64_t s = 0; s < 3000; ++s) before.append(kKey, kT0 + s, 1.0);
        {
            SeriesDownsampler down(before, t.database());
            QCOMPARE(down.flush(kT0 + 3000).minuteBuckets, int64_t{49});  // minute 49 is in its grace
        }
        const int64_t rows = t.count("1");
        // After a restart: a new buffer that holds different values for seconds
        // already condensed (a clock stepped back) and new ones after.
        SeriesTestDb again(t.path());
        TimeSeriesBuffer after;
        for (int64_t s = 2900; s < 4000; ++s) after.append(kKey, kT0 + s, 9.0);
        SeriesDownsampler down(after, again.database());
        auto r = down.flush(kT0 + 4000);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        // Minutes 49..65 are new (49 was only partly seen before the restart).
        QCOMPARE(r.minuteBuckets, int64_t{66 - 49});
        QCOMPARE(t.count("1"), rows + 3 * (66 - 49) + 3);                   // and hour 0
        QCOMPARE(t.value(kKey.name, kKey.labels, 60, kT0 + 48 * 60), 1.0);  // unchanged
        QCOMPARE(t.value(kKey.name, kKey.labels, 60, kT0 + 49 * 60), 9.0);
        const double hour0 = t.value(kKey.name, kKey.labels, 3600, kT0);
        QCOMPARE(hour0, (49.0 * 1.0 + 11.0 * 9.0) / 60.0);
        // A third object rewrites nothing.
        SeriesDownsampler third(after, again.database());
        r = third.flush(kT0 + 4000);
        QCOMPARE(r.minuteBuckets, int64_t{0});
        QCOMPARE(r.hourBuckets, int64_t{0});
        QCOMPARE(t.value(kKey.name, kKey.labels, 3600, kT0), hour0);
    }

    void failedWriteIsRetried() {
        SeriesTestDb t;
        TimeSeriesBuffer buffer;
        for (int64_t s = 0; s < 180; ++s) buffer.append(kKey, kT0 + s, 2.0);
        SeriesDownsampler down(buffer, t.database());
        t.failNextWrite();
        auto r = down.flush(kT0 + 130);
        QVERIFY(r.error.contains(QStringLiteral("disk full")));
        QCOMPARE(t.count("1"), int64_t{0});
        r = down.flush(kT0 + 190);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.minuteBuckets, int64_t{3});
    }
};

QTEST_GUILESS_MAIN(TestSeriesDownsampler)
#include "tst_series_downsampler.moc"
