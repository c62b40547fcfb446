// FyrMetrics: the whole standard set registers on a fresh registry (and a second
// time only with an error per name); documented buckets are increasing; a
// sampler round sets the GPU and host gauges in base units (ratios, bytes, hertz,
// bytes per second), a field not reported is cleared, a lost GPU reads gpu_up 0
// and nothing else; energy counts the differences of the driver's total from the
// second round and restarts its baseline when the total goes backwards; the
// exposition of a fed registry has the expected shape.
#include <QTest>

#include "exposition_check.h"
#include "telemetry/fyr_metrics.h"
#include "telemetry/prometheus_text.h"

using namespace fyr::app::telemetry;

namespace {

const QStringList kGpu0{QStringLiteral("nvml"), QStringLiteral("0")};

GpuSample fullSample() {
    GpuSample s;
    s.backend = QStringLiteral("nvml");
    s.index = 0;
    s.name = QStringLiteral("Test GPU");
    s.gpuUtilPct = 87;
    s.memoryUtilPct = 40;
    s.memoryUsedBytes = 6ull << 30;
    s.memoryTotalBytes = 24ull << 30;
    s.temperatureC = 61.5;
    s.powerW = 250.25;
    s.powerLimitW = 300;
    s.smClockMhz = 1980;
    s.memoryClockMhz = 10501;
    s.pcieRxKBps = 1500;
    s.pcieTxKBps = 20;
    s.fanPct = 55;
    s.energyMj = 1'000'000;
    return s;
}

void feedRequests(FyrMetrics& m) {
    const QStringList r = FyrMetrics::requestLabels(QStringLiteral("llama"), QStringLiteral("ann"),
                                                    QStringLiteral("local"), QStringLiteral("cuda"));
    m.timeToFirstToken.labels(r).observe(0.183);
    m.timePerOutputToken.labels(r).observe(0.012);
    m.e2eRequestLatency.labels(r).observe(3.2);
    m.requestQueueTime.labels(r).observe(0.01);
    m.promptTokens.labels(r).inc(120);
    m.generationTokens.labels(r).inc(256);
    m.requestSuccess.labels(r + QStringList{QStringLiteral("stop")}).inc();
    m.requestRejections.labels({QStringLiteral("llama"), QStringLiteral("quota")}).inc();
    m.numRequestsRunning.labels({QStringLiteral("llama"), QStringLiteral("cuda")}).set(3);
    m.kvCacheUsage.labels({QStringLiteral("llama"), QStringLiteral("cuda")}).set(0.42);
    m.guardVerdicts.labels({QStringLiteral("injection"), QStringLiteral("block")}).inc();
    m.specDecodeAcceptance.labels({QStringLiteral("llama")}).set(0.7);
}

}  // namespace

class TestFyrMetrics : public QObject {
    Q_OBJECT
private slots:
    void registersEverything() {
        MetricsRegistry r;
        FyrMetrics m(r);
        QVERIFY2(m.errors().isEmpty(), qPrintable(m.errors().join(QLatin1Char('\n'))));
        const auto families = r.collect();
        QCOMPARE(families.size(), size_t(47));  // 46 and fyr:metric_series_dropped_total
        for (const auto& f : families) {
            QVERIFY2(f.name.startsWith(QLatin1String("fyr:")), qPrintable(f.name));
            if (f.type == MetricType::Counter) QVERIFY(f.name.endsWith(QLatin1String("_total")));
        }
        QVERIFY(m.timeToFirstToken.isValid());
        QVERIFY(m.gpuEnergy.isValid());
        QVERIFY(m.processThreads.isValid());
        // The same set again on the same registry: every name is taken.
        FyrMetrics again(r);
        QCOMPARE(qsizetype(again.errors().size()), qsizetype(families.size() - 1));  // all but dropped_total
        QVERIFY(again.errors().first().contains(QLatin1String("already registered")));
    }

