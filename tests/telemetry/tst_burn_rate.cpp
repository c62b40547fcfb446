// BurnRate: the workbook's windows and their scaling to other periods; an error
// rate SLO that pages on a sudden outage, files a ticket on a slow leak, and
// stays quiet once the errors stop or when a spike is too short; a temperature
// SLO per GPU; slice aggregates and label selectors.
#include <QTest>

#include "fake_series_source.h"
#include "telemetry/burn_rate.h"

using namespace fyr::app::telemetry;
using fyr::app::telemetry::test::FakeSeriesSource;

namespace {

constexpr int64_t kNow = 1699920000 + 3 * 86400;  // midnight UTC, so slices align with windows
constexpr int64_t kDay = 86400;

const SeriesKey kOk{QStringLiteral("fyr:request_success_total"), QStringLiteral("model=\"m\"")};
const SeriesKey kRejected{QStringLiteral("fyr:request_rejections_total"),
                          QStringLiteral("model=\"m\",reason=\"queue\"")};

Slo errorRate() {
    Slo slo;
    slo.id = QStringLiteral("error-rate");
    slo.sli.kind = SliKind::Ratio;
    slo.sli.bad = {{kRejected.name, {}}};
    slo.sli.total = {{kOk.name, {}}, {kRejected.name, {}}};
    slo.objective = 0.99;
    slo.period_s = 30 * kDay;
    return slo;
}

// Three days of 10 requests/s at one-minute resolution, a share of them
// rejected as errorShare(t) says.
FakeSeriesSource traffic(const std::function<double(int64_t)>& errorShare) {
    FakeSeriesSource source(60);
    source.fill(kOk, kNow - 3 * kDay - 3600, kNow, [&](int64_t t) { return 10.0 * (1.0 - errorShare(t)); });
    source.fill(kRejected, kNow - 3 * kDay - 3600, kNow, [&](int64_t t) { return 10.0 * errorShare(t); });
    return source;
}

}  // namespace

class TestBurnRate : public QObject {
    Q_OBJECT
private slots:
    void windowsScaleWithThePeriod() {
        Slo slo = errorRate();
        const auto w30 = BurnRate::scaledWindows(slo);
        QCOMPARE(w30.size(), size_t{3});
        QCOMPARE(w30[0].long_s, int64_t{3600});
        QCOMPARE(w30[0].short_s, int64_t{300});
        QCOMPARE(w30[0].factor, 14.4);
        QCOMPARE(w30[0].severity, Severity::Critical);
        QCOMPARE(w30[1].long_s, int64_t{6 * 3600});
        QCOMPARE(w30[2].long_s, int64_t{3 * kDay});
        QCOMPARE(w30[2].short_s, int64_t{6 * 3600});
        QCOMPARE(w30[2].severity, Severity::Warning);
        slo.period_s = 7 * kDay;  // a week: windows shrink to 7/30
        const auto w7 = BurnRate::scaledWindows(slo);
        QCOMPARE(w7[0].long_s, int64_t{840});
        QCOMPARE(w7[0].short_s, int64_t{70});
        QCOMPARE(w7[2].long_s, int64_t{60480});
        QCOMPARE(w7[2].factor, 1.0);
        slo.period_s = kDay;  // a day: the short window stops at 60 s
        QCOMPARE(BurnRate::scaledWindows(slo)[0].short_s, int64_t{60});
        QCOMPARE(BurnRate::scaledWindows(slo)[0].long_s, int64_t{120});
    }

