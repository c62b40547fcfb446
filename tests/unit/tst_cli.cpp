// fyrctl through its library entry point: help, version, devices, errors.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "cli/cli.h"
#include "cli/command.h"
#include "core/resources.h"
#include "fyr/build_info.h"

namespace {

struct Result {
    int rc;
    QString out;
    QString err;
};

Result runCli(const QStringList& args) {
    QString out, err;
    QTextStream o(&out), e(&err);
    const int rc = fyr::app::cli::run(QStringList{QStringLiteral("fyrctl")} + args, o, e);
    o.flush();
    e.flush();
    qInstallMessageHandler(nullptr);
    return {rc, out, err};
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { fyr::app::initResources(); }

    void helpListsEveryCommand() {
        const Result r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.rc, 0);
        QVERIFY(!fyr::app::cli::commands().empty());
        for (const auto& c : fyr::app::cli::commands()) {
            QVERIFY2(r.out.contains(QLatin1String(c.name)), c.name);
        }
        QVERIFY(r.out.contains(QStringLiteral("--log-json")));
    }

    void noArgumentsShowsHelpAndFails() {
        const Result r = runCli({});
        QCOMPARE(r.rc, 2);
        QVERIFY(r.err.contains(QStringLiteral("Usage: fyrctl")));
    }

    void versionReportsBackendsAndCpu() {
        const Result r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.rc, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("fyrctl ") + QString::fromStdString(fyr::build_info().version)));
        QVERIFY(r.out.contains(QStringLiteral("commit:")));
        QVERIFY(r.out.contains(QStringLiteral("backends: cpu")));
        QVERIFY(r.out.contains(QStringLiteral("CUDA %1").arg(fyr::build_info().cuda ? "on" : "off")));
        QVERIFY(r.out.contains(QStringLiteral("Vulkan %1").arg(fyr::build_info().vulkan ? "on" : "off")));
        for (const char* feature : {"AVX2 ", "AVX-512 ", "VNNI ", "F16C "}) {
            QVERIFY2(r.out.contains(QLatin1String(feature)), feature);
        }
        // The subcommand gives the same text.
        QCOMPARE(runCli({QStringLiteral("version")}).out, r.out);
    }

    void versionJson() {
        const Result r = runCli({QStringLiteral("version"), QStringLiteral("--json")});
        QCOMPARE(r.rc, 0);
        QJsonParseError pe{};
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8(), &pe).object();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("version")).toString(), QString::fromStdString(fyr::build_info().version));
        QCOMPARE(o.value(QStringLiteral("cuda")).toBool(), fyr::build_info().cuda);
        QCOMPARE(o.value(QStringLiteral("vulkan")).toBool(), fyr::build_info().vulkan);
        QCOMPARE(o.value(QStringLiteral("backends")).toArray().first().toString(), QStringLiteral("cpu"));
        const QJsonObject cpu = o.value(QStringLiteral("cpu")).toObject();
        for (const char* key : {"avx2", "avx512", "vnni", "f16c"}) QVERIFY2(cpu.value(QLatin1String(key)).isBool(), key);
    }

    void commandHelpNamesTheCommand() {
        const Result r = runCli({QStringLiteral("version"), QStringLiteral("--help")});
        QCOMPARE(r.rc, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: fyrctl version")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("--json")));
        QCOMPARE(runCli({QStringLiteral("help"), QStringLiteral("version")}).out, r.out);
    }

    void unknownCommandAndOptionAreUsageErrors() {
        Result r = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(r.rc, 2);
        QVERIFY(r.err.contains(QStringLiteral("unknown command 'frobnicate'")));
        r = runCli({QStringLiteral("version"), QStringLiteral("--bogus")});
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("bogus")), qPrintable(r.err));
        r = runCli({QStringLiteral("--log-level"), QStringLiteral("shouty"), QStringLiteral("version")});
        QCOMPARE(r.rc, 2);
        QVERIFY(r.err.contains(QStringLiteral("shouty")));
    }

    void devicesListsCpuFirst() {
        const Result r = runCli({QStringLiteral("devices"), QStringLiteral("--json")});
        QCOMPARE(r.rc, 0);
        const QJsonArray backends =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("backends")).toArray();
        QCOMPARE(backends.size(), 3);
        const QJsonObject cpu = backends.at(0).toObject();
        QCOMPARE(cpu.value(QStringLiteral("name")).toString(), QStringLiteral("cpu"));
        QVERIFY(cpu.value(QStringLiteral("usable")).toBool());
        QCOMPARE(cpu.value(QStringLiteral("devices")).toArray().size(), 1);
        QCOMPARE(backends.at(1).toObject().value(QStringLiteral("compiled")).toBool(), fyr::build_info().cuda);
        QCOMPARE(backends.at(2).toObject().value(QStringLiteral("compiled")).toBool(), fyr::build_info().vulkan);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