    void bucketsAreIncreasing() {
        for (const auto& b : {FyrMetrics::timeToFirstTokenBuckets(), FyrMetrics::timePerOutputTokenBuckets(),
                              FyrMetrics::requestLatencyBuckets(), FyrMetrics::guardTimeBuckets(),
                              FyrMetrics::stepTokenBuckets(), FyrMetrics::stepRequestBuckets()}) {
            QVERIFY(!b.empty());
            QVERIFY(std::is_sorted(b.begin(), b.end()));
            QVERIFY(std::adjacent_find(b.begin(), b.end()) == b.end());
        }
        QCOMPARE(FyrMetrics::timeToFirstTokenBuckets().size(), size_t(22));
        QCOMPARE(FyrMetrics::timeToFirstTokenBuckets().back(), 2560.0);
    }

    void gpuGauges() {
        MetricsRegistry r;
        FyrMetrics m(r);
        TelemetrySnapshot snap;
        snap.gpus.push_back(fullSample());
        snap.unavailable << QStringLiteral("no amdgpu");
        m.recordProbes(snap);
        QCOMPARE(m.gpuUp.labels(kGpu0).value(), 1.0);
        QCOMPARE(m.gpuUtilization.labels(kGpu0).value(), 0.87);
        QCOMPARE(m.gpuMemoryUtilization.labels(kGpu0).value(), 0.40);
        QCOMPARE(m.gpuMemoryUsed.labels(kGpu0).value(), double(6ull << 30));
        QCOMPARE(m.gpuMemoryTotal.labels(kGpu0).value(), double(24ull << 30));
        QCOMPARE(m.gpuTemperature.labels(kGpu0).value(), 61.5);
        QCOMPARE(m.gpuPower.labels(kGpu0).value(), 250.25);
        QCOMPARE(m.gpuPowerLimit.labels(kGpu0).value(), 300.0);
        QCOMPARE(m.gpuSmClock.labels(kGpu0).value(), 1.98e9);
        QCOMPARE(m.gpuMemoryClock.labels(kGpu0).value(), 10.501e9);
        QCOMPARE(m.gpuPcieRx.labels(kGpu0).value(), 1.5e6);
        QCOMPARE(m.gpuPcieTx.labels(kGpu0).value(), 20e3);
        QCOMPARE(m.gpuFan.labels(kGpu0).value(), 0.55);
        QCOMPARE(m.probesUnavailable.get().value(), 1.0);

        // A field the next round lacks is cleared, not left stale.
        GpuSample partial = fullSample();
        partial.fanPct.reset();
        partial.powerW.reset();
        snap.gpus = {partial};
        m.recordProbes(snap);
        QVERIFY(!m.gpuFan.labels(kGpu0).isPresent());
        QVERIFY(!m.gpuPower.labels(kGpu0).isPresent());
        QVERIFY(m.gpuTemperature.labels(kGpu0).isPresent());

        // A lost GPU: gpu_up 0 and no other reading.
        GpuSample lost;
        lost.backend = QStringLiteral("nvml");
        lost.index = 0;
        lost.lost = true;
        snap.gpus = {lost};
        m.recordProbes(snap);
        QCOMPARE(m.gpuUp.labels(kGpu0).value(), 0.0);
        for (const GaugeFamily* g : {&m.gpuUtilization, &m.gpuMemoryUsed, &m.gpuTemperature, &m.gpuSmClock})
            QVERIFY(!g->labels(kGpu0).isPresent());
        const QByteArray text = PrometheusText::format(r.collect());
        QVERIFY(text.contains("fyr:gpu_up{backend=\"nvml\",gpu=\"0\"} 0\n"));
        QVERIFY(!text.contains("fyr:gpu_temperature_celsius{"));
    }

