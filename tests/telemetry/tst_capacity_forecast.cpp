// HoltWinters and CapacityForecaster on synthetic load with a known answer: a
// daily and a weekly cycle, a trend and noise. The next 24 hours against the
// noise-free truth; the fallbacks with less than two weeks or two days of
// history, and their notes; the hour predicted load first passes capacity,
// flagged before it comes; series summed per endpoint and model, gaps filled.
#include <QTest>

#include <random>

#include "fake_series_source.h"
#include "telemetry/capacity_forecast.h"

using namespace fyr::app::telemetry;
using fyr::app::telemetry::test::FakeSeriesSource;

namespace {

constexpr int64_t kEnd = 1699833600 + 28 * 86400;  // a Monday 00:00 UTC, four weeks after another
constexpr double kPi = 3.14159265358979323846;

// Requests per second at Unix second t: 100 ± 40 over the day (peak 12:00
// UTC), ± 15 over the week, growing 1.2 a day.
double truth(int64_t t) {
    const double hours = double(t - (kEnd - 28 * 86400)) / 3600.0;
    const double day = double(((t % 86400) + 86400) % 86400) / 86400.0;
    const double week = double(((t - 1699833600) % (7 * 86400) + 7 * 86400) % (7 * 86400)) / (7.0 * 86400.0);
    return 100.0 + 0.05 * hours - 40.0 * std::cos(2 * kPi * day) + 15.0 * std::sin(2 * kPi * week);
}

std::vector<double> hourly(int64_t from, int64_t to, double noiseSd, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> out;
    // Each hour's mean rate: the truth at the half hour is within 0.1% of it.
    for (int64_t t = from; t < to; t += 3600) out.push_back(truth(t + 1800) + noiseSd * noise(rng));
    return out;
}

struct Errors {
    double mape = 0.0;  // mean absolute percentage error
    double max = 0.0;   // worst absolute error
};

Errors errorsOf(const Forecast& f) {
    Errors e;
    for (size_t h = 0; h < f.values.size(); ++h) {
        const double actual = truth(f.start_s + int64_t(h) * 3600 + 1800);
        e.mape += std::abs(f.values[h] - actual) / actual;
        e.max = std::max(e.max, std::abs(f.values[h] - actual));
    }
    e.mape = e.mape * 100.0 / double(f.values.size());
    return e;
}

}  // namespace

class TestCapacityForecast : public QObject {
    Q_OBJECT
private slots:
    void accuracy_data() {
        QTest::addColumn<double>("noise");
        QTest::addColumn<double>("maxMape");
        QTest::addColumn<double>("maxError");
        QTest::newRow("no noise") << 0.0 << 1.0 << 2.5;
        QTest::newRow("noise sd 3") << 3.0 << 3.0 << 9.0;
        QTest::newRow("noise sd 8") << 8.0 << 6.0 << 20.0;
    }
    void accuracy() {
        QFETCH(double, noise);
        QFETCH(double, maxMape);
        QFETCH(double, maxError);
        const std::vector<double> history = hourly(kEnd - 28 * 86400, kEnd, noise, 11);
        const Forecast f = HoltWinters::forecast(history, 3600, kEnd, 24);
        QCOMPARE(f.model, ForecastModel::DailyWeekly);
        QVERIFY(f.note.isEmpty());
        QCOMPARE(f.values.size(), size_t{24});
        QCOMPARE(f.start_s, kEnd);
        const Errors e = errorsOf(f);
        qInfo(
            "noise sd %.0f: MAPE %.2f%%, worst error %.2f req/s, one-step RMS %.2f, alpha %.2f beta %.2f gamma %.2f "
            "delta %.2f",
            noise, e.mape, e.max, f.residual_sd, f.params.alpha, f.params.beta, f.params.gamma, f.params.delta);
        QVERIFY2(e.mape < maxMape, qPrintable(QString::number(e.mape)));
        QVERIFY2(e.max < maxError, qPrintable(QString::number(e.max)));
        // The truth lies within the ~95% bounds nearly everywhere.
        int inside = 0;
        for (size_t h = 0; h < 24; ++h) {
            const double actual = truth(f.start_s + int64_t(h) * 3600 + 1800);
            inside += f.lower[h] <= actual + 1e-9 && actual - 1e-9 <= f.upper[h];
        }
        QVERIFY2(inside >= 22, qPrintable(QString::number(inside)));
    }

