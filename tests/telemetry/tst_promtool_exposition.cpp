// Our Prometheus exposition as `promtool check metrics` sees it (Debian package
// prometheus): a registry with every kind of metric, awkward label values and
// help text passes, apart from promtool's lint against the colon of "fyr:",
// which Fyr's names keep on purpose (as vLLM's keep "vllm:"); so does Fyr's whole
// standard set, fed with requests and a sampler round. A file of its own
// so that where promtool is missing the SKIP hides no other test.
#include <QTest>

#include "exposition_check.h"
#include "telemetry/fyr_metrics.h"
#include "telemetry/prometheus_text.h"

using namespace fyr::app::telemetry;

class TestPromtoolExposition : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (fyr::tests::promtoolPath().isEmpty()) QSKIP("promtool not installed (Debian package prometheus)");
    }

    void brokenTextIsNoticed() {
        // So that a pass below means something.
        QVERIFY(!fyr::tests::promtoolProblems("# TYPE a gauge\na{x=\"1} 1\n").isEmpty());
    }

    void smallRegistry() {
        MetricsRegistry r(2);
        const QStringList modelUser{QStringLiteral("model"), QStringLiteral("user")};
        CounterFamily c =
            r.counter(QStringLiteral("fyr:requests_total"), QStringLiteral("Requests \\ answered.\n"), modelUser);
        c.labels({QStringLiteral("llama"), QStringLiteral("b\"o\\b\nx")}).inc();
        c.labels({QStringLiteral("llama"), QString::fromUtf8("bj\xc3\xb6rn")}).inc(3);
        c.labels({QStringLiteral("qwen"), QStringLiteral("carl")}).inc(2);  // past the cap: __other__
        r.gauge(QStringLiteral("fyr:kv_cache_usage_perc"), QStringLiteral("KV-cache use.")).get().set(0.25);
        HistogramFamily h = r.histogram(QStringLiteral("fyr:time_to_first_token_seconds"), QStringLiteral("TTFT."),
                                        {0.001, 0.1, 1.0, 2560.0}, {QStringLiteral("model")});
        for (double v : {0.0005, 0.5, 2.0, 1e6}) h.labels({QStringLiteral("llama")}).observe(v);
        r.histogram(QStringLiteral("fyr:unused_seconds"), QStringLiteral("Never observed."), {1.0}).get();

        const QByteArray text = PrometheusText::format(r.collect());
        const QStringList problems = fyr::tests::promtoolProblems(text);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n')) + QLatin1Char('\n') + text));
    }

    void standardSet() {
        MetricsRegistry r;
        FyrMetrics m(r);
        QVERIFY(m.errors().isEmpty());
        const QStringList req = FyrMetrics::requestLabels(QStringLiteral("llama"), QStringLiteral("ann"),
                                                          QStringLiteral("local"), QStringLiteral("cuda"));
        m.timeToFirstToken.labels(req).observe(0.183);
        m.timePerOutputToken.labels(req).observe(0.012);
        m.e2eRequestLatency.labels(req).observe(3.2);
        m.generationTokens.labels(req).inc(256);
        m.requestSuccess.labels(req + QStringList{QStringLiteral("stop")}).inc();
        m.guardVerdicts.labels({QStringLiteral("injection"), QStringLiteral("block")}).inc();
        TelemetrySnapshot snap;
        GpuSample g;
        g.backend = QStringLiteral("nvml");
        g.index = 0;
        g.gpuUtilPct = 90;
        g.memoryUsedBytes = 1ull << 30;
        g.powerW = 200;
        g.energyMj = 1000;
        snap.gpus = {g};
        SystemSample sys;
        sys.processRssBytes = 1ull << 28;
        snap.system = sys;
        m.recordProbes(snap);

        const QByteArray text = PrometheusText::format(r.collect());
        const QStringList problems = fyr::tests::promtoolProblems(text);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n')) + QLatin1Char('\n') + text));
    }
};

QTEST_GUILESS_MAIN(TestPromtoolExposition)
#include "tst_promtool_exposition.moc"