    void energyFromDifferences() {
        MetricsRegistry r;
        FyrMetrics m(r);
        TelemetrySnapshot snap;
        GpuSample s = fullSample();
        auto round = [&](std::optional<uint64_t> mj) {
            s.energyMj = mj;
            snap.gpus = {s};
            m.recordProbes(snap);
            return m.gpuEnergy.labels(kGpu0).value();
        };
        QCOMPARE(round(1'000'000), 0.0);    // the first reading is the baseline
        QCOMPARE(round(1'250'500), 250.5);  // millijoules -> joules
        QCOMPARE(round(1'250'500), 250.5);
        QCOMPARE(round(1'000), 250.5);  // went backwards: a new baseline
        QCOMPARE(round(3'000), 252.5);
        QCOMPARE(round(std::nullopt), 252.5);  // not reported: no change, baseline forgotten
        QCOMPARE(round(10'000), 252.5);
        QCOMPARE(round(11'000), 253.5);
    }

    // Energy per token: the GPU's joules over a round divided by the tokens
    // generated in it; nothing for a round without tokens or without a baseline.
    void energyPerToken() {
        MetricsRegistry r;
        FyrMetrics m(r);
        TelemetrySnapshot snap;
        GpuSample s = fullSample();
        const Gauge perToken = m.energyPerToken.labels(kGpu0);
        auto round = [&](uint64_t mj, uint64_t tokens) {
            m.noteGeneratedTokens(tokens);
            s.energyMj = mj;
            snap.gpus = {s};
            m.recordProbes(snap);
        };
        round(1'000'000, 50);  // the baseline: no interval yet
        QVERIFY(!perToken.isPresent());
        round(1'100'000, 200);  // 100 J over 200 tokens
        QVERIFY(perToken.isPresent());
        QCOMPARE(perToken.value(), 0.5);
        round(1'150'000, 0);  // idle: energy, no tokens
        QVERIFY(!perToken.isPresent());
        round(1'190'000, 10);
        QCOMPARE(perToken.value(), 4.0);
    }

    void hostGauges() {
        MetricsRegistry r;
        FyrMetrics m(r);
        // Nothing is shown for the host before a round reports it.
        QVERIFY(!m.processResidentMemory.get().isPresent());
        TelemetrySnapshot snap;
        SystemSample sys;
        sys.ramTotalBytes = 64ull << 30;
        sys.ramAvailableBytes = 40ull << 30;
        sys.processRssBytes = 300ull << 20;
        sys.processThreads = 17;
        snap.system = sys;
        m.recordProbes(snap);
        QVERIFY(!m.cpuUtilization.get().isPresent());  // the first sample has no CPU reading
        QCOMPARE(m.systemMemoryTotal.get().value(), double(64ull << 30));
        QCOMPARE(m.systemMemoryAvailable.get().value(), double(40ull << 30));
        QCOMPARE(m.processResidentMemory.get().value(), double(300ull << 20));
        QCOMPARE(m.processThreads.get().value(), 17.0);
        sys.cpuUtilPct = 12.5;
        snap.system = sys;
        m.recordProbes(snap);
        QCOMPARE(m.cpuUtilization.get().value(), 0.125);
    }

    void fullExpositionHasTheShape() {
        MetricsRegistry r;
        FyrMetrics m(r);
        feedRequests(m);
        TelemetrySnapshot snap;
        snap.gpus.push_back(fullSample());
        snap.system = SystemSample{};
        m.recordProbes(snap);
        const QByteArray text = PrometheusText::format(r.collect());
        const QStringList problems = fyr::tests::expositionShapeProblems(text);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(text.contains("# TYPE fyr:time_to_first_token_seconds histogram\n"));
        QVERIFY(
            text.contains("fyr:time_to_first_token_seconds_bucket{model=\"llama\",user=\"ann\",endpoint=\"local\","
                          "backend=\"cuda\",le=\"0.25\"} 1\n"));
        QVERIFY(
            text.contains("fyr:generation_tokens_total{model=\"llama\",user=\"ann\",endpoint=\"local\","
                          "backend=\"cuda\"} 256\n"));
        QVERIFY(text.contains("fyr:gpu_utilization_ratio{backend=\"nvml\",gpu=\"0\"} 0.87\n"));
    }
};

QTEST_GUILESS_MAIN(TestFyrMetrics)
#include "tst_fyr_metrics.moc"
