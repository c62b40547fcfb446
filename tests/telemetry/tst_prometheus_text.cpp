// PrometheusText: a small registry written out byte for byte as expected
// (HELP/TYPE, counters, gauges, a labelled histogram with cumulative buckets,
// +Inf, _sum and _count, families by name, series by labels); label values
// escape backslash, quote and newline, help escapes backslash and newline;
// numbers in their shortest exact form; the same registry always gives the same
// text; the text passes our own shape check (tst_promtool_exposition has
// promtool's).
#include <QTest>

#include <limits>

#include "exposition_check.h"
#include "telemetry/prometheus_text.h"

using namespace fyr::app::telemetry;

namespace {

void fill(MetricsRegistry& r) {
    const QStringList modelUser{QStringLiteral("model"), QStringLiteral("user")};
    CounterFamily c = r.counter(QStringLiteral("fyr:requests_total"), QStringLiteral("Requests answered."), modelUser);
    c.labels({QStringLiteral("llama"), QStringLiteral("b\"o\\b\nx")}).inc();
    c.labels({QStringLiteral("llama"), QStringLiteral("ann")}).inc(3);
    c.labels({QStringLiteral("qwen"), QString::fromUtf8("bj\xc3\xb6rn")}).inc(2);
    r.gauge(QStringLiteral("fyr:kv_cache_usage_perc"), QStringLiteral("KV-cache use, 1 is full.\nA \\ and a \"."))
        .get()
        .set(0.25);
    HistogramFamily h = r.histogram(QStringLiteral("fyr:time_to_first_token_seconds"), QStringLiteral("TTFT."),
                                    {0.1, 1.0}, {QStringLiteral("model")});
    for (double v : {0.0625, 0.5, 2.0}) h.labels({QStringLiteral("llama")}).observe(v);
    r.histogram(QStringLiteral("fyr:unused_seconds"), QStringLiteral("Never observed."), {1.0}).get();
}

}  // namespace

class TestPrometheusText : public QObject {
    Q_OBJECT
private slots:
    void golden() {
        MetricsRegistry r;
        fill(r);
        const QByteArray expected = QByteArrayLiteral(
            "# HELP fyr:kv_cache_usage_perc KV-cache use, 1 is full.\\nA \\\\ and a \".\n"
            "# TYPE fyr:kv_cache_usage_perc gauge\n"
            "fyr:kv_cache_usage_perc 0.25\n"
            "# HELP fyr:metric_series_dropped_total Label sets refused because their metric already had the most "
            "series allowed; their updates went to the series labelled __other__.\n"
            "# TYPE fyr:metric_series_dropped_total counter\n"
            "# HELP fyr:requests_total Requests answered.\n"
            "# TYPE fyr:requests_total counter\n"
            "fyr:requests_total{model=\"llama\",user=\"ann\"} 3\n"
            "fyr:requests_total{model=\"llama\",user=\"b\\\"o\\\\b\\nx\"} 1\n"
            "fyr:requests_total{model=\"qwen\",user=\"bj\xc3\xb6rn\"} 2\n"
            "# HELP fyr:time_to_first_token_seconds TTFT.\n"
            "# TYPE fyr:time_to_first_token_seconds histogram\n"
            "fyr:time_to_first_token_seconds_bucket{model=\"llama\",le=\"0.1\"} 1\n"
            "fyr:time_to_first_token_seconds_bucket{model=\"llama\",le=\"1\"} 2\n"
            "fyr:time_to_first_token_seconds_bucket{model=\"llama\",le=\"+Inf\"} 3\n"
            "fyr:time_to_first_token_seconds_sum{model=\"llama\"} 2.5625\n"
            "fyr:time_to_first_token_seconds_count{model=\"llama\"} 3\n"
            "# HELP fyr:unused_seconds Never observed.\n"
            "# TYPE fyr:unused_seconds histogram\n"
            "fyr:unused_seconds_bucket{le=\"1\"} 0\n"
            "fyr:unused_seconds_bucket{le=\"+Inf\"} 0\n"
            "fyr:unused_seconds_sum 0\n"
            "fyr:unused_seconds_count 0\n");
        const QByteArray text = PrometheusText::format(r.collect());
        QCOMPARE(text, expected);
        // Stable: the same values give the same bytes.
        QCOMPARE(PrometheusText::format(r.collect()), text);
        const QStringList shape = fyr::tests::expositionShapeProblems(text);
        QVERIFY2(shape.isEmpty(), qPrintable(shape.join(QLatin1Char('\n'))));
    }

