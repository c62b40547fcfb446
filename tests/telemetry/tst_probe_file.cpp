// Bounded reads of probe files: numbers with and without white space, empty and
// malformed files, numbers too large for 64 bits, files over the limit, missing
// files and /proc files that report a size of 0; every error names the file.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "telemetry/probe_file.h"

using fyr::app::telemetry::ProbeFile;

namespace {

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) f.write(bytes);
    return path;
}

}  // namespace

class TestProbeFile : public QObject {
    Q_OBJECT
private slots:
    void parseUnsigned_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<quint64>("value");
        QTest::newRow("plain") << QByteArray("42") << true << quint64(42);
        QTest::newRow("newline") << QByteArray("42\n") << true << quint64(42);
        QTest::newRow("spaces") << QByteArray("  7 \t\n") << true << quint64(7);
        QTest::newRow("zero") << QByteArray("0") << true << quint64(0);
        QTest::newRow("max") << QByteArray("18446744073709551615") << true << quint64(UINT64_MAX);
        QTest::newRow("overflow") << QByteArray("18446744073709551616") << false << quint64(0);
        QTest::newRow("21 digits") << QByteArray("100000000000000000000") << false << quint64(0);
        QTest::newRow("empty") << QByteArray("") << false << quint64(0);
        QTest::newRow("blank") << QByteArray(" \n") << false << quint64(0);
        QTest::newRow("negative") << QByteArray("-1") << false << quint64(0);
        QTest::newRow("plus") << QByteArray("+1") << false << quint64(0);
        QTest::newRow("letters") << QByteArray("abc") << false << quint64(0);
        QTest::newRow("trailing junk") << QByteArray("12x") << false << quint64(0);
        QTest::newRow("two numbers") << QByteArray("1 2") << false << quint64(0);
        QTest::newRow("hex") << QByteArray("0x10") << false << quint64(0);
        QTest::newRow("nul") << QByteArray(
                                    "1\0"
                                    "2",
                                    3)
                             << false << quint64(0);
    }
    void parseUnsigned() {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(quint64, value);
        const std::optional<uint64_t> v = ProbeFile::parseUnsigned(text);
        QCOMPARE(v.has_value(), ok);
        if (ok) QCOMPARE(quint64(*v), value);
    }

    void readUnsignedErrorsNameTheFile() {
        QTemporaryDir dir;
        QString error;
        QCOMPARE(quint64(ProbeFile::readUnsigned(write(dir, "ok", "123\n"), &error).value_or(0)), quint64(123));
        QVERIFY(error.isEmpty());

        const QString empty = write(dir, "empty", "");
        QVERIFY(!ProbeFile::readUnsigned(empty, &error));
        QVERIFY2(error.startsWith(empty) && error.contains("empty"), qPrintable(error));

        const QString bad = write(dir, "bad", "12 apples\n");
        QVERIFY(!ProbeFile::readUnsigned(bad, &error));
        QVERIFY2(error.startsWith(bad) && error.contains("'12 apples'"), qPrintable(error));

        const QString missing = dir.filePath("missing");
        QVERIFY(!ProbeFile::readUnsigned(missing, &error));
        QVERIFY2(error.startsWith(missing), qPrintable(error));

        // A number file holding a megabyte is refused without being parsed.
        const QString huge = write(dir, "huge", QByteArray(1 << 20, '1'));
        QVERIFY(!ProbeFile::readUnsigned(huge, &error));
        QVERIFY2(error.startsWith(huge) && error.contains("larger than"), qPrintable(error));
        QVERIFY(!ProbeFile::readUnsigned(huge));  // no error pointer: still no crash
    }

    void readStopsAtTheLimit() {
        QTemporaryDir dir;
        const QString path = write(dir, "big", QByteArray(10000, 'x'));
        ProbeFile::Text t = ProbeFile::read(path, 10000);
        QVERIFY(t.error.isEmpty());
        QCOMPARE(t.bytes.size(), 10000);
        t = ProbeFile::read(path, 9999);
        QVERIFY(t.error.contains(path));
        QVERIFY(t.bytes.isEmpty());
    }

    void readHeadTakesTheBeginningOnly() {
        QTemporaryDir dir;
        const QString path = write(dir, "long", QByteArray("cpu  1 2 3 4\n") + QByteArray(100000, 'i'));
        ProbeFile::Text t = ProbeFile::readHead(path, 4096);
        QVERIFY(t.error.isEmpty());
        QCOMPARE(t.bytes.size(), 4096);
        QVERIFY(t.bytes.startsWith("cpu  1 2 3 4\n"));
        t = ProbeFile::readHead(write(dir, "short", "abc"), 4096);
        QCOMPARE(t.bytes, QByteArray("abc"));
    }

    void missingFileIsNotAnExistingOne() {
        QTemporaryDir dir;
        const ProbeFile::Text t = ProbeFile::read(dir.filePath("nope/nothing"));
        QVERIFY(!t.exists);
        QVERIFY(!t.error.isEmpty());
        QVERIFY(!ProbeFile::exists(dir.filePath("nope/nothing")));
    }

    void procFilesReportSizeZeroButRead() {
        if (!QFile::exists("/proc/self/status")) QSKIP("no /proc on this system");
        const ProbeFile::Text t = ProbeFile::read(QStringLiteral("/proc/self/status"));
        QVERIFY2(t.error.isEmpty(), qPrintable(t.error));
        QVERIFY(t.bytes.contains("VmRSS:"));
    }
};

QTEST_GUILESS_MAIN(TestProbeFile)
#include "tst_probe_file.moc"
