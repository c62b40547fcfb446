// SeriesKey and TimeSeriesBuffer: labels in one canonical, escaped, sorted form
// that parses back; a ring keeps exactly the last hour and wraps around without
// showing hour-old values in a gap; the series cap refuses (and counts) new series
// but lets a new one take the place of one with nothing left in its hour; appends
// from one thread and reads from others at once see whole, ordered points.
#include <QTest>

#include <atomic>
#include <cmath>
#include <thread>

#include "telemetry/time_series_buffer.h"

using namespace fyr::app::telemetry;

namespace {

constexpr int64_t kT0 = 1700000000;  // a Unix second, 2023-11-14T22:13:20Z

SeriesKey key(const char* name, const char* gpu = nullptr) {
    if (!gpu) return SeriesKey{QString::fromLatin1(name), QString()};
    return SeriesKey::make(QString::fromLatin1(name), {QStringLiteral("gpu")}, {QString::fromLatin1(gpu)});
}

}  // namespace

class TestTimeSeriesBuffer : public QObject {
    Q_OBJECT
private slots:
    void canonicalLabels() {
        const SeriesKey k = SeriesKey::make(QStringLiteral("m"), {QStringLiteral("user"), QStringLiteral("backend")},
                                            {QStringLiteral("a\"b\\c\nd,e"), QStringLiteral("nvml")});
        QCOMPARE(k.labels, QStringLiteral("backend=\"nvml\",user=\"a\\\"b\\\\c\\nd,e\""));
        const auto pairs = SeriesKey::parseLabels(k.labels);
        QVERIFY(pairs.has_value());
        QCOMPARE(pairs->size(), size_t{2});
        QCOMPARE((*pairs)[0].first, QStringLiteral("backend"));
        QCOMPARE((*pairs)[1].second, QStringLiteral("a\"b\\c\nd,e"));
        QVERIFY(SeriesKey::parseLabels(QString())->empty());
        QVERIFY(!SeriesKey::parseLabels(QStringLiteral("a=\"x")).has_value());
        QVERIFY(!SeriesKey::parseLabels(QStringLiteral("a=\"x\",")).has_value());
        QVERIFY(!SeriesKey::parseLabels(QStringLiteral("a=\"\\q\"")).has_value());
    }

    void ringWrapsAround() {
        SeriesRing ring;
        QVERIFY(ring.isEmpty());
        // Two and a half hours of seconds: only the last 3600 are kept.
        for (int64_t t = kT0; t < kT0 + 9000; ++t) QVERIFY(ring.append(t, double(t - kT0)));
        std::vector<SeriesSample> out;
        ring.read(0, kT0 + 100000, out);
        QCOMPARE(out.size(), size_t{3600});
        QCOMPARE(out.front().time_s, kT0 + 9000 - 3600);
        QCOMPARE(out.front().value, double(9000 - 3600));
        QCOMPARE(out.back().time_s, kT0 + 8999);
        for (size_t i = 1; i < out.size(); ++i) QCOMPARE(out[i].time_s, out[i - 1].time_s + 1);
        // Older than the hour: refused; within it: replaced.
        QVERIFY(!ring.append(kT0 + 8999 - 3600, -1.0));
        QVERIFY(ring.append(kT0 + 8999 - 3599, -1.0));
        out.clear();
        ring.read(kT0 + 8999 - 3599, kT0 + 8999 - 3598, out);
        QCOMPARE(out.size(), size_t{1});
        QCOMPARE(out[0].value, -1.0);
    }

    void gapIsNotFilledWithOldValues() {
        SeriesRing ring;
        for (int64_t t = kT0; t < kT0 + 3600; ++t) ring.append(t, 1.0);
        // 10 minutes without points, then one: the slots in between were last
        // written an hour ago and must read as empty.
        ring.append(kT0 + 3600 + 600, 2.0);
        std::vector<SeriesSample> out;
        ring.read(kT0 + 3600, kT0 + 3600 + 601, out);
        QCOMPARE(out.size(), size_t{1});
        QCOMPARE(out[0].value, 2.0);
        out.clear();
        ring.read(0, kT0 + 100000, out);
        QCOMPARE(out.size(), size_t{3600 - 600});
        // A jump of more than an hour clears everything.
        ring.append(kT0 + 20000, 3.0);
        out.clear();
        ring.read(0, kT0 + 100000, out);
        QCOMPARE(out.size(), size_t{1});
        // NaN is "no point".
        ring.append(kT0 + 20001, std::nan(""));
        out.clear();
        ring.read(0, kT0 + 100000, out);
        QCOMPARE(out.size(), size_t{1});
    }

