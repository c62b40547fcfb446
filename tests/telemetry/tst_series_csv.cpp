// SeriesCsv: golden text for ranges whose label values hold commas, quotes,
// newlines and a leading '='; one field at a time (quoting, the formula guard,
// numbers left alone); writing to a buffer and to a file; errors that name the
// file.
#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "telemetry/series_csv.h"

using namespace fyr::app::telemetry;

namespace {

constexpr int64_t kT0 = 1700000000;  // 2023-11-14T22:13:20Z

SeriesRange range(const QString& name, const QStringList& labelNames, const QStringList& labelValues,
                  std::vector<SeriesPoint> points) {
    SeriesRange r;
    r.key = SeriesKey::make(name, labelNames, labelValues);
    r.points = std::move(points);
    return r;
}

std::vector<SeriesRange> awkward() {
    return {
        range(QStringLiteral("fyr:requests_running"), {QStringLiteral("model"), QStringLiteral("user")},
              {QStringLiteral("llama,3"), QStringLiteral("say \"hi\"")},
              {{kT0, 1.5, 1.0, 2.0}, {kT0 + 60, -0.25, -1.0, 0.5}}),
        range(QStringLiteral("fyr:requests_running"), {QStringLiteral("model"), QStringLiteral("user")},
              {QStringLiteral("=HYPERLINK(\"x\")"), QStringLiteral("two\nlines")}, {{kT0 + 3600, 3.0, 3.0, 3.0}}),
        range(QStringLiteral("fyr:host_cpu_ratio"), {}, {}, {{kT0, 0.1, 0.1, 0.1}}),
        range(QStringLiteral("fyr:gpu_power_watts"), {QStringLiteral("gpu")}, {QStringLiteral("0")}, {}),
    };
}

const QByteArray kGolden =
    "time,series,gpu,model,user,mean,min,max\r\n"
    "2023-11-14T22:13:20Z,fyr:requests_running,,\"llama,3\",\"say \"\"hi\"\"\",1.5,1,2\r\n"
    "2023-11-14T22:14:20Z,fyr:requests_running,,\"llama,3\",\"say \"\"hi\"\"\",-0.25,-1,0.5\r\n"
    "2023-11-14T23:13:20Z,fyr:requests_running,,\"'=HYPERLINK(\"\"x\"\")\",\"two\nlines\",3,3,3\r\n"
    "2023-11-14T22:13:20Z,fyr:host_cpu_ratio,,,,0.1,0.1,0.1\r\n";

}  // namespace

class TestSeriesCsv : public QObject {
    Q_OBJECT
private slots:
    void golden() { QCOMPARE(SeriesCsv::format(awkward()), kGolden); }

    void empty() { QCOMPARE(SeriesCsv::format({}), QByteArray("time,series,mean,min,max\r\n")); }

    void field_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QStringLiteral("llama") << QByteArray("llama");
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("comma") << QStringLiteral("a,b") << QByteArray("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("a\"b") << QByteArray("\"a\"\"b\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QByteArray("\"a\nb\"");
        QTest::newRow("cr") << QStringLiteral("a\rb") << QByteArray("\"a\rb\"");
        QTest::newRow("equals") << QStringLiteral("=1+2") << QByteArray("'=1+2");
        QTest::newRow("plus") << QStringLiteral("+1") << QByteArray("'+1");
        QTest::newRow("minus") << QStringLiteral("-1") << QByteArray("'-1");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QByteArray("'@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\t=1") << QByteArray("'\t=1");
        QTest::newRow("equals, comma") << QStringLiteral("=A1,B1") << QByteArray("\"'=A1,B1\"");
        QTest::newRow("equals inside") << QStringLiteral("a=b") << QByteArray("a=b");
        QTest::newRow("quote first") << QStringLiteral("'=x") << QByteArray("'=x");
        QTest::newRow("utf-8") << QStringLiteral("kött") << QStringLiteral("kött").toUtf8();
    }
    void field() {
        QFETCH(QString, text);
        QFETCH(QByteArray, expected);
        QCOMPARE(SeriesCsv::field(text), expected);
    }

    void numbers() {
        QCOMPARE(SeriesCsv::numberField(-3.5), QByteArray("-3.5"));
        QCOMPARE(SeriesCsv::numberField(0.1), QByteArray("0.1"));
        QCOMPARE(SeriesCsv::numberField(1e21), QByteArray("1e+21"));
        QCOMPARE(SeriesCsv::numberField(std::nan("")), QByteArray("NaN"));
    }

    void toBuffer() {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QCOMPARE(SeriesCsv::write(buffer, awkward()), QString());
        QCOMPARE(buffer.data(), kGolden);
    }

    void toFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("power.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(SeriesCsv::write(file, awkward()), QString());
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), kGolden);
    }

    void notOpen() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("power.csv"));
        QFile file(path);
        const QString error = SeriesCsv::write(file, awkward());
        QVERIFY2(error.startsWith(path + QLatin1String(": ")), qPrintable(error));

        QBuffer buffer;
        QVERIFY(!SeriesCsv::write(buffer, awkward()).isEmpty());
    }

    void writeFails() {
        // /dev/full takes the open and refuses the write.
        QFile full(QStringLiteral("/dev/full"));
        if (!full.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) QSKIP("no /dev/full here");
        const QString error = SeriesCsv::write(full, awkward());
        QVERIFY2(error.startsWith(QLatin1String("/dev/full: ")), qPrintable(error));
    }

    void openFails() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("missing/power.csv"));
        QFile file(path);
        QVERIFY(!file.open(QIODevice::WriteOnly));
        const QString error = SeriesCsv::openError(file);
        QVERIFY2(error.startsWith(path + QLatin1String(": ")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSeriesCsv)
#include "tst_series_csv.moc"
