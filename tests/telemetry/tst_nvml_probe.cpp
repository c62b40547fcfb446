// NvmlProbe through the real dlopen path against the stand-in NVML built beside
// this test (fake_nvml.cpp): every field of a scripted device; NOT_SUPPORTED
// fields empty and not errors; other errors named with NVML's text; a missing
// optional function (its field empty), a missing essential one and a missing
// library (not available, with the reason); nvmlInit failing; a device that is
// lost after some samples or in the middle of one; both process-list layouts.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "telemetry/nvml_probe.h"

using fyr::app::telemetry::GpuSample;
using fyr::app::telemetry::NvmlProbe;

namespace {

const QString kFake = QStringLiteral(FYR_FAKE_NVML);
const QString kFakeNoEnergy = QStringLiteral(FYR_FAKE_NVML_NO_ENERGY);
const QString kFakeNoCount = QStringLiteral(FYR_FAKE_NVML_NO_COUNT);
const QString kFakeCc = QStringLiteral(FYR_FAKE_NVML_CC);

// What nvidia-smi shows on an idle H100 (driver 580): no fan, 700 W limit, ~77 W.
const QByteArray kH100 =
    "0.name=NVIDIA H100 80GB HBM3\n"
    "0.uuid=GPU-4b0f6a8e-1c2d-3e4f-5a6b-7c8d9e0f1a2b\n"
    "0.util.gpu=37\n"
    "0.util.memory=12\n"
    "0.memory.total=85520809984\n"
    "0.memory.used=1048576000\n"
    "0.temperature=41\n"
    "0.power_mw=77123\n"
    "0.power_limit_mw=700000\n"
    "0.clock.sm=1980\n"
    "0.clock.mem=2619\n"
    "0.pcie.rx=1234\n"
    "0.pcie.tx=567\n"
    "0.energy_mj=987654321012\n"
    "0.processes=4242:1048576000,77:na\n";

}  // namespace

class TestNvmlProbe : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_scripts = 0;

    // Writes a script and points the stand-in at it; a probe built after this reads it.
    void script(const QByteArray& text) {
        const QString path = m_dir.filePath(QStringLiteral("nvml-%1.txt").arg(++m_scripts));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        qputenv("FYR_FAKE_NVML_SCRIPT", QFile::encodeName(path));
    }

