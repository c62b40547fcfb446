// AnomalyDetector: robust z and EWMA scores against known values; true
// positives (a latency jump, a token-rate drop, a temperature ramp) and no
// false positives on hours of plain or spiky noise; nothing during warm-up; the
// direction; seasonality, off by default, quietening a daily pattern.
#include <QTest>

#include <random>

#include "fake_series_source.h"
#include "telemetry/anomaly_detector.h"

using namespace fyr::app::telemetry;
using fyr::app::telemetry::test::FakeSeriesSource;

namespace {

constexpr int64_t kNow = 1699920000 + 7 * 86400;
const SeriesKey kTtft{QStringLiteral("fyr:time_to_first_token_seconds_mean"), QStringLiteral("model=\"m\"")};

AnomalySpec spec(AnomalyMethod method) {
    AnomalySpec s;
    s.method = method;
    s.window_s = 3600;
    s.recent_s = 60;
    s.threshold = 4.0;
    s.clear = 3.0;
    s.warmup_s = 900;
    return s;
}

}  // namespace

class TestAnomalyDetector : public QObject {
    Q_OBJECT
private slots:
    void scores() {
        // median 3, |d| = {2,1,0,1,2} → MAD 1, σ = 1/0.6745
        double center = 0, scale = 0;
        const double z = AnomalyDetector::robustZ({1, 2, 3, 4, 5}, 7, 0.0, &center, &scale);
        QCOMPARE(center, 3.0);
        QVERIFY(std::abs(scale - 1.0 / 0.6745) < 1e-12);
        QVERIFY(std::abs(z - 4.0 * 0.6745) < 1e-12);
        // An outlier in the baseline barely moves it.
        QVERIFY(std::abs(AnomalyDetector::robustZ({1, 2, 3, 4, 500}, 7, 0.0) - 4.0 * 0.6745) < 1e-12);
        // Constant baseline: any change is infinite unless a floor is given.
        QCOMPARE(AnomalyDetector::robustZ({2, 2, 2}, 2, 0.0), 0.0);
        QCOMPARE(AnomalyDetector::robustZ({2, 2, 2}, 2.1, 0.0), AnomalyDetector::kInfiniteZ);
        QCOMPARE(AnomalyDetector::robustZ({2, 2, 2}, 1.9, 0.0), -AnomalyDetector::kInfiniteZ);
        QVERIFY(std::abs(AnomalyDetector::robustZ({2, 2, 2}, 2.5, 0.25) - 2.0) < 1e-12);
        // EWMA with alpha 1 forgets all but the last point.
        QCOMPARE(AnomalyDetector::ewmaZ({1, 9, 5}, 5, 1.0, 0.0), 0.0);
        double mean = 0, sd = 0;
        AnomalyDetector::ewmaZ({0, 10}, 5, 0.5, 0.0, &mean, &sd);
        QCOMPARE(mean, 5.0);
        QCOMPARE(sd, 5.0);  // var = 0.5 × (0 + 10 × 5) = 25
        QCOMPARE(AnomalyDetector::median({4, 1, 3, 2}), 2.5);
    }

    void truePositives_data() {
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("kind");
        for (const int m : {int(AnomalyMethod::RobustZ), int(AnomalyMethod::Ewma)}) {
            const char* name = m == int(AnomalyMethod::RobustZ) ? "robust z" : "EWMA";
            QTest::newRow(qPrintable(QStringLiteral("%1: latency doubles").arg(QLatin1String(name)))) << m << 0;
            QTest::newRow(qPrintable(QStringLiteral("%1: token rate drops").arg(QLatin1String(name)))) << m << 1;
            QTest::newRow(qPrintable(QStringLiteral("%1: temperature jumps").arg(QLatin1String(name)))) << m << 2;
        }
    }
    void truePositives() {
        QFETCH(int, method);
        QFETCH(int, kind);
        std::mt19937 rng(42 + kind);
        std::normal_distribution<double> noise(0.0, 1.0);
        FakeSeriesSource source(1);
        source.fill(kTtft, kNow - 2 * 3600, kNow, [&](int64_t t) {
            const bool after = t >= kNow - 60;
            switch (kind) {
                case 0: return (after ? 1.0 : 0.5) + 0.05 * noise(rng);    // TTFT 0.5 s → 1 s
                case 1: return (after ? 20.0 : 60.0) + 3.0 * noise(rng);   // tokens/s 60 → 20
                default: return (after ? 84.0 : 70.0) + 0.5 * noise(rng);  // °C
            }
        });
        const AnomalyReading r = AnomalyDetector::read(source, kTtft, spec(AnomalyMethod(method)), kNow);
        QVERIFY(!r.warming_up);
        QCOMPARE(r.baseline_points, size_t{3600});
        QVERIFY2(std::abs(r.z) > 8.0, qPrintable(QString::number(r.z)));
        QVERIFY(AnomalyDetector::exceeds(spec(AnomalyMethod(method)), r.z, 4.0));
        if (kind == 1) QVERIFY(r.z < 0);
    }

