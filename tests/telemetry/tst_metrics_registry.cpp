// MetricsRegistry: counters add, gauges set/add/clear, histograms count each
// observation in the first bucket whose bound is >= it (+Inf last) and sum them;
// label sets are separate series, the same labels give the same series; names,
// label names, counter suffixes, help, histogram bounds and duplicates are checked
// with a message naming the metric; past the cap new label sets share the
// __other__ series and are counted as dropped; updates from several threads at
// once lose nothing; collect() orders families by name and series by labels.
#include <QTest>

#include <optional>
#include <thread>

#include "telemetry/metrics_registry.h"

using namespace fyr::app::telemetry;

namespace {

std::optional<MetricFamilySnapshot> find(const std::vector<MetricFamilySnapshot>& families, const QString& name) {
    for (const auto& f : families)
        if (f.name == name) return f;
    return std::nullopt;
}

QStringList L(std::initializer_list<const char*> items) {
    QStringList out;
    for (const char* i : items) out << QString::fromLatin1(i);
    return out;
}

}  // namespace

class TestMetricsRegistry : public QObject {
    Q_OBJECT
private slots:
    void counterAdds() {
        MetricsRegistry r;
        QString error;
        CounterFamily f = r.counter(QStringLiteral("fyr:prompt_tokens_total"), QStringLiteral("Prompt tokens."),
                                    L({"model", "user"}), &error);
        QVERIFY2(f.isValid(), qPrintable(error));
        Counter a = f.labels(L({"llama", "ann"}));
        a.inc();
        a.inc(41);
        a.inc(0.5);
        QCOMPARE(a.value(), 42.5);
        // The same labels are the same series; other labels are another.
        QCOMPARE(f.labels(L({"llama", "ann"})).value(), 42.5);
        Counter b = f.labels(L({"llama", "bob"}));
        QCOMPARE(b.value(), 0.0);
        b.inc(3);
        QCOMPARE(a.value(), 42.5);
        QCOMPARE(b.value(), 3.0);
    }

    void gaugeSetsAddsAndClears() {
        MetricsRegistry r;
        Gauge g = r.gauge(QStringLiteral("fyr:num_requests_running"), QStringLiteral("Running.")).get();
        QVERIFY(g.isValid());
        QCOMPARE(g.value(), 0.0);
        g.set(5);
        g.inc();
        g.dec(2.5);
        QCOMPARE(g.value(), 3.5);
        g.set(-1);
        QCOMPARE(g.value(), -1.0);

        g.clear();
        QVERIFY(!g.isPresent());
        auto f = find(r.collect(), QStringLiteral("fyr:num_requests_running"));
        QVERIFY(f);
        QVERIFY(f->series.empty());
        g.set(7);
        f = find(r.collect(), QStringLiteral("fyr:num_requests_running"));
        QCOMPARE(f->series.size(), size_t(1));
        QCOMPARE(f->series[0].value, 7.0);
    }

    void histogramBuckets() {
        MetricsRegistry r;
        QString error;
        HistogramFamily f =
            r.histogram(QStringLiteral("fyr:ttft_seconds"), QStringLiteral("TTFT."), {0.1, 0.5, 1.0}, {}, &error);
        QVERIFY2(f.isValid(), qPrintable(error));
        Histogram h = f.get();
        // On a bound counts in that bucket (le is "less or equal").
        for (double v : {0.05, 0.1, 0.2, 0.5, 0.7, 1.0, 3.0, 1e9}) h.observe(v);
        h.observe(std::nan(""));  // ignored
        QCOMPARE(h.count(), uint64_t(8));
        QCOMPARE(h.sum(), 0.05 + 0.1 + 0.2 + 0.5 + 0.7 + 1.0 + 3.0 + 1e9);
        const auto s = find(r.collect(), QStringLiteral("fyr:ttft_seconds"));
        QVERIFY(s);
        QCOMPARE(s->bounds, (std::vector<double>{0.1, 0.5, 1.0}));
        QCOMPARE(s->series.size(), size_t(1));
        QCOMPARE(s->series[0].cumulativeCounts, (std::vector<uint64_t>{2, 4, 6, 8}));
        QCOMPARE(s->series[0].value, h.sum());
    }

