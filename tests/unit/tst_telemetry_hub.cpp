// The console's telemetry hub on the stand-in NVML: rounds land in the registry
// and the ring, the engine's figures are summed, the shipped rules raise an
// alert on a GPU scripted hot (with a clock that steps a second a round, so a
// minute passes in well under a second), acknowledge reaches the manager, and
// stop() joins.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// The rounds reach this thread queued, as events of the hub: the connections
// take the hub as their context so that none outlives it.

#include <atomic>
#include <memory>

#include "core/resources.h"
#include "services/telemetry_hub.h"

using fyr::app::TelemetryHub;
using fyr::app::TelemetryHubOptions;
using fyr::app::TelemetryHubSample;
using namespace fyr::app::telemetry;

namespace {

const QByteArray kHotGpu =
    "devices=1\n"
    "0.name=NVIDIA H100 80GB HBM3\n"
    "0.util.gpu=73\n"
    "0.util.memory=20\n"
    "0.memory.total=85520809984\n"
    "0.memory.used=42760404992\n"
    "0.temperature=95\n"
    "0.power_mw=512000\n"
    "0.power_limit_mw=700000\n";

std::optional<double> gaugeValue(const MetricsRegistry& registry, const QString& name) {
    for (const MetricFamilySnapshot& f : registry.collect())
        if (f.name == name && !f.series.empty()) return f.series.front().value;
    return std::nullopt;
}

}  // namespace