    void fallbacks_data() {
        QTest::addColumn<int>("hours");
        QTest::addColumn<int>("model");
        QTest::addColumn<QString>("note");
        QTest::newRow("10 days") << 240 << int(ForecastModel::Daily)
                                 << QStringLiteral(
                                        "10.0 days of history, less than two weeks: weekly seasonality left out");
        QTest::newRow("30 hours")
            << 30 << int(ForecastModel::Trend)
            << QStringLiteral("30 hours of history, less than two days: no seasonality, level and trend only");
        QTest::newRow("1 hour") << 1 << int(ForecastModel::Mean)
                                << QStringLiteral("one point of history: the forecast repeats it");
        QTest::newRow("none") << 0 << int(ForecastModel::None) << QStringLiteral("no history: no forecast");
    }
    void fallbacks() {
        QFETCH(int, hours);
        QFETCH(int, model);
        QFETCH(QString, note);
        const std::vector<double> history = hourly(kEnd - int64_t(hours) * 3600, kEnd, 3.0, 5);
        const Forecast f = HoltWinters::forecast(history, 3600, kEnd, 24);
        QCOMPARE(int(f.model), model);
        QCOMPARE(f.note, note);
        QCOMPARE(f.values.size(), size_t{hours ? 24u : 0u});
        for (const double v : f.values) QVERIFY(v >= 0.0 && std::isfinite(v));
        if (model == int(ForecastModel::Daily)) {
            // The daily cycle alone still follows the day closely.
            const Errors e = errorsOf(f);
            qInfo("10 days, daily season only: MAPE %.2f%%, worst error %.2f", e.mape, e.max);
            QVERIFY2(e.mape < 12.0, qPrintable(QString::number(e.mape)));
        }
    }

    void flaggedAheadOfTime() {
        const std::vector<double> history = hourly(kEnd - 28 * 86400, kEnd, 3.0, 21);
        double pastPeak = 0.0;
        for (size_t i = history.size() - 24; i < history.size(); ++i)
            pastPeak = std::max(pastPeak, truth(kEnd - int64_t(history.size() - i) * 3600 + 1800));
        // Tomorrow's true first hour above 173 req/s: nothing in the last day
        // (Sunday, peak 166) reached it, Monday's weekly rise (peak 180) will.
        const double capacity = 173.0;
        QVERIFY2(pastPeak < capacity, qPrintable(QString::number(pastPeak)));
        std::optional<int64_t> trueCrossing;
        for (int64_t h = 0; h < 24 && !trueCrossing; ++h)
            if (truth(kEnd + h * 3600 + 1800) > capacity) trueCrossing = kEnd + h * 3600;
        QVERIFY(trueCrossing);
        const Forecast f = HoltWinters::forecast(history, 3600, kEnd, 24);
        const auto flagged = HoltWinters::firstExceedance(f, capacity);
        QVERIFY(flagged);
        qInfo("capacity %.0f req/s: truly passed at +%d h, flagged at +%d h from now", capacity,
              int((*trueCrossing - kEnd) / 3600), int((*flagged - kEnd) / 3600));
        QVERIFY(*flagged >= kEnd);  // in the future, with hours to act
        QVERIFY(std::abs(*flagged - *trueCrossing) <= 3600);
        // The upper bound flags no later.
        QVERIFY(*HoltWinters::firstExceedance(f, capacity, true) <= *flagged);
        // Capacity no load comes near: nothing flagged.
        QVERIFY(!HoltWinters::firstExceedance(f, 400.0));
    }

