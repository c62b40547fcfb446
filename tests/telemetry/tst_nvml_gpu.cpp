// NvmlProbe against this machine's own libnvidia-ml.so.1 (or $FYR_NVML_LIBRARY):
// every device answers with plausible values, nothing is reported lost, and the
// energy counter does not go backwards. Without NVIDIA's driver, or with no
// device, it reports SKIP with the probe's reason.
#include <QTest>

#include "telemetry/nvml_probe.h"

using fyr::app::telemetry::GpuSample;
using fyr::app::telemetry::NvmlProbe;

namespace {

template <typename T>
QString show(const std::optional<T>& v) {
    return v ? QString::number(*v) : QStringLiteral("-");
}

}  // namespace

class TestNvmlGpu : public QObject {
    Q_OBJECT
private slots:
    void realDevices() {
        NvmlProbe p(qEnvironmentVariable("FYR_NVML_LIBRARY"));
        if (!p.available()) QSKIP(qPrintable(QStringLiteral("NVML not available: ") + p.reason()));
        if (p.deviceCount() == 0) QSKIP("NVML has no device");
        if (!p.missingFunctions().isEmpty())
            qInfo().noquote() << "optional functions missing:" << p.missingFunctions().join(", ");

        const std::vector<GpuSample> first = p.sample();
        const std::vector<GpuSample> second = p.sample();
        QCOMPARE(first.size(), size_t(p.deviceCount()));
        QCOMPARE(second.size(), first.size());
        for (size_t i = 0; i < second.size(); ++i) {
            const GpuSample& g = second[i];
            qInfo().noquote() << QStringLiteral(
                                     "%1 %2 %3: util %4%/%5% mem %6/%7 B temp %8 C power %9/%10 W clocks %11/%12 MHz "
                                     "pcie rx/tx %13/%14 KB/s fan %15 energy %16 mJ processes %17")
                                     .arg(g.index)
                                     .arg(g.name, g.uuid.value_or("-"), show(g.gpuUtilPct), show(g.memoryUtilPct),
                                          show(g.memoryUsedBytes), show(g.memoryTotalBytes), show(g.temperatureC),
                                          show(g.powerW))
                                     .arg(show(g.powerLimitW), show(g.smClockMhz), show(g.memoryClockMhz),
                                          show(g.pcieRxKBps), show(g.pcieTxKBps), show(g.fanPct), show(g.energyMj),
                                          g.processes ? QString::number(g.processes->size()) : QStringLiteral("-"));
            for (const QString& e : g.errors) qInfo().noquote() << "  " << e;
            QVERIFY2(!g.lost, qPrintable(g.errors.join('\n')));
            QCOMPARE(g.index, int(i));
            QVERIFY(!g.name.isEmpty());
            if (g.uuid) QVERIFY2(g.uuid->startsWith("GPU-") || g.uuid->startsWith("MIG-"), qPrintable(*g.uuid));
            QVERIFY(g.memoryTotalBytes && *g.memoryTotalBytes > 0);
            QVERIFY(g.memoryUsedBytes && *g.memoryUsedBytes <= *g.memoryTotalBytes);
            if (g.gpuUtilPct) QVERIFY(*g.gpuUtilPct <= 100);
            if (g.memoryUtilPct) QVERIFY(*g.memoryUtilPct <= 100);
            if (g.fanPct) QVERIFY(*g.fanPct <= 100);
            if (g.temperatureC) QVERIFY(*g.temperatureC > 0 && *g.temperatureC < 130);
            if (g.powerW && g.powerLimitW) QVERIFY(*g.powerW > 0 && *g.powerLimitW > 0);
            if (g.energyMj && first[i].energyMj) QVERIFY(*g.energyMj >= *first[i].energyMj);
        }
    }
};

QTEST_GUILESS_MAIN(TestNvmlGpu)
#include "tst_nvml_gpu.moc"