    void escaping_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("label");
        QTest::addColumn<QByteArray>("help");
        QTest::newRow("plain") << QStringLiteral("abc") << QByteArray("abc") << QByteArray("abc");
        QTest::newRow("backslash") << QStringLiteral("a\\b") << QByteArray("a\\\\b") << QByteArray("a\\\\b");
        QTest::newRow("quote") << QStringLiteral("a\"b") << QByteArray("a\\\"b") << QByteArray("a\"b");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QByteArray("a\\nb") << QByteArray("a\\nb");
        QTest::newRow("all") << QStringLiteral("\\\"\n\\n") << QByteArray("\\\\\\\"\\n\\\\n")
                             << QByteArray("\\\\\"\\n\\\\n");
        QTest::newRow("utf-8") << QString::fromUtf8("\xc3\xa5\xe2\x82\xac") << QByteArray("\xc3\xa5\xe2\x82\xac")
                               << QByteArray("\xc3\xa5\xe2\x82\xac");
        QTest::newRow("tab and cr kept") << QStringLiteral("a\tb\r") << QByteArray("a\tb\r") << QByteArray("a\tb\r");
    }

    void escaping() {
        QFETCH(QString, value);
        QFETCH(QByteArray, label);
        QFETCH(QByteArray, help);
        QCOMPARE(PrometheusText::escapeLabelValue(value), label);
        QCOMPARE(PrometheusText::escapeHelp(value), help);
    }

    void numbers_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("zero") << 0.0 << QByteArray("0");
        QTest::newRow("integer") << 42.0 << QByteArray("42");
        QTest::newRow("big integer") << 123456789012.0 << QByteArray("123456789012");
        QTest::newRow("tenth") << 0.1 << QByteArray("0.1");
        QTest::newRow("negative") << -2.5 << QByteArray("-2.5");
        QTest::newRow("tiny") << 1e-7 << QByteArray("1e-07");
        QTest::newRow("huge") << 1e21 << QByteArray("1e+21");
        QTest::newRow("+inf") << std::numeric_limits<double>::infinity() << QByteArray("+Inf");
        QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << QByteArray("-Inf");
        QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << QByteArray("NaN");
    }

    void numbers() {
        QFETCH(double, value);
        QFETCH(QByteArray, text);
        QCOMPARE(PrometheusText::formatNumber(value), text);
    }

    void shapeCheckCatchesMistakes() {
        // The shape check is what runs where promtool is missing; it must fail.
        using fyr::tests::expositionShapeProblems;
        QVERIFY(!expositionShapeProblems("# HELP a x\n# TYPE a gauge\nb 1\n").isEmpty());
        QVERIFY(!expositionShapeProblems("# HELP a x\n# TYPE a gauge\na{x=\"\n\"} 1\n").isEmpty());
        QVERIFY(!expositionShapeProblems("# HELP a x\n# TYPE a gauge\na 1").isEmpty());
        QVERIFY(!expositionShapeProblems("# TYPE a gauge\na 1\n").isEmpty());
        QVERIFY(!expositionShapeProblems("# HELP h x\n# TYPE h histogram\n"
                                         "h_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n")
                     .isEmpty());
        QVERIFY(!expositionShapeProblems("# HELP h x\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_sum 1\nh_count 2\n")
                     .isEmpty());
        QVERIFY(expositionShapeProblems("# HELP h x\n# TYPE h histogram\n"
                                        "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n")
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "tst_prometheus_text.moc"