    void perEndpointAndModel() {
        // Two users of one endpoint and model at one-minute resolution, a
        // second model beside them, a gap of three hours.
        FakeSeriesSource source(60);
        const SeriesKey a{
            QStringLiteral("fyr:request_success_total"),
            QStringLiteral("backend=\"cpu\",endpoint=\"local\",finished_reason=\"stop\",model=\"llama\",user=\"ada\"")};
        const SeriesKey b{
            QStringLiteral("fyr:request_success_total"),
            QStringLiteral("backend=\"cpu\",endpoint=\"local\",finished_reason=\"stop\",model=\"llama\",user=\"bob\"")};
        const SeriesKey other{
            QStringLiteral("fyr:request_success_total"),
            QStringLiteral("backend=\"cpu\",endpoint=\"local\",finished_reason=\"stop\",model=\"qwen\",user=\"ada\"")};
        const SeriesKey tokens{QStringLiteral("fyr:generation_tokens_total"),
                               QStringLiteral("backend=\"cpu\",endpoint=\"local\",model=\"llama\",user=\"ada\"")};
        const int64_t from = kEnd - 28 * 86400;
        const int64_t gapFrom = kEnd - 10 * 86400, gapTo = gapFrom + 3 * 3600;
        const auto share = [&](int64_t t, double part) {
            return t >= gapFrom && t < gapTo ? std::nan("") : truth(t) * part;
        };
        source.fill(a, from, kEnd, [&](int64_t t) { return share(t, 0.7); });
        source.fill(b, from, kEnd, [&](int64_t t) { return share(t, 0.3); });
        source.fill(other, from, kEnd, [](int64_t) { return 1.0; });
        source.fill(tokens, from, kEnd, [](int64_t) { return 50.0; });
        const auto targets = CapacityForecaster::targets(source, kEnd);
        QCOMPARE(targets.size(), size_t{2});
        QCOMPARE(targets[0], (CapacityTarget{QStringLiteral("local"), QStringLiteral("llama")}));
        int64_t end = 0;
        const auto history = CapacityForecaster::hourlyHistory(source, targets[0], CapacityLoad::Requests, kEnd + 1234,
                                                               CapacityForecaster::kHistory_s, &end);
        QCOMPARE(end, kEnd);
        QCOMPARE(history.size(), size_t{28 * 24});
        QVERIFY(std::abs(history[0] - truth(from + 1800)) < 0.2);
        // The gap is a line between its neighbours.
        const size_t g = size_t((gapFrom - from) / 3600);
        QVERIFY(std::abs(history[g + 1] - (history[g - 1] + (history[g + 3] - history[g - 1]) / 2.0)) < 1e-9);
        const CapacityForecast f =
            CapacityForecaster::forecast(source, targets[0], CapacityLoad::Requests, 173.0, kEnd + 1234);
        QCOMPARE(f.forecast.model, ForecastModel::DailyWeekly);
        QVERIFY(f.exceeds_at_s);
        QVERIFY(*f.exceeds_at_s >= kEnd);
        const CapacityForecast t = CapacityForecaster::forecast(source, targets[0], CapacityLoad::Tokens, 60.0, kEnd);
        QVERIFY(std::abs(t.forecast.values[0] - 50.0) < 0.5);
        QVERIFY(!t.exceeds_at_s);
        // A model with a week of history says so.
        FakeSeriesSource young(3600);
        young.fill(other, kEnd - 7 * 86400, kEnd, [](int64_t) { return 2.0; });
        const CapacityForecast y = CapacityForecaster::forecast(
            young, {QStringLiteral("local"), QStringLiteral("qwen")}, CapacityLoad::Requests, std::nullopt, kEnd);
        QCOMPARE(y.forecast.model, ForecastModel::Daily);
        QVERIFY(y.forecast.note.contains(QStringLiteral("less than two weeks")));
        QVERIFY(!y.exceeds_at_s);
    }
};

QTEST_GUILESS_MAIN(TestCapacityForecast)
#include "tst_capacity_forecast.moc"