    void readsAWindow() {
        TimeSeriesBuffer b;
        const SeriesKey k = key("fyr:gpu_utilization_ratio", "0");
        for (int64_t t = kT0; t < kT0 + 600; ++t) QVERIFY(b.append(k, t, 0.5));
        QCOMPARE(b.read(k, kT0 + 300, kT0 + 600).size(), size_t{300});
        QCOMPARE(b.read(k, kT0 - 1000, kT0 + 10).size(), size_t{10});
        QVERIFY(b.read(key("other"), 0, kT0 + 600).empty());
        QCOMPARE(b.newest(k), std::optional<int64_t>(kT0 + 599));
        QVERIFY(!b.newest(key("other")).has_value());
    }

    void seriesCap() {
        TimeSeriesBuffer b(3);
        QCOMPARE(b.maxSeries(), size_t{3});
        QVERIFY(b.append(key("a"), kT0, 1));
        QVERIFY(b.append(key("b"), kT0, 1));
        QVERIFY(b.append(key("c"), kT0, 1));
        QVERIFY(!b.append(key("d"), kT0 + 1, 1));
        QCOMPARE(b.refusedSeries(), uint64_t{1});
        QCOMPARE(b.seriesCount(), size_t{3});
        // Existing series still take points.
        QVERIFY(b.append(key("a"), kT0 + 3600, 2));
        QVERIFY(b.append(key("b"), kT0 + 3600, 2));
        // "c" has nothing within the hour before kT0 + 3600: "d" takes its place.
        QVERIFY(b.append(key("d"), kT0 + 3600, 3));
        QCOMPARE(b.seriesCount(), size_t{3});
        QVERIFY(b.read(key("c"), 0, kT0 + 10000).empty());
        QCOMPARE(b.read(key("d"), 0, kT0 + 10000).size(), size_t{1});
        QCOMPARE(b.refusedSeries(), uint64_t{1});
        // A batch counts what it took.
        const size_t taken = b.append({{key("a"), 1.0}, {key("e"), 1.0}, {key("b"), 1.0}}, kT0 + 3601);
        QCOMPARE(taken, size_t{2});
        QCOMPARE(b.refusedSeries(), uint64_t{2});
        QCOMPARE(TimeSeriesBuffer::kBytesPerSeries, size_t{28808});
    }

    void concurrentAppendAndRead() {
        TimeSeriesBuffer b(64);
        std::atomic<bool> done{false};
        std::atomic<int> bad{0};
        std::vector<std::thread> readers;
        for (int r = 0; r < 3; ++r) {
            readers.emplace_back([&] {
                while (!done.load()) {
                    for (const SeriesKey& k : b.keys()) {
                        const auto pts = b.read(k, 0, kT0 + 100000);
                        for (size_t i = 1; i < pts.size(); ++i)
                            if (pts[i].time_s <= pts[i - 1].time_s || pts[i].value != double(pts[i].time_s - kT0))
                                bad.fetch_add(1);
                    }
                }
            });
        }
        for (int64_t t = kT0; t < kT0 + 5000; ++t) {
            std::vector<std::pair<SeriesKey, double>> round;
            for (int s = 0; s < 16; ++s)
                round.emplace_back(key("m", QByteArray::number(s).constData()), double(t - kT0));
            QCOMPARE(b.append(round, t), size_t{16});
        }
        done.store(true);
        for (auto& t : readers) t.join();
        QCOMPARE(bad.load(), 0);
        QCOMPARE(b.read(key("m", "7"), 0, kT0 + 100000).size(), size_t{3600});
    }
};

QTEST_GUILESS_MAIN(TestTimeSeriesBuffer)
#include "tst_time_series_buffer.moc"