    void histogramDropsATrailingInf() {
        MetricsRegistry r;
        auto f = r.histogram(QStringLiteral("h"), QStringLiteral("h."), {1.0, std::numeric_limits<double>::infinity()});
        QVERIFY(f.isValid());
        f.get().observe(2);
        const auto s = find(r.collect(), QStringLiteral("h"));
        QCOMPARE(s->bounds, std::vector<double>{1.0});
        QCOMPARE(s->series[0].cumulativeCounts, (std::vector<uint64_t>{0, 1}));
    }

    void refusedRegistrations_data() {
        QTest::addColumn<int>("type");  // 0 counter, 1 gauge, 2 histogram
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("help");
        QTest::addColumn<QStringList>("labels");
        QTest::addColumn<QString>("message");

        const QString help = QStringLiteral("Help.");
        QTest::newRow("empty name") << 1 << QString() << help << QStringList() << "is not a valid metric name";
        QTest::newRow("leading digit") << 1 << "1fyr" << help << QStringList() << "is not a valid metric name";
        QTest::newRow("dash") << 1 << "fyr:gpu-util" << help << QStringList() << "is not a valid metric name";
        QTest::newRow("space") << 1 << "fyr gpu" << help << QStringList() << "is not a valid metric name";
        QTest::newRow("non-ascii") << 1 << QString::fromUtf8("fyr:gpu_\xc3\xa5") << help << QStringList()
                                   << "is not a valid metric name";
        QTest::newRow("counter without _total") << 0 << "fyr:tokens" << help << QStringList() << "must end in _total";
        QTest::newRow("no help") << 1 << "fyr:g"
                                 << " " << QStringList() << "help text is empty";
        QTest::newRow("label with colon") << 1 << "fyr:g" << help << L({"a:b"}) << "is not a valid label name";
        QTest::newRow("label leading digit") << 1 << "fyr:g" << help << L({"0a"}) << "is not a valid label name";
        QTest::newRow("reserved label") << 1 << "fyr:g" << help << L({"__name"}) << "is not a valid label name";
        QTest::newRow("empty label") << 1 << "fyr:g" << help << QStringList{QString()} << "is not a valid label name";
        QTest::newRow("label twice") << 1 << "fyr:g" << help << L({"model", "model"}) << "is named twice";
        QTest::newRow("histogram le") << 2 << "fyr:h" << help << L({"le"}) << "cannot have a label named le";
    }

    void refusedRegistrations() {
        QFETCH(int, type);
        QFETCH(QString, name);
        QFETCH(QString, help);
        QFETCH(QStringList, labels);
        QFETCH(QString, message);
        MetricsRegistry r;
        QString error;
        bool valid = true;
        switch (type) {
            case 0: valid = r.counter(name, help, labels, &error).isValid(); break;
            case 1: valid = r.gauge(name, help, labels, &error).isValid(); break;
            default: valid = r.histogram(name, help, {1.0}, labels, &error).isValid(); break;
        }
        QVERIFY(!valid);
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(name.isEmpty() || error.contains(name), qPrintable(error));
        // Nothing was registered.
        QVERIFY(!find(r.collect(), name));
        // An invalid family's handles do nothing and read 0.
        Counter c = CounterFamily().get();
        c.inc(5);
        QCOMPARE(c.value(), 0.0);
        Histogram().observe(1);
        QCOMPARE(Histogram().count(), uint64_t(0));
    }