private slots:
    void everyField() {
        script("devices=2\n" + kH100 + "0.fan=30\n1.name=Second\n1.memory.total=100\n1.memory.used=40\n");
        NvmlProbe p(kFake);
        QVERIFY2(p.available(), qPrintable(p.reason()));
        QVERIFY(p.reason().isEmpty());
        QCOMPARE(p.backend(), QStringLiteral("nvml"));
        QCOMPARE(p.deviceCount(), 2);
        QVERIFY(p.missingFunctions().isEmpty());

        const std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(2));
        const GpuSample& g = s[0];
        QCOMPARE(g.backend, QStringLiteral("nvml"));
        QCOMPARE(g.index, 0);
        QCOMPARE(g.name, QStringLiteral("NVIDIA H100 80GB HBM3"));
        QCOMPARE(g.uuid.value_or(QString()), QStringLiteral("GPU-4b0f6a8e-1c2d-3e4f-5a6b-7c8d9e0f1a2b"));
        QVERIFY(!g.lost);
        QVERIFY2(g.errors.isEmpty(), qPrintable(g.errors.join('\n')));
        QCOMPARE(g.gpuUtilPct.value_or(0), 37u);
        QCOMPARE(g.memoryUtilPct.value_or(0), 12u);
        QCOMPARE(quint64(g.memoryTotalBytes.value_or(0)), quint64(85520809984));
        QCOMPARE(quint64(g.memoryUsedBytes.value_or(0)), quint64(1048576000));
        QCOMPARE(g.temperatureC.value_or(0), 41.0);
        QCOMPARE(g.powerW.value_or(0), 77.123);
        QCOMPARE(g.powerLimitW.value_or(0), 700.0);
        QCOMPARE(g.smClockMhz.value_or(0), 1980u);
        QCOMPARE(g.memoryClockMhz.value_or(0), 2619u);
        QCOMPARE(g.pcieRxKBps.value_or(0), 1234u);
        QCOMPARE(g.pcieTxKBps.value_or(0), 567u);
        QCOMPARE(g.fanPct.value_or(0), 30u);
        QCOMPARE(quint64(g.energyMj.value_or(0)), quint64(987654321012));
        QVERIFY(g.processes);
        QCOMPARE(g.processes->size(), size_t(2));
        QCOMPARE((*g.processes)[0].pid, int64_t(4242));
        QCOMPARE(quint64((*g.processes)[0].usedBytes.value_or(0)), quint64(1048576000));
        QCOMPARE((*g.processes)[1].pid, int64_t(77));
        QVERIFY(!(*g.processes)[1].usedBytes);  // NVML_VALUE_NOT_AVAILABLE

        QCOMPARE(s[1].index, 1);
        QCOMPARE(s[1].name, QStringLiteral("Second"));
        QCOMPARE(quint64(s[1].memoryUsedBytes.value_or(0)), quint64(40));
    }

    // An H100 answers "not supported" for its fan; a field the script leaves out
    // does the same. Such fields are empty, and not errors.
    void notSupportedFieldsAreEmpty() {
        script("devices=1\n0.name=Bare\n0.memory.total=1000\n0.memory.used=10\n");
        NvmlProbe p(kFake);
        QVERIFY2(p.available(), qPrintable(p.reason()));
        const std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(1));
        const GpuSample& g = s[0];
        QCOMPARE(g.name, QStringLiteral("Bare"));
        QVERIFY(!g.lost);
        QVERIFY2(g.errors.isEmpty(), qPrintable(g.errors.join('\n')));
        QVERIFY(g.memoryTotalBytes);
        QVERIFY(!g.uuid);
        QVERIFY(!g.gpuUtilPct);
        QVERIFY(!g.memoryUtilPct);
        QVERIFY(!g.temperatureC);
        QVERIFY(!g.powerW);
        QVERIFY(!g.powerLimitW);
        QVERIFY(!g.smClockMhz);
        QVERIFY(!g.memoryClockMhz);
        QVERIFY(!g.pcieRxKBps);
        QVERIFY(!g.pcieTxKBps);
        QVERIFY(!g.fanPct);
        QVERIFY(!g.energyMj);
        QVERIFY(!g.processes);
    }

    void otherErrorsAreNamed() {
        script("devices=1\n" + kH100 + "0.error.nvmlDeviceGetPowerUsage=4\n0.error.nvmlDeviceGetFanSpeed=3\n");
        NvmlProbe p(kFake);
        const std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(1));
        QVERIFY(!s[0].lost);
        QVERIFY(!s[0].powerW);
        QVERIFY(!s[0].fanPct);
        QVERIFY(s[0].powerLimitW);
        QCOMPARE(s[0].errors.size(), 1);  // NOT_SUPPORTED for the fan is no error
        QVERIFY2(
            s[0].errors[0].contains("nvmlDeviceGetPowerUsage") && s[0].errors[0].contains("Insufficient Permissions"),
            qPrintable(s[0].errors[0]));
    }

    void noProcessesIsAnEmptyList() {
        script("devices=1\n0.name=Idle\n0.processes=\n");
        NvmlProbe p(kFake);
        const std::vector<GpuSample> s = p.sample();
        QVERIFY(s[0].processes);
        QVERIFY(s[0].processes->empty());
    }

    void manyProcesses() {
        QByteArray list;
        for (int i = 1; i <= 300; ++i) list += QByteArray::number(i) + ':' + QByteArray::number(i * 1000) + ',';
        script("devices=1\n0.processes=" + list + "\n");
        NvmlProbe p(kFake);
        const std::vector<GpuSample> s = p.sample();
        QVERIFY(s[0].processes);
        QCOMPARE(s[0].processes->size(), size_t(300));
        QCOMPARE(s[0].processes->back().pid, int64_t(300));
        QCOMPARE(quint64(s[0].processes->back().usedBytes.value_or(0)), quint64(300000));
    }

    // Drivers that wrote the 32-byte element: the probe steps by it.
    void confidentialComputingProcessElement() {
        script("devices=1\n0.processes=11:100,22:200,33:na\n");
        NvmlProbe p(kFakeCc);
        QVERIFY2(p.available(), qPrintable(p.reason()));
        const std::vector<GpuSample> s = p.sample();
        QVERIFY(s[0].processes);
        QCOMPARE(s[0].processes->size(), size_t(3));
        QCOMPARE((*s[0].processes)[1].pid, int64_t(22));
        QCOMPARE(quint64((*s[0].processes)[1].usedBytes.value_or(0)), quint64(200));
        QCOMPARE((*s[0].processes)[2].pid, int64_t(33));
        QVERIFY(!(*s[0].processes)[2].usedBytes);
    }

    void missingOptionalFunction() {
        script("devices=1\n" + kH100);
        NvmlProbe p(kFakeNoEnergy);
        QVERIFY2(p.available(), qPrintable(p.reason()));
        QCOMPARE(p.missingFunctions(), QStringList{QStringLiteral("nvmlDeviceGetTotalEnergyConsumption")});
        const std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(1));
        QVERIFY(!s[0].energyMj);
        QVERIFY(s[0].errors.isEmpty());
        QCOMPARE(s[0].powerW.value_or(0), 77.123);
    }

    void missingEssentialFunction() {
        script("devices=1\n" + kH100);
        NvmlProbe p(kFakeNoCount);
        QVERIFY(!p.available());
        QVERIFY2(p.reason().contains("nvmlDeviceGetCount_v2") && p.reason().contains("missing"),
                 qPrintable(p.reason()));
        QVERIFY(p.sample().empty());
        QCOMPARE(p.deviceCount(), 0);
    }

    void missingLibrary() {
        const QString path = m_dir.filePath(QStringLiteral("no/libnvidia-ml.so.1"));
        NvmlProbe p(path);
        QVERIFY(!p.available());
        QCOMPARE(p.libraryPath(), path);
        // The reason carries dlerror's own text.
        QVERIFY2(p.reason().startsWith(path + " not found: ") && p.reason().contains("No such file"),
                 qPrintable(p.reason()));
        QVERIFY(p.sample().empty());

        NvmlProbe byName(QStringLiteral("libfyr-no-such-nvml.so.1"));
        QVERIFY(!byName.available());
        QVERIFY2(byName.reason().contains("libfyr-no-such-nvml.so.1 not found: "), qPrintable(byName.reason()));
    }

    void defaultLibraryName() { QCOMPARE(NvmlProbe::defaultLibrary(), QStringLiteral("libnvidia-ml.so.1")); }

    void initFails() {
        script("init=9\ndevices=1\n" + kH100);
        NvmlProbe p(kFake);
        QVERIFY(!p.available());
        QVERIFY2(p.reason().contains("nvmlInit_v2") && p.reason().contains("Driver Not Loaded"),
                 qPrintable(p.reason()));
        QVERIFY(p.sample().empty());
    }

    void noDevices() {
        script("devices=0\n");
        NvmlProbe p(kFake);
        QVERIFY2(p.available(), qPrintable(p.reason()));
        QCOMPARE(p.deviceCount(), 0);
        QVERIFY(p.sample().empty());
    }

    // Device 1 answers twice, then falls off the bus: it stays listed, by name,
    // as lost; device 0 is unaffected.
    void deviceLostAfterSomeSamples() {
        script("devices=2\n" + kH100 +
               "1.name=Flaky\n1.uuid=GPU-flaky\n1.util.gpu=5\n1.util.memory=1\n1.lost_after=2\n");
        NvmlProbe p(kFake);
        for (int round = 1; round <= 4; ++round) {
            const std::vector<GpuSample> s = p.sample();
            QCOMPARE(s.size(), size_t(2));
            QVERIFY(!s[0].lost);
            QCOMPARE(s[0].gpuUtilPct.value_or(0), 37u);
            QCOMPARE(s[1].name, QStringLiteral("Flaky"));
            QCOMPARE(s[1].uuid.value_or(QString()), QStringLiteral("GPU-flaky"));
            if (round <= 2) {
                QVERIFY(!s[1].lost);
                QCOMPARE(s[1].gpuUtilPct.value_or(0), 5u);
            } else {
                QVERIFY(s[1].lost);
                QVERIFY(!s[1].gpuUtilPct);
                QVERIFY(!s[1].memoryUtilPct);
                QVERIFY2(!s[1].errors.isEmpty() && s[1].errors[0].contains("GPU is lost"),
                         qPrintable(s[1].errors.join('\n')));
            }
        }
    }

    // Lost between two queries of one sample: what was read first is dropped too.
    void deviceLostWithinASample() {
        script("devices=1\n" + kH100 + "0.error.nvmlDeviceGetPowerUsage=15\n");
        NvmlProbe p(kFake);
        std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(1));
        QVERIFY(s[0].lost);
        QCOMPARE(s[0].name, QStringLiteral("NVIDIA H100 80GB HBM3"));
        QVERIFY(!s[0].gpuUtilPct);
        QVERIFY(!s[0].memoryTotalBytes);
        QVERIFY(!s[0].temperatureC);
        QVERIFY(!s[0].processes);
        QVERIFY(s[0].errors.join('\n').contains("nvmlDeviceGetPowerUsage"));
        s = p.sample();
        QVERIFY(s[0].lost);
    }
};

QTEST_GUILESS_MAIN(TestNvmlProbe)
#include "tst_nvml_probe.moc"