    void errorRateBurns_data() {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<bool>("firing");
        QTest::addColumn<int>("severity");
        QTest::addColumn<double>("longRate");
        QTest::newRow("no errors") << 0 << false << 0 << 0.0;
        QTest::newRow("20% for 70 min: page") << 1 << true << int(Severity::Critical) << 20.0;
        QTest::newRow("2% for 3 days: ticket") << 2 << true << int(Severity::Warning) << 2.0;
        QTest::newRow("outage over 10 min ago") << 3 << false << 0 << 0.0;
        QTest::newRow("5 min spike") << 4 << false << 0 << 0.0;
        QTest::newRow("0.5%: within budget") << 5 << false << 0 << 0.0;
    }
    void errorRateBurns() {
        QFETCH(int, scenario);
        QFETCH(bool, firing);
        QFETCH(int, severity);
        QFETCH(double, longRate);
        const FakeSeriesSource source = traffic([&](int64_t t) {
            switch (scenario) {
                case 1: return t >= kNow - 70 * 60 ? 0.2 : 0.0;
                case 2: return 0.02;
                case 3: return t >= kNow - 80 * 60 && t < kNow - 10 * 60 ? 0.2 : 0.0;
                case 4: return t >= kNow - 5 * 60 ? 1.0 : 0.0;
                case 5: return 0.005;
                default: return 0.0;
            }
        });
        const auto evals = BurnRate::evaluate(source, errorRate(), kNow);
        QCOMPARE(evals.size(), size_t{1});
        QCOMPARE(evals[0].firing, firing);
        if (firing) {
            QCOMPARE(int(evals[0].window.severity), severity);
            QVERIFY(evals[0].long_rate);
            QVERIFY2(std::abs(*evals[0].long_rate - longRate) < 1e-6, qPrintable(QString::number(*evals[0].long_rate)));
        }
        if (scenario == 3) {  // the hour still burns; the last 5 minutes do not
            QVERIFY(*BurnRate::rate(source, errorRate(), {}, 3600, kNow) > 14.4);
            QCOMPARE(*BurnRate::rate(source, errorRate(), {}, 300, kNow), 0.0);
        }
        if (scenario == 4) {  // 5 of 60 minutes all errors: 100/12 = 8.3 over the hour
            QVERIFY(std::abs(*BurnRate::rate(source, errorRate(), {}, 3600, kNow) - 100.0 / 12.0) < 1e-6);
        }
    }

    void noTrafficGivesNoReading() {
        FakeSeriesSource source(60);
        QVERIFY(!BurnRate::rate(source, errorRate(), {}, 3600, kNow));
        const auto evals = BurnRate::evaluate(source, errorRate(), kNow);
        QCOMPARE(evals.size(), size_t{1});
        QVERIFY(!evals[0].firing);
        QVERIFY(!evals[0].long_rate);
    }

    void temperaturePerGpu() {
        Slo slo;
        slo.id = QStringLiteral("gpu-temperature");
        slo.sli.kind = SliKind::Threshold;
        slo.sli.series = {{QStringLiteral("fyr:gpu_temperature_celsius"), {}}};
        slo.sli.aggregate = QStringLiteral("max");
        slo.sli.slice_s = 60;
        slo.sli.below = 85.0;
        slo.objective = 0.999;
        slo.period_s = kDay;  // windows 120 s / 60 s, 720 s / 60 s, 8640 s / 720 s
        const SeriesKey gpu0{slo.sli.series[0].name, QStringLiteral("backend=\"nvml\",gpu=\"0\"")};
        const SeriesKey gpu1{slo.sli.series[0].name, QStringLiteral("backend=\"nvml\",gpu=\"1\"")};
        FakeSeriesSource source(1);
        source.fill(gpu0, kNow - 3 * 3600, kNow, [](int64_t t) { return t >= kNow - 180 ? 90.0 : 70.0; });
        source.fill(gpu1, kNow - 3 * 3600, kNow, [](int64_t t) { return 70.0 + double(t % 10); });
        // One second at 86 in an hour of 70s: a bad minute in sixty.
        source.set(gpu1, kNow - 1800, 86.0);
        const auto evals = BurnRate::evaluate(source, slo, kNow);
        QCOMPARE(evals.size(), size_t{2});
        QCOMPARE(evals[0].labels, gpu0.labels);
        QVERIFY(evals[0].firing);
        QCOMPARE(evals[0].window.severity, Severity::Critical);
        QCOMPARE(*evals[0].latest, 90.0);
        QCOMPARE(*evals[0].short_rate, 1000.0);  // every slice bad, budget 0.1%
        QVERIFY(!evals[1].firing);
        QCOMPARE(*evals[1].latest, 79.0);
        // Over 2 h 24 min the bad minute is 1 of 144: 6.9x, above the ticket's
        // 1x, but the last 12 minutes are clean.
        QVERIFY(std::abs(*BurnRate::rate(source, slo, gpu1.labels, 8640, kNow) - 1000.0 / 144.0) < 1e-6);
        QCOMPARE(*BurnRate::rate(source, slo, gpu1.labels, 720, kNow), 0.0);
        // A selector keeps to its GPU.
        slo.sli.series[0].match = {{QStringLiteral("gpu"), QStringLiteral("1")}};
        QCOMPARE(BurnRate::evaluate(source, slo, kNow).size(), size_t{1});
    }