    void labelNamesThatAreFine() {
        MetricsRegistry r;
        QString error;
        QVERIFY2(r.gauge(QStringLiteral("_a:b_c9"), QStringLiteral("x"), L({"_x", "A9", "le"}), &error).isValid(),
                 qPrintable(error));
        QVERIFY(MetricsRegistry::isValidMetricName(QStringLiteral(":a")));
        QVERIFY(!MetricsRegistry::isValidLabelName(QStringLiteral(":a")));
    }

    void badBounds_data() {
        QTest::addColumn<std::vector<double>>("bounds");
        QTest::newRow("descending") << std::vector<double>{1.0, 0.5};
        QTest::newRow("repeated") << std::vector<double>{1.0, 1.0};
        QTest::newRow("nan") << std::vector<double>{std::nan("")};
        QTest::newRow("-inf") << std::vector<double>{-std::numeric_limits<double>::infinity(), 1.0};
        QTest::newRow("inf inside") << std::vector<double>{std::numeric_limits<double>::infinity(), 1.0};
    }

    void badBounds() {
        QFETCH(std::vector<double>, bounds);
        MetricsRegistry r;
        QString error;
        QVERIFY(!r.histogram(QStringLiteral("fyr:h"), QStringLiteral("h"), bounds, {}, &error).isValid());
        QVERIFY2(error.contains(QLatin1String("strictly increasing")), qPrintable(error));
    }

    void namesAreTakenOnce() {
        MetricsRegistry r;
        QString error;
        QVERIFY(r.histogram(QStringLiteral("fyr:lat"), QStringLiteral("h"), {1.0}).isValid());
        QVERIFY(!r.gauge(QStringLiteral("fyr:lat"), QStringLiteral("g"), {}, &error).isValid());
        QVERIFY2(error.contains(QLatin1String("already registered")), qPrintable(error));
        // A histogram's series names are taken too, both ways round.
        QVERIFY(!r.gauge(QStringLiteral("fyr:lat_sum"), QStringLiteral("g"), {}, &error).isValid());
        QVERIFY(r.counter(QStringLiteral("fyr:lat_count_total"), QStringLiteral("c")).isValid());
        QVERIFY(r.gauge(QStringLiteral("fyr:x_bucket"), QStringLiteral("g")).isValid());
        QVERIFY(!r.histogram(QStringLiteral("fyr:x"), QStringLiteral("h"), {1.0}, {}, &error).isValid());
        QVERIFY2(error.contains(QLatin1String("fyr:x_bucket")), qPrintable(error));
        QVERIFY(!r.counter(QString::fromLatin1(MetricsRegistry::kDroppedSeriesMetric), QStringLiteral("c")).isValid());
    }

    void labelCap() {
        MetricsRegistry r(3);
        QCOMPARE(r.maxSeriesPerMetric(), size_t(3));
        CounterFamily f = r.counter(QStringLiteral("fyr:requests_total"), QStringLiteral("Requests."), L({"user"}));
        for (const char* u : {"a", "b", "c"}) f.labels(L({u})).inc();
        // The fourth and fifth users go to __other__; known users keep their series.
        f.labels(L({"d"})).inc(10);
        f.labels(L({"e"})).inc(20);
        f.labels(L({"a"})).inc();
        Counter d = f.labels(L({"d"}));
        d.inc(100);
        QCOMPARE(d.value(), 130.0);
        QCOMPARE(f.labels(L({"a"})).value(), 2.0);

        const auto all = r.collect();
        const auto s = find(all, QStringLiteral("fyr:requests_total"));
        QVERIFY(s);
        QStringList seen;
        for (const auto& series : s->series) seen << series.labelValues.join(QLatin1Char(','));
        QCOMPARE(seen, L({"__other__", "a", "b", "c"}));
        QCOMPARE(s->series[0].value, 130.0);

        const auto dropped = find(all, QString::fromLatin1(MetricsRegistry::kDroppedSeriesMetric));
        QVERIFY(dropped);
        QCOMPARE(dropped->series.size(), size_t(1));
        QCOMPARE(dropped->series[0].labelValues, L({"fyr:requests_total"}));
        QCOMPARE(dropped->series[0].value, 3.0);  // d, e, d again
    }

