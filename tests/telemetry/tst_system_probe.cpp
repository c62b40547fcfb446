// SystemProbe: /proc/stat's cpu line (guest time not counted twice, short,
// truncated and malformed lines refused), utilization between two readings
// (none for no time or counters going backwards), meminfo/status fields in
// bytes; a fake /proc giving exact values over two samples; missing and broken
// files named in the errors; and the machine's real /proc.
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>

#include "telemetry/system_probe.h"

using fyr::app::telemetry::SystemProbe;
using fyr::app::telemetry::SystemSample;

namespace {

void put(const QString& root, const QString& relative, const QByteArray& bytes) {
    const QString path = QDir(root).filePath(relative);
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) f.write(bytes);
}

const QByteArray kMeminfo =
    "MemTotal:       16318412 kB\n"
    "MemFree:         1191572 kB\n"
    "MemAvailable:    9876543 kB\n"
    "Buffers:          614344 kB\n";

const QByteArray kStatus =
    "Name:\tfyr\n"
    "VmPeak:\t  912345 kB\n"
    "VmRSS:\t  123456 kB\n"
    "Threads:\t17\n";

}  // namespace

class TestSystemProbe : public QObject {
    Q_OBJECT
private slots:
    void parseCpuLine_data() {
        QTest::addColumn<QByteArray>("stat");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<quint64>("busy");
        QTest::addColumn<quint64>("total");
        QTest::newRow("linux 5") << QByteArray("cpu  100 10 50 800 20 5 5 10 7 3\ncpu0 1 2 3 4\n") << true
                                 << quint64(180) << quint64(1000);
        QTest::newRow("four fields") << QByteArray("cpu 30 0 10 60\n") << true << quint64(40) << quint64(100);
        QTest::newRow("no newline") << QByteArray("cpu  100 10 50 800") << false << quint64(0) << quint64(0);
        QTest::newRow("three fields") << QByteArray("cpu 1 2 3\n") << false << quint64(0) << quint64(0);
        QTest::newRow("per-cpu first") << QByteArray("cpu0 1 2 3 4\n") << false << quint64(0) << quint64(0);
        QTest::newRow("letters") << QByteArray("cpu 1 2 x 4\n") << false << quint64(0) << quint64(0);
        QTest::newRow("negative") << QByteArray("cpu 1 2 -3 4\n") << false << quint64(0) << quint64(0);
        QTest::newRow("sum overflows") << QByteArray("cpu 18446744073709551615 1 0 0\n") << false << quint64(0)
                                       << quint64(0);
        QTest::newRow("empty") << QByteArray() << false << quint64(0) << quint64(0);
        QTest::newRow("other file") << QByteArray("MemTotal: 1 kB\n") << false << quint64(0) << quint64(0);
    }
    void parseCpuLine() {
        QFETCH(QByteArray, stat);
        QFETCH(bool, ok);
        QFETCH(quint64, busy);
        QFETCH(quint64, total);
        const auto t = SystemProbe::parseCpuLine(stat);
        QCOMPARE(t.has_value(), ok);
        if (!ok) return;
        QCOMPARE(quint64(t->busy), busy);
        QCOMPARE(quint64(t->total), total);
    }

    void cpuUtilization() {
        QCOMPARE(SystemProbe::cpuUtilization({100, 1000}, {350, 2000}).value_or(-1), 25.0);
        QCOMPARE(SystemProbe::cpuUtilization({100, 1000}, {1100, 2000}).value_or(-1), 100.0);
        QVERIFY(!SystemProbe::cpuUtilization({100, 1000}, {100, 1000}));   // no time passed
        QVERIFY(!SystemProbe::cpuUtilization({100, 1000}, {50, 500}));     // counters went back
        QVERIFY(!SystemProbe::cpuUtilization({100, 1000}, {2000, 1500}));  // busy beyond total
    }

    void parseField() {
        QCOMPARE(quint64(SystemProbe::parseField(kMeminfo, "MemTotal").value_or(0)), quint64(16318412) * 1024);
        QCOMPARE(quint64(SystemProbe::parseField(kMeminfo, "MemAvailable").value_or(0)), quint64(9876543) * 1024);
        QCOMPARE(quint64(SystemProbe::parseField(kStatus, "Threads").value_or(0)), quint64(17));
        QCOMPARE(quint64(SystemProbe::parseField(kStatus, "VmRSS").value_or(0)), quint64(123456) * 1024);
        QVERIFY(!SystemProbe::parseField(kMeminfo, "Mem"));  // a prefix of a key is not the key
        QVERIFY(!SystemProbe::parseField(kMeminfo, "SwapTotal"));
        QVERIFY(!SystemProbe::parseField("Threads:\tmany\n", "Threads"));
        QVERIFY(!SystemProbe::parseField("VmRSS: 18446744073709551615 kB\n", "VmRSS"));  // overflows in bytes
        QVERIFY(!SystemProbe::parseField("", "VmRSS"));
        QCOMPARE(quint64(SystemProbe::parseField("Threads:\t3", "Threads").value_or(0)), quint64(3));  // no newline
    }