    void p95OfSlicesAgainstALimit() {
        // Per 5-minute slice, the 95th percentile of TTFT means: one slow
        // second in a slice is not enough, a slow minute is.
        Slo slo;
        slo.id = QStringLiteral("ttft-p95");
        slo.sli.series = {{QStringLiteral("fyr:time_to_first_token_seconds_mean"), {}}};
        slo.sli.aggregate = QStringLiteral("p95");
        slo.sli.slice_s = 300;
        slo.sli.below = 2.0;
        slo.objective = 0.99;
        const SeriesKey k{slo.sli.series[0].name, QStringLiteral("model=\"m\"")};
        FakeSeriesSource source(1);
        source.fill(k, kNow - 3600, kNow, [](int64_t t) {
            if (t >= kNow - 600 && t < kNow - 540) return 3.0;  // a slow minute
            if (t % 300 == 7) return 9.0;                       // one slow second each slice
            return 0.4;
        });
        // 12 slices, 1 bad: 1/12 / 0.01 = 8.33
        QVERIFY(std::abs(*BurnRate::rate(source, slo, k.labels, 3600, kNow) - 100.0 / 12.0) < 1e-6);
    }

    void aggregates() {
        std::vector<double> v;
        for (int i = 1; i <= 100; ++i) v.push_back(i);
        QCOMPARE(*BurnRate::aggregate(QStringLiteral("p95"), v), 95.05);
        QCOMPARE(*BurnRate::aggregate(QStringLiteral("p50"), v), 50.5);
        QCOMPARE(*BurnRate::aggregate(QStringLiteral("mean"), v), 50.5);
        QCOMPARE(*BurnRate::aggregate(QStringLiteral("max"), v), 100.0);
        QCOMPARE(*BurnRate::aggregate(QStringLiteral("p99.9"), {5.0}), 5.0);
        QVERIFY(!BurnRate::aggregate(QStringLiteral("p100"), v));
        QVERIFY(!BurnRate::aggregate(QStringLiteral("median"), v));
        QVERIFY(!BurnRate::aggregate(QStringLiteral("mean"), {}));
        QVERIFY(!BurnRate::isValidAggregate(QStringLiteral("p")));
        QVERIFY(!BurnRate::isValidAggregate(QStringLiteral("p+5")));
        QVERIFY(BurnRate::isValidAggregate(QStringLiteral("p99")));
    }

    void selectors() {
        const QString labels = QStringLiteral("endpoint=\"local\",model=\"llama\"");
        QVERIFY(BurnRate::matches({QStringLiteral("x"), {}}, labels));
        QVERIFY(BurnRate::matches({QStringLiteral("x"), {{QStringLiteral("model"), QStringLiteral("llama")}}}, labels));
        QVERIFY(!BurnRate::matches({QStringLiteral("x"), {{QStringLiteral("model"), QStringLiteral("qwen")}}}, labels));
        QVERIFY(!BurnRate::matches({QStringLiteral("x"), {{QStringLiteral("user"), QStringLiteral("a")}}}, labels));
    }
};

QTEST_GUILESS_MAIN(TestBurnRate)
#include "tst_burn_rate.moc"
