// SeriesFeeder: a real registry fed at seconds the test chooses (no sleeping):
// gauges as they are; counters as rates per second, a reset counted from zero;
// histograms as observations per second and the mean of the new ones, nothing
// for a second without any; baselines for new series and a clock that goes back.
#include <QTest>

#include "telemetry/series_feeder.h"

using namespace fyr::app::telemetry;

namespace {

constexpr int64_t kT0 = 1700000000;

// The single point of a series at second t, or NaN when there is none.
double at(const TimeSeriesBuffer& buffer, const SeriesKey& key, int64_t t) {
    const auto points = buffer.read(key, t, t + 1);
    return points.size() == 1 ? points.front().value : std::nan("");
}

SeriesKey key(const char* name, const char* labels = "") {
    return SeriesKey{QString::fromLatin1(name), QString::fromLatin1(labels)};
}

MetricFamilySnapshot counter(double value) {
    MetricFamilySnapshot f;
    f.name = QStringLiteral("fyr:things_total");
    f.type = MetricType::Counter;
    f.series.push_back({{}, value, {}});
    return f;
}

}  // namespace

class TestSeriesFeeder : public QObject {
    Q_OBJECT
private slots:
    void gauges() {
        MetricsRegistry registry;
        const GaugeFamily temp = registry.gauge(QStringLiteral("fyr:gpu_temperature_celsius"),
                                                QStringLiteral("Temperature."), {QStringLiteral("gpu")});
        TimeSeriesBuffer buffer;
        SeriesFeeder feeder(buffer);
        temp.labels({QStringLiteral("0")}).set(61.5);
        temp.labels({QStringLiteral("1")}).set(-3.0);
        QCOMPARE(feeder.feed(registry, kT0), size_t{2});
        QCOMPARE(at(buffer, key("fyr:gpu_temperature_celsius", "gpu=\"0\""), kT0), 61.5);
        QCOMPARE(at(buffer, key("fyr:gpu_temperature_celsius", "gpu=\"1\""), kT0), -3.0);

        temp.labels({QStringLiteral("1")}).clear();
        QCOMPARE(feeder.feed(registry, kT0 + 1), size_t{1});
        QVERIFY(std::isnan(at(buffer, key("fyr:gpu_temperature_celsius", "gpu=\"1\""), kT0 + 1)));
    }

    void counterRates() {
        MetricsRegistry registry;
        const Counter tokens = registry
                                   .counter(QStringLiteral("fyr:generation_tokens_total"), QStringLiteral("Tokens."),
                                            {QStringLiteral("model")})
                                   .labels({QStringLiteral("llama")});
        const SeriesKey k = key("fyr:generation_tokens_total", "model=\"llama\"");
        TimeSeriesBuffer buffer;
        SeriesFeeder feeder(buffer);

        tokens.inc(100);
        feeder.feed(registry, kT0);  // a baseline only
        QVERIFY(std::isnan(at(buffer, k, kT0)));

        tokens.inc(30);
        feeder.feed(registry, kT0 + 1);
        QCOMPARE(at(buffer, k, kT0 + 1), 30.0);

        feeder.feed(registry, kT0 + 2);  // nothing new: a rate of 0, not a gap
        QCOMPARE(at(buffer, k, kT0 + 2), 0.0);

        tokens.inc(50);
        feeder.feed(registry, kT0 + 7);  // a late round: the rate over the 5 s
        QCOMPARE(at(buffer, k, kT0 + 7), 10.0);
    }

    void counterReset() {
        TimeSeriesBuffer buffer;
        SeriesFeeder feeder(buffer);
        const SeriesKey k = key("fyr:things_total");
        feeder.feed({counter(500)}, kT0);
        feeder.feed({counter(520)}, kT0 + 1);
        QCOMPARE(at(buffer, k, kT0 + 1), 20.0);
        // The process restarted and counted 8 since: 8 over the 2 s, not -512.
        feeder.feed({counter(8)}, kT0 + 3);
        QCOMPARE(at(buffer, k, kT0 + 3), 4.0);
        feeder.feed({counter(18)}, kT0 + 4);
        QCOMPARE(at(buffer, k, kT0 + 4), 10.0);
    }