    void fakeProc() {
        QTemporaryDir root;
        put(root.path(), "proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\nintr 1 2 3\n");
        put(root.path(), "proc/meminfo", kMeminfo);
        put(root.path(), "proc/self/status", kStatus);
        SystemProbe p(root.path());
        SystemSample s = p.sample();
        QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join('\n')));
        QVERIFY(!s.cpuUtilPct);  // one reading is not a rate
        QCOMPARE(quint64(s.ramTotalBytes.value_or(0)), quint64(16318412) * 1024);
        QCOMPARE(quint64(s.ramAvailableBytes.value_or(0)), quint64(9876543) * 1024);
        QCOMPARE(quint64(s.processRssBytes.value_or(0)), quint64(123456) * 1024);
        QCOMPARE(s.processThreads.value_or(0), 17u);

        put(root.path(), "proc/stat", "cpu  400 0 100 1500 0 0 0 0 0 0\nintr 1 2 3\n");  // +300 busy of +1000
        s = p.sample();
        QCOMPARE(s.cpuUtilPct.value_or(-1), 30.0);
        s = p.sample();  // nothing changed since
        QVERIFY(!s.cpuUtilPct);
        QVERIFY(s.errors.isEmpty());
    }

    void missingAndBrokenFiles() {
        QTemporaryDir root;
        put(root.path(), "proc/stat", "garbage\n");
        put(root.path(), "proc/meminfo", QByteArray(200000, 'M'));
        SystemProbe p(root.path());
        const SystemSample s = p.sample();
        QVERIFY(!s.cpuUtilPct);
        QVERIFY(!s.ramTotalBytes);
        QVERIFY(!s.processRssBytes);
        QVERIFY(!s.processThreads);
        const QString all = s.errors.join('\n');
        QCOMPARE(s.errors.size(), 3);
        QVERIFY2(all.contains(root.filePath("proc/stat") + ": no valid 'cpu' line"), qPrintable(all));
        QVERIFY2(all.contains(root.filePath("proc/meminfo") + ": larger than"), qPrintable(all));
        QVERIFY2(all.contains(root.filePath("proc/self/status") + ": cannot open"), qPrintable(all));

        put(root.path(), "proc/meminfo", "MemTotal: 1000 kB\n");  // no MemAvailable (kernels before 3.14)
        put(root.path(), "proc/self/status", "VmRSS:\t12 kB\n");
        const SystemSample t = p.sample();
        QVERIFY(t.ramTotalBytes);
        QVERIFY(!t.ramAvailableBytes);
        QVERIFY(t.processRssBytes);
        QVERIFY2(t.errors.join('\n').contains("'MemAvailable'"), qPrintable(t.errors.join('\n')));
        QVERIFY2(t.errors.join('\n').contains("'Threads'"), qPrintable(t.errors.join('\n')));
    }

    void realProc() {
        if (!QFile::exists("/proc/self/status")) QSKIP("no /proc on this system");
        SystemProbe p;
        SystemSample s = p.sample();
        QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join('\n')));
        QVERIFY(s.ramTotalBytes && *s.ramTotalBytes > 0);
        QVERIFY(s.ramAvailableBytes && *s.ramAvailableBytes <= *s.ramTotalBytes);
        QVERIFY(s.processRssBytes && *s.processRssBytes > 0);
        QVERIFY(s.processThreads && *s.processThreads >= 1);
        // Keep a CPU busy until the kernel's counters move (a jiffy or so). Not a
        // QTRY_ macro: it evaluates its condition more than once, and each sample
        // here is a new reading.
        std::atomic<uint64_t> spin{0};
        const QDeadlineTimer deadline(10000);
        do {
            for (int i = 0; i < 1000000; ++i) spin.fetch_add(1, std::memory_order_relaxed);
            s = p.sample();
        } while (!s.cpuUtilPct && !deadline.hasExpired());
        QVERIFY2(s.cpuUtilPct, "the CPU counters in /proc/stat did not move in 10 s");
        QVERIFY(*s.cpuUtilPct >= 0.0 && *s.cpuUtilPct <= 100.0);
    }
};

QTEST_GUILESS_MAIN(TestSystemProbe)
#include "tst_system_probe.moc"