class TestTelemetryHub : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::atomic<int64_t> m_clock{1700000000};

    void script(const QByteArray& text) {
        const QString path = m_dir.filePath(QStringLiteral("nvml.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        qputenv("FYR_FAKE_NVML_SCRIPT", QFile::encodeName(path));
    }

    TelemetryHubOptions options(const QString& nvml = QStringLiteral(FYR_FAKE_NVML)) {
        TelemetryHubOptions o;
        o.nvmlLibrary = nvml;
        o.sysfsRoot = m_dir.path();  // no AMD GPU, no /proc: only the stand-in
        o.interval = std::chrono::milliseconds(5);
        o.clock = [this] { return m_clock.fetch_add(1); };
        return o;
    }

private slots:
    void initTestCase() {
        fyr::app::initResources();
        QVERIFY(m_dir.isValid());
    }

    void shippedRulesLoad() {
        script(kHotGpu);
        TelemetryHub hub(options());
        QVERIFY2(hub.configErrors().isEmpty(), qPrintable(hub.configErrors().join(QLatin1Char('\n'))));
        TelemetryHubOptions broken = options();
        broken.configFiles = {QStringLiteral("/nonexistent/alert_rules.json")};
        TelemetryHub without(broken);
        QCOMPARE(without.configErrors().size(), 1);
        QVERIFY(without.configErrors().front().contains(QStringLiteral("/nonexistent/alert_rules.json")));
    }

    void roundsLandInRegistryAndRing() {
        script(kHotGpu);
        TelemetryHub hub(options());
        int rounds = 0;
        TelemetryHubSample last;
        connect(&hub, &TelemetryHub::sampled, &hub, [&](const TelemetryHubSample& s) {
            ++rounds;
            last = s;
        });
        hub.start();
        QVERIFY(hub.isRunning());
        QTRY_VERIFY(rounds >= 5);  // queued into this thread
        hub.stop();

        QCOMPARE(last.probes.gpus.size(), size_t(1));
        QCOMPARE(last.probes.gpus[0].name, QStringLiteral("NVIDIA H100 80GB HBM3"));
        QCOMPARE(last.probes.gpus[0].gpuUtilPct.value_or(0), 73u);
        QVERIFY(last.time_s > 1700000000);
        QCOMPARE(hub.nowSeconds(), hub.latest().time_s);

        QCOMPARE(gaugeValue(hub.registry(), QStringLiteral("fyr:gpu_utilization_ratio")).value_or(-1), 0.73);
        QCOMPARE(gaugeValue(hub.registry(), QStringLiteral("fyr:gpu_temperature_celsius")).value_or(-1), 95.0);

        const SeriesKey key = SeriesKey::make(QStringLiteral("fyr:gpu_utilization_ratio"),
                                              {QStringLiteral("backend"), QStringLiteral("gpu")},
                                              {QStringLiteral("nvml"), QStringLiteral("0")});
        const int64_t now = hub.nowSeconds();
        const auto points = hub.series().read(key, now - 300, now + 1);
        QVERIFY(points.size() >= 5);
        const auto ranges = hub.range(QStringLiteral("fyr:gpu_utilization_ratio"), now - 300, now + 1);
        QCOMPARE(ranges.size(), size_t(1));
        QCOMPARE(ranges[0].points.size(), points.size());
        QCOMPARE(ranges[0].points.back().mean, 0.73);
        QVERIFY(hub.range(QStringLiteral("fyr:gpu_utilization_ratio"), now - 3600, now + 1, 100)[0].points.size() <=
                100);
    }

    void missingNvmlSaysWhy() {
        TelemetryHub hub(options(QStringLiteral("/nonexistent/libnvidia-ml.so.1")));
        int rounds = 0;
        TelemetryHubSample last;
        connect(&hub, &TelemetryHub::sampled, &hub, [&](const TelemetryHubSample& s) {
            ++rounds;
            last = s;
        });
        hub.start();
        QTRY_VERIFY(rounds >= 1);
        hub.stop();
        QVERIFY(last.probes.gpus.empty());
        QVERIFY2(last.probes.unavailable.join(QLatin1Char('\n')).contains(QStringLiteral("/nonexistent/libnvidia-ml")),
                 qPrintable(last.probes.unavailable.join(QLatin1Char('\n'))));
    }

    void engineFigures() {
        script(kHotGpu);
        TelemetryHub hub(options());
        FyrMetrics& m = hub.metrics();
        const QStringList engine{QStringLiteral("llama"), QStringLiteral("cpu")};
        m.numRequestsRunning.labels(engine).set(2);
        m.numRequestsWaiting.labels(engine).set(3);
        m.kvCacheUsage.labels(engine).set(0.25);
        m.memoryBandwidthAchieved.labels(engine).set(8e11);
        m.memoryBandwidthRatio.labels(engine).set(0.24);
        const QStringList labels = FyrMetrics::requestLabels(QStringLiteral("llama"), QStringLiteral("ada"),
                                                             QStringLiteral("local"), QStringLiteral("cpu"));
        for (int i = 0; i < 100; ++i) m.timeToFirstToken.labels(labels).observe(i < 90 ? 0.3 : 3.0);
        int rounds = 0;
        TelemetryHubSample last;
        connect(&hub, &TelemetryHub::sampled, &hub, [&](const TelemetryHubSample& s) {
            ++rounds;
            last = s;
            m.generationTokens.labels(labels).inc(40);  // 40 tokens a (simulated) second
        });
        hub.start();
        QTRY_VERIFY(rounds >= 5);
        hub.stop();
        QCOMPARE(last.engine.requestsRunning, 2.0);
        QCOMPARE(last.engine.requestsWaiting, 3.0);
        QCOMPARE(last.engine.kvCacheUsage.value_or(-1), 0.25);
        QCOMPARE(last.engine.answers5m, uint64_t(100));
        QCOMPARE(last.engine.bandwidthBytesPerSecond.value_or(-1), 8e11);
        QCOMPARE(last.engine.bandwidthRatio.value_or(-1), 0.24);
        // Ten answers in the 2.5..5 s bucket hold the 95th: 2.5 + 2.5 × 5/10.
        QVERIFY(last.engine.ttftP95_s);
        QCOMPARE(*last.engine.ttftP95_s, 3.75);
        // The queued increments trail the rounds: at most one per round.
        QVERIFY2(last.engine.tokensPerSecond >= 0.0 && last.engine.tokensPerSecond <= 80.0,
                 qPrintable(QString::number(last.engine.tokensPerSecond)));
    }

    void quantileOfBuckets_data() {
        QTest::addColumn<double>("q");
        QTest::addColumn<std::vector<uint64_t>>("older");
        QTest::addColumn<std::vector<uint64_t>>("newer");
        QTest::addColumn<double>("expected");
        // bounds 1 2 4; rows: <=1, <=2, <=4, +Inf
        QTest::newRow("first bucket") << 0.5 << std::vector<uint64_t>{0, 0, 0, 0}
                                      << std::vector<uint64_t>{10, 10, 10, 10} << 0.5;
        QTest::newRow("third bucket") << 0.95 << std::vector<uint64_t>{0, 0, 0, 0}
                                      << std::vector<uint64_t>{0, 10, 20, 20} << 3.8;
        QTest::newRow("window only") << 0.5 << std::vector<uint64_t>{10, 10, 10, 10}
                                     << std::vector<uint64_t>{10, 20, 20, 20} << 1.5;
        QTest::newRow("+Inf") << 0.99 << std::vector<uint64_t>{0, 0, 0, 0} << std::vector<uint64_t>{0, 0, 0, 5}
                              << 4.0;
    }
    void quantileOfBuckets() {
        QFETCH(double, q);
        QFETCH(std::vector<uint64_t>, older);
        QFETCH(std::vector<uint64_t>, newer);
        QFETCH(double, expected);
        const auto v = TelemetryHub::quantile(q, {1.0, 2.0, 4.0}, older, newer);
        QVERIFY(v);
        QCOMPARE(*v, expected);
    }
    void quantileWithoutObservations() {
        QVERIFY(!TelemetryHub::quantile(0.95, {1.0}, {3, 3}, {3, 3}));
    }

    void hotGpuRaisesAlertAndAcknowledge() {
        script(kHotGpu);
        TelemetryHub hub(options());
        QList<AlertEvent> events;
        connect(&hub, &TelemetryHub::alertChanged, &hub, [&](const AlertEvent& e) { events.append(e); });
        hub.start();
        // gpu-too-hot: above 90 °C over 30 s, for a minute: some 90 rounds.
        auto opened = [&]() -> std::optional<Alert> {
            for (const AlertEvent& e : std::as_const(events))
                if (e.change == AlertChange::Opened && e.alert.rule == QStringLiteral("gpu-too-hot")) return e.alert;
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(opened().has_value(), 20000);
        const Alert alert = *opened();
        QCOMPARE(alert.labels, QStringLiteral("backend=\"nvml\",gpu=\"0\""));
        QVERIFY(!alert.runbook.isEmpty());
        QVERIFY(hub.acknowledge(alert.id, QStringLiteral("operator")));
        QTRY_VERIFY(std::any_of(events.cbegin(), events.cend(), [&](const AlertEvent& e) {
            return e.change == AlertChange::Acknowledged && e.alert.id == alert.id;
        }));
        hub.stop();
        bool acknowledged = false;
        for (const Alert& a : hub.alerts().active())
            if (a.id == alert.id) acknowledged = a.isAcknowledged() && a.acknowledged_by == QStringLiteral("operator");
        QVERIFY(acknowledged);
    }

    void stopJoins() {
        script(kHotGpu);
        TelemetryHub hub(options());
        int rounds = 0;
        connect(&hub, &TelemetryHub::sampled, &hub, [&](const TelemetryHubSample&) { ++rounds; });
        hub.start();
        QTRY_VERIFY(rounds >= 2);
        hub.stop();
        QVERIFY(!hub.isRunning());
        const uint64_t sequence = hub.latest().probes.sequence;
        QCoreApplication::processEvents();  // the queued rounds emitted before stop()
        const int seen = rounds;
        QTest::qWait(50);
        QCOMPARE(rounds, seen);
        QCOMPARE(hub.latest().probes.sequence, sequence);
        hub.stop();  // twice is fine
        hub.start();  // and it starts again
        QTRY_VERIFY(rounds > seen);
    }  // the destructor joins the running sampler
};

QTEST_GUILESS_MAIN(TestTelemetryHub)
#include "tst_telemetry_hub.moc"