    void baselines() {
        TimeSeriesBuffer buffer;
        SeriesFeeder feeder(buffer);
        const SeriesKey k = key("fyr:things_total");
        feeder.feed({counter(10)}, kT0);
        // The same second again: no point, and the first baseline stays.
        QCOMPARE(feeder.feed({counter(15)}, kT0), size_t{0});
        feeder.feed({counter(20)}, kT0 + 2);
        QCOMPARE(at(buffer, k, kT0 + 2), 5.0);
        // The clock went back: a new baseline, nothing appended.
        QCOMPARE(feeder.feed({counter(30)}, kT0 - 10), size_t{0});
        feeder.feed({counter(33)}, kT0 - 9);
        QCOMPARE(at(buffer, k, kT0 - 9), 3.0);
        // A series missing from a snapshot is forgotten: its return is a baseline.
        feeder.feed(std::vector<MetricFamilySnapshot>{}, kT0 - 8);
        QCOMPARE(feeder.feed({counter(40)}, kT0 - 7), size_t{0});
        QCOMPARE(feeder.feed({counter(41)}, kT0 - 6), size_t{1});
    }

    void histograms() {
        MetricsRegistry registry;
        const Histogram ttft = registry
                                   .histogram(QStringLiteral("fyr:time_to_first_token_seconds"),
                                              QStringLiteral("TTFT."), {0.1, 1.0}, {QStringLiteral("model")})
                                   .labels({QStringLiteral("llama")});
        const SeriesKey count = key("fyr:time_to_first_token_seconds_count", "model=\"llama\"");
        const SeriesKey mean = key("fyr:time_to_first_token_seconds_mean", "model=\"llama\"");
        QCOMPARE(SeriesFeeder::countName(QStringLiteral("fyr:time_to_first_token_seconds")), count.name);
        QCOMPARE(SeriesFeeder::meanName(QStringLiteral("fyr:time_to_first_token_seconds")), mean.name);
        TimeSeriesBuffer buffer;
        SeriesFeeder feeder(buffer);

        ttft.observe(5.0);
        QCOMPARE(feeder.feed(registry, kT0), size_t{0});  // a baseline only

        ttft.observe(0.25);
        ttft.observe(0.75);
        QCOMPARE(feeder.feed(registry, kT0 + 1), size_t{2});
        QCOMPARE(at(buffer, count, kT0 + 1), 2.0);
        QCOMPARE(at(buffer, mean, kT0 + 1), 0.5);  // not (5 + 0.25 + 0.75) / 3

        // No new observations: 0 per second, and no mean at all.
        QCOMPARE(feeder.feed(registry, kT0 + 2), size_t{1});
        QCOMPARE(at(buffer, count, kT0 + 2), 0.0);
        QVERIFY(std::isnan(at(buffer, mean, kT0 + 2)));

        for (int i = 0; i < 6; ++i) ttft.observe(0.125);
        QCOMPARE(feeder.feed(registry, kT0 + 4), size_t{2});
        QCOMPARE(at(buffer, count, kT0 + 4), 3.0);
        QCOMPARE(at(buffer, mean, kT0 + 4), 0.125);
    }

    void histogramReset() {
        MetricFamilySnapshot h;
        h.name = QStringLiteral("fyr:latency_seconds");
        h.type = MetricType::Histogram;
        h.bounds = {1.0};
        h.series.push_back({{}, 40.0, {10, 20}});  // sum 40 over 20 observations
        TimeSeriesBuffer buffer;
        SeriesFeeder feeder(buffer);
        feeder.feed({h}, kT0);
        h.series[0] = {{}, 6.0, {1, 4}};  // restarted: 4 observations summing to 6
        QCOMPARE(feeder.feed({h}, kT0 + 2), size_t{2});
        QCOMPARE(at(buffer, key("fyr:latency_seconds_count"), kT0 + 2), 2.0);
        QCOMPARE(at(buffer, key("fyr:latency_seconds_mean"), kT0 + 2), 1.5);
    }

    void cap() {
        TimeSeriesBuffer buffer(1);
        SeriesFeeder feeder(buffer);
        MetricFamilySnapshot g;
        g.name = QStringLiteral("fyr:g");
        g.type = MetricType::Gauge;
        g.labelNames = {QStringLiteral("i")};
        g.series = {{{QStringLiteral("a")}, 1.0, {}}, {{QStringLiteral("b")}, 2.0, {}}};
        QCOMPARE(feeder.feed({g}, kT0), size_t{1});
        QCOMPARE(buffer.refusedSeries(), uint64_t{1});
    }
};

QTEST_GUILESS_MAIN(TestSeriesFeeder)
#include "tst_series_feeder.moc"
