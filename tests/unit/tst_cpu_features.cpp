// Run-time CPU detection agrees with what the kernel reports in /proc/cpuinfo.
#include <QFile>
#include <QSet>
#include <QTest>

#include "fyr/kernels/cpu_features.h"

using fyr::kernels::CpuFeatures;

class TestCpuFeatures : public QObject {
    Q_OBJECT
private:
    static QSet<QString> procFlags() {
        QFile f(QStringLiteral("/proc/cpuinfo"));
        if (!f.open(QIODevice::ReadOnly)) return {};
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (line.startsWith("flags")) {
                const QString flags = QString::fromLatin1(line.mid(line.indexOf(':') + 1));
                const QStringList list = flags.split(QLatin1Char(' '), Qt::SkipEmptyParts);
                return QSet<QString>(list.begin(), list.end());
            }
        }
        return {};
    }

private slots:
    void matchesProcCpuinfo_data() {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<int>("field");
        QTest::newRow("avx2") << "avx2" << 0;
        QTest::newRow("fma") << "fma" << 1;
        QTest::newRow("f16c") << "f16c" << 2;
        QTest::newRow("avx512f") << "avx512f" << 3;
        QTest::newRow("avx512bw") << "avx512bw" << 4;
        QTest::newRow("avx512vl") << "avx512vl" << 5;
        QTest::newRow("avx512_vnni") << "avx512_vnni" << 6;
        QTest::newRow("avx512_bf16") << "avx512_bf16" << 7;
        QTest::newRow("avx_vnni") << "avx_vnni" << 8;
        QTest::newRow("avx") << "avx" << 9;
    }
    void matchesProcCpuinfo() {
#if !defined(__x86_64__)
        QSKIP("cpuid detection is x86-64 only");
#endif
        const QSet<QString> flags = procFlags();
        if (flags.isEmpty()) QSKIP("/proc/cpuinfo has no flags line on this system");
        QFETCH(QString, flag);
        QFETCH(int, field);
        const CpuFeatures& f = fyr::kernels::cpu_features();
        const bool values[] = {f.avx2,     f.fma,         f.f16c,        f.avx512f,  f.avx512bw,
                               f.avx512vl, f.avx512_vnni, f.avx512_bf16, f.avx_vnni, f.avx};
        QCOMPARE(values[field], flags.contains(flag));
    }

    void coresAreSane() {
        const CpuFeatures& f = fyr::kernels::cpu_features();
        QVERIFY(f.n_logical_cpus >= 1);
        QVERIFY(f.n_physical_cores >= 1);
        QVERIFY(f.n_physical_cores <= f.n_logical_cpus);
    }

    void describeListsEveryFeature() {
        CpuFeatures none;
        QCOMPARE(QString::fromStdString(fyr::kernels::describe(none)), QStringLiteral("none"));
        CpuFeatures some;
        some.avx2 = true;
        some.avx512_vnni = true;
        QCOMPARE(QString::fromStdString(fyr::kernels::describe(some)), QStringLiteral("AVX2 AVX-512-VNNI"));
        const auto names = fyr::kernels::feature_names(fyr::kernels::cpu_features());
        QCOMPARE(names.empty(), fyr::kernels::describe(fyr::kernels::cpu_features()) == "none");
    }

    void detectionIsStable() {
        const CpuFeatures a = fyr::kernels::detect_cpu_features();
        const CpuFeatures& b = fyr::kernels::cpu_features();
        QCOMPARE(QString::fromStdString(a.vendor), QString::fromStdString(b.vendor));
        QCOMPARE(fyr::kernels::feature_names(a), fyr::kernels::feature_names(b));
    }
};

QTEST_GUILESS_MAIN(TestCpuFeatures)
#include "tst_cpu_features.moc"