    // Six hours of noise scored each minute: never an alert. Half the runs add
    // a 10x spike to 1% of the seconds, which a mean/σ score over raw points
    // would trip on.
    void noFalsePositives_data() {
        QTest::addColumn<int>("method");
        QTest::addColumn<bool>("spiky");
        QTest::newRow("robust z, gaussian") << int(AnomalyMethod::RobustZ) << false;
        QTest::newRow("robust z, spiky") << int(AnomalyMethod::RobustZ) << true;
        QTest::newRow("EWMA, gaussian") << int(AnomalyMethod::Ewma) << false;
        QTest::newRow("EWMA, spiky") << int(AnomalyMethod::Ewma) << true;
    }
    void noFalsePositives() {
        QFETCH(int, method);
        QFETCH(bool, spiky);
        std::mt19937 rng(7);
        std::normal_distribution<double> noise(0.0, 1.0);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        FakeSeriesSource source(1);
        source.fill(kTtft, kNow - 7 * 3600, kNow, [&](int64_t) {
            const double v = 0.5 + 0.05 * noise(rng);
            return spiky && u(rng) < 0.01 ? v * 10.0 : v;
        });
        const AnomalySpec s = spec(AnomalyMethod(method));
        int alerts = 0, scored = 0;
        double worst = 0.0;
        for (int64_t t = kNow - 6 * 3600; t <= kNow; t += 60) {
            const AnomalyReading r = AnomalyDetector::read(source, kTtft, s, t);
            if (r.warming_up) continue;
            ++scored;
            worst = std::max(worst, std::abs(r.z));
            if (AnomalyDetector::exceeds(s, r.z, s.threshold)) ++alerts;
        }
        QCOMPARE(scored, 361);
        QVERIFY2(alerts == 0, qPrintable(QStringLiteral("%1 alerts, worst |z| %2").arg(alerts).arg(worst)));
        QVERIFY2(worst < 2.0, qPrintable(QString::number(worst)));
    }

    void warmUp() {
        FakeSeriesSource source(1);
        // Ten minutes of history, then a jump: the baseline is too short to judge.
        source.fill(kTtft, kNow - 600, kNow,
                    [](int64_t t) { return t >= kNow - 60 ? 5.0 : 0.5 + 0.01 * double(t % 7); });
        AnomalyReading r = AnomalyDetector::read(source, kTtft, spec(AnomalyMethod::RobustZ), kNow);
        QVERIFY(r.warming_up);
        QCOMPARE(*r.value, 5.0);
        QCOMPARE(r.baseline_points, size_t{540});
        // Fifteen minutes is enough.
        source.fill(kTtft, kNow - 1200, kNow - 600, [](int64_t t) { return 0.5 + 0.01 * double(t % 7); });
        r = AnomalyDetector::read(source, kTtft, spec(AnomalyMethod::RobustZ), kNow);
        QVERIFY(!r.warming_up);
        QVERIFY(r.z > 100.0);
        // No recent reading: nothing to score.
        QVERIFY(AnomalyDetector::read(source, kTtft, spec(AnomalyMethod::RobustZ), kNow + 600).warming_up);
    }

    void direction() {
        AnomalySpec s = spec(AnomalyMethod::RobustZ);
        s.direction = AnomalyDirection::Up;
        QVERIFY(AnomalyDetector::exceeds(s, 5.0, 4.0));
        QVERIFY(!AnomalyDetector::exceeds(s, -5.0, 4.0));
        s.direction = AnomalyDirection::Down;
        QVERIFY(!AnomalyDetector::exceeds(s, 5.0, 4.0));
        QVERIFY(AnomalyDetector::exceeds(s, -5.0, 4.0));
        s.direction = AnomalyDirection::Both;
        QVERIFY(AnomalyDetector::exceeds(s, -5.0, 4.0));
        QVERIFY(!AnomalyDetector::exceeds(s, 3.9, 4.0));
    }

    void seasonalityQuietensADailyPattern() {
        // A batch job sends tokens/s from 10 to 50 every day at 09:00 for an hour.
        FakeSeriesSource source(60);
        const int64_t nine = kNow - 86400 + 9 * 3600;  // 09:00 yesterday
        std::mt19937 rng(3);
        std::normal_distribution<double> noise(0.0, 1.0);
        source.fill(kTtft, kNow - 3 * 86400, kNow + 86400, [&](int64_t t) {
            const int64_t ofDay = ((t % 86400) + 86400) % 86400;
            return (ofDay >= 9 * 3600 && ofDay < 10 * 3600 ? 50.0 : 10.0) + noise(rng);
        });
        const int64_t at = nine + 86400 + 180;  // 09:03 today
        AnomalySpec s = spec(AnomalyMethod::RobustZ);
        s.recent_s = 120;
        QVERIFY(!s.seasonal);  // off unless asked for
        const AnomalyReading plain = AnomalyDetector::read(source, kTtft, s, at);
        QVERIFY(!plain.warming_up);
        QVERIFY2(plain.z > 10.0, qPrintable(QString::number(plain.z)));
        s.seasonal = true;
        s.window_s = 1800;  // 08:48 to 09:18 yesterday: mostly the job's level
        const AnomalyReading seasonal = AnomalyDetector::read(source, kTtft, s, at);
        QVERIFY(!seasonal.warming_up);
        QVERIFY2(std::abs(seasonal.z) < 3.0, qPrintable(QString::number(seasonal.z)));
        QVERIFY(std::abs(seasonal.center - 50.0) < 2.0);
    }
};

QTEST_GUILESS_MAIN(TestAnomalyDetector)
#include "tst_anomaly_detector.moc"