    void capDoesNotGrowMemory() {
        MetricsRegistry r(10);
        GaugeFamily f = r.gauge(QStringLiteral("fyr:g"), QStringLiteral("g"), L({"endpoint"}));
        for (int i = 0; i < 5000; ++i) f.labels({QString::number(i)}).set(i);
        const auto s = find(r.collect(), QStringLiteral("fyr:g"));
        QCOMPARE(s->series.size(), size_t(11));  // 10 and __other__
    }

    void concurrentUpdatesAreExact() {
        MetricsRegistry r;
        CounterFamily counters = r.counter(QStringLiteral("fyr:c_total"), QStringLiteral("c"), L({"model"}));
        GaugeFamily gauges = r.gauge(QStringLiteral("fyr:g"), QStringLiteral("g"), L({"model"}));
        HistogramFamily hists = r.histogram(QStringLiteral("fyr:h"), QStringLiteral("h"), {1.0, 2.0}, L({"model"}));
        constexpr int kThreads = 8;
        constexpr int kPerThread = 20000;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                // Half the threads look the series up every time (the locked path),
                // half keep the handles (the lock-free path); each thread also
                // makes one series of its own while the others run.
                const QStringList shared = L({"shared"});
                const QStringList own{QStringLiteral("t%1").arg(t)};
                Counter c = counters.labels(shared);
                Gauge g = gauges.labels(shared);
                Histogram h = hists.labels(shared);
                for (int i = 0; i < kPerThread; ++i) {
                    if (t % 2) {
                        c = counters.labels(shared);
                        h = hists.labels(shared);
                    }
                    c.inc();
                    g.inc();
                    h.observe(i % 3 == 0 ? 0.5 : 1.5);
                    counters.labels(own).inc(2);
                }
            });
        }
        for (auto& t : threads) t.join();
        constexpr double kTotal = double(kThreads) * kPerThread;
        QCOMPARE(counters.labels(L({"shared"})).value(), kTotal);
        QCOMPARE(gauges.labels(L({"shared"})).value(), kTotal);
        Histogram h = hists.labels(L({"shared"}));
        QCOMPARE(h.count(), uint64_t(kTotal));
        const auto s = find(r.collect(), QStringLiteral("fyr:h"));
        const uint64_t low = uint64_t(kThreads) * ((kPerThread + 2) / 3);
        QCOMPARE(s->series[0].cumulativeCounts, (std::vector<uint64_t>{low, uint64_t(kTotal), uint64_t(kTotal)}));
        QCOMPARE(h.sum(), 0.5 * double(low) + 1.5 * (kTotal - double(low)));
        for (int t = 0; t < kThreads; ++t)
            QCOMPARE(counters.labels({QStringLiteral("t%1").arg(t)}).value(), 2.0 * kPerThread);
    }

    void collectIsOrdered() {
        MetricsRegistry r;
        r.gauge(QStringLiteral("zeta"), QStringLiteral("z"));
        GaugeFamily f = r.gauge(QStringLiteral("alpha"), QStringLiteral("a"), L({"k"}));
        r.counter(QStringLiteral("mid_total"), QStringLiteral("m"));
        for (const char* k : {"b", "a", "c"}) f.labels(L({k})).set(1);
        const auto all = r.collect();
        QStringList names;
        for (const auto& fam : all) names << fam.name;
        QCOMPARE(names, L({"alpha", "fyr:metric_series_dropped_total", "mid_total", "zeta"}));
        QStringList keys;
        for (const auto& s : all[0].series) keys << s.labelValues.first();
        QCOMPARE(keys, L({"a", "b", "c"}));
        // Families without labels are there (as 0) before any update; labelled
        // ones have no series until a label set is used.
        QCOMPARE(all[3].series.size(), size_t(1));
        QCOMPARE(all[1].series.size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestMetricsRegistry)
#include "tst_metrics_registry.moc"
