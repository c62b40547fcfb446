// The CPU packages' energy from a fake powercap tree: only top-level package
// zones are summed (sub-zones and psys left out), a counter that wraps at
// max_energy_range_uj is followed across the wrap, and a machine without the
// interface says why.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "telemetry/powercap_energy.h"

using fyr::app::telemetry::PowercapEnergy;

class TestPowercapEnergy : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;

    void write(const QString& relative, const QByteArray& text) {
        const QString path = m_root.filePath(QStringLiteral("sys/class/powercap/") + relative);
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text + '\n');
    }

private slots:
    void packagesOnlyAndWraps() {
        write(QStringLiteral("intel-rapl:0/name"), "package-0");
        write(QStringLiteral("intel-rapl:0/max_energy_range_uj"), "1000000000");
        write(QStringLiteral("intel-rapl:0/energy_uj"), "999000000");
        write(QStringLiteral("intel-rapl:0:0/name"), "core");
        write(QStringLiteral("intel-rapl:0:0/energy_uj"), "5");
        write(QStringLiteral("intel-rapl:1/name"), "psys");
        write(QStringLiteral("intel-rapl:1/energy_uj"), "7");
        write(QStringLiteral("intel-rapl:2/name"), "package-1");
        write(QStringLiteral("intel-rapl:2/max_energy_range_uj"), "1000000000");
        write(QStringLiteral("intel-rapl:2/energy_uj"), "1000000");

        PowercapEnergy rapl(m_root.path());
        QVERIFY2(rapl.available(), qPrintable(rapl.reason()));
        QCOMPARE(rapl.zoneNames(), (std::vector<QString>{QStringLiteral("package-0"), QStringLiteral("package-1")}));
        QCOMPARE(rapl.totalJoules().value_or(-1), 0.0);  // the first reading starts the count

        // package-0 wraps: 999 J -> (1000 J range) -> 2 J is 3 J; package-1 adds 4 J.
        write(QStringLiteral("intel-rapl:0/energy_uj"), "2000000");
        write(QStringLiteral("intel-rapl:2/energy_uj"), "5000000");
        QCOMPARE(rapl.totalJoules().value_or(-1), 7.0);
        write(QStringLiteral("intel-rapl:0/energy_uj"), "2500000");
        QCOMPARE(rapl.totalJoules().value_or(-1), 7.5);
        // The sub-zone and psys never count.
        write(QStringLiteral("intel-rapl:0:0/energy_uj"), "900000000");
        write(QStringLiteral("intel-rapl:1/energy_uj"), "900000000");
        QCOMPARE(rapl.totalJoules().value_or(-1), 7.5);

        // A counter that disappears: not measured.
        QVERIFY(QFile::remove(m_root.filePath(QStringLiteral("sys/class/powercap/intel-rapl:2/energy_uj"))));
        QVERIFY(!rapl.totalJoules());
    }

    void withoutTheInterfaceItSaysWhy() {
        QTemporaryDir empty;
        PowercapEnergy none(empty.path());
        QVERIFY(!none.available());
        QVERIFY2(none.reason().contains(QStringLiteral("powercap")), qPrintable(none.reason()));
        QVERIFY(!none.totalJoules());

        QTemporaryDir noPackages;
        QVERIFY(QDir().mkpath(noPackages.filePath(QStringLiteral("sys/class/powercap/intel-rapl:1"))));
        QFile f(noPackages.filePath(QStringLiteral("sys/class/powercap/intel-rapl:1/name")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("psys\n");
        f.close();
        PowercapEnergy psysOnly(noPackages.path());
        QVERIFY(!psysOnly.available());
        QVERIFY2(psysOnly.reason().contains(QStringLiteral("no RAPL package zones")), qPrintable(psysOnly.reason()));
    }
};

QTEST_GUILESS_MAIN(TestPowercapEnergy)
#include "tst_powercap_energy.moc"
