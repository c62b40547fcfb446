// AmdSysfsProbe on a fake sysfs tree: every field of a full amdgpu card; other
// vendors' cards, connectors and render nodes left out; cards in number order;
// the instant-power file where there is no average; malformed, out-of-range and
// huge files leave their field empty and name the file; a card whose files go
// away is lost; a tree without AMD cards is not available, with the reason.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "telemetry/amd_sysfs_probe.h"

using fyr::app::telemetry::AmdSysfsProbe;
using fyr::app::telemetry::GpuSample;

namespace {

void put(const QString& root, const QString& relative, const QByteArray& bytes) {
    const QString path = QDir(root).filePath(relative);
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) f.write(bytes);
}

// A Radeon as amdgpu shows it (values from an RX 7900 XTX at light load).
void fullCard(const QString& root, int n) {
    const QString d = QStringLiteral("sys/class/drm/card%1/device/").arg(n);
    put(root, d + "gpu_busy_percent", "87\n");
    put(root, d + "mem_busy_percent", "23\n");
    put(root, d + "mem_info_vram_used", "4294967296\n");
    put(root, d + "mem_info_vram_total", "25753026560\n");
    put(root, d + "product_name", "Radeon RX 7900 XTX\n");
    put(root, d + "unique_id", "a1b2c3d4e5f60708\n");
    put(root, d + "vendor", "0x1002\n");
    const QString h = d + "hwmon/hwmon3/";
    put(root, h + "temp1_input", "54000\n");
    put(root, h + "power1_average", "212000000\n");
    put(root, h + "power1_cap", "339000000\n");
    put(root, h + "freq1_input", "2482000000\n");
    put(root, h + "freq2_input", "1249000000\n");
    put(root, h + "pwm1", "102\n");
}

}  // namespace

class TestAmdSysfsProbe : public QObject {
    Q_OBJECT
private slots:
    void everyField() {
        QTemporaryDir root;
        fullCard(root.path(), 0);
        AmdSysfsProbe p(root.path());
        QVERIFY2(p.available(), qPrintable(p.reason()));
        QVERIFY(p.reason().isEmpty());
        const std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(1));
        const GpuSample& g = s[0];
        QCOMPARE(g.backend, QStringLiteral("amd-sysfs"));
        QCOMPARE(g.index, 0);
        QCOMPARE(g.name, QStringLiteral("Radeon RX 7900 XTX"));
        QCOMPARE(g.uuid.value_or(QString()), QStringLiteral("a1b2c3d4e5f60708"));
        QVERIFY(!g.lost);
        QVERIFY2(g.errors.isEmpty(), qPrintable(g.errors.join('\n')));
        QCOMPARE(g.gpuUtilPct.value_or(0), 87u);
        QCOMPARE(g.memoryUtilPct.value_or(0), 23u);
        QCOMPARE(quint64(g.memoryUsedBytes.value_or(0)), quint64(4294967296));
        QCOMPARE(quint64(g.memoryTotalBytes.value_or(0)), quint64(25753026560));
        QCOMPARE(g.temperatureC.value_or(0), 54.0);
        QCOMPARE(g.powerW.value_or(0), 212.0);
        QCOMPARE(g.powerLimitW.value_or(0), 339.0);
        QCOMPARE(g.smClockMhz.value_or(0), 2482u);
        QCOMPARE(g.memoryClockMhz.value_or(0), 1249u);
        QCOMPARE(g.fanPct.value_or(0), 40u);  // 102/255
        QVERIFY(!g.energyMj);
        QVERIFY(!g.processes);
        QVERIFY(!g.pcieRxKBps);
    }

    void otherCardsAndNodesAreSkipped() {
        QTemporaryDir root;
        fullCard(root.path(), 10);
        fullCard(root.path(), 2);
        // An NVIDIA card under the nvidia driver: no gpu_busy_percent.
        put(root.path(), "sys/class/drm/card1/device/vendor", "0x10de\n");
        // Connectors and render nodes that also sit in /sys/class/drm.
        put(root.path(), "sys/class/drm/card2-DP-1/device/gpu_busy_percent", "1\n");
        put(root.path(), "sys/class/drm/renderD128/device/gpu_busy_percent", "1\n");
        put(root.path(), "sys/class/drm/version", "drm 1.1.0\n");
        AmdSysfsProbe p(root.path());
        const std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(2));
        QCOMPARE(s[0].index, 2);
        QCOMPARE(s[1].index, 10);
    }

    // Power from power1_input where there is no power1_average; no hwmon, no name.
    void sparseCard() {
        QTemporaryDir root;
        const QString d = "sys/class/drm/card0/device/";
        put(root.path(), d + "gpu_busy_percent", "5");
        put(root.path(), d + "hwmon/hwmon0/power1_input", "15500000\n");
        AmdSysfsProbe p(root.path());
        std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(1));
        QCOMPARE(s[0].name, QStringLiteral("AMD GPU (card0)"));
        QVERIFY(!s[0].uuid);
        QCOMPARE(s[0].gpuUtilPct.value_or(0), 5u);
        QCOMPARE(s[0].powerW.value_or(0), 15.5);
        QVERIFY(!s[0].powerLimitW);
        QVERIFY(!s[0].memoryTotalBytes);
        QVERIFY(!s[0].temperatureC);
        QVERIFY(s[0].errors.isEmpty());
    }

    void badFilesNameThemselves() {
        QTemporaryDir root;
        fullCard(root.path(), 0);
        const QString d = root.filePath("sys/class/drm/card0/device/");
        put(root.path(), "sys/class/drm/card0/device/mem_busy_percent", "abc\n");
        put(root.path(), "sys/class/drm/card0/device/gpu_busy_percent", "250\n");
        put(root.path(), "sys/class/drm/card0/device/mem_info_vram_used", QByteArray(100000, '9'));
        put(root.path(), "sys/class/drm/card0/device/mem_info_vram_total", "");
        put(root.path(), "sys/class/drm/card0/device/hwmon/hwmon3/temp1_input", "-5000\n");
        AmdSysfsProbe p(root.path());
        const std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(1));
        const GpuSample& g = s[0];
        QVERIFY(!g.lost);
        QVERIFY(!g.gpuUtilPct);
        QVERIFY(!g.memoryUtilPct);
        QVERIFY(!g.memoryUsedBytes);
        QVERIFY(!g.memoryTotalBytes);
        QVERIFY(!g.temperatureC);
        QVERIFY(g.powerW);  // the good files still read
        const QString all = g.errors.join('\n');
        QCOMPARE(g.errors.size(), 5);
        QVERIFY2(all.contains(d + "mem_busy_percent: 'abc' is not a number"), qPrintable(all));
        QVERIFY2(all.contains(d + "gpu_busy_percent: 250 is not a percentage"), qPrintable(all));
        QVERIFY2(all.contains(d + "mem_info_vram_used: larger than"), qPrintable(all));
        QVERIFY2(all.contains(d + "mem_info_vram_total: empty"), qPrintable(all));
        QVERIFY2(all.contains("temp1_input: '-5000' is not a number"), qPrintable(all));
    }

    void cardThatGoesAwayIsLost() {
        QTemporaryDir root;
        fullCard(root.path(), 0);
        fullCard(root.path(), 1);
        AmdSysfsProbe p(root.path());
        QCOMPARE(p.sample().size(), size_t(2));
        QVERIFY(QDir(root.filePath("sys/class/drm/card1")).removeRecursively());
        const std::vector<GpuSample> s = p.sample();
        QCOMPARE(s.size(), size_t(2));
        QVERIFY(!s[0].lost);
        QVERIFY(s[1].lost);
        QCOMPARE(s[1].name, QStringLiteral("Radeon RX 7900 XTX"));
        QVERIFY(!s[1].gpuUtilPct);
        QVERIFY2(s[1].errors.join('\n').contains("card1/device/gpu_busy_percent: gone"),
                 qPrintable(s[1].errors.join('\n')));
    }

    void noAmdCard() {
        QTemporaryDir root;
        put(root.path(), "sys/class/drm/card0/device/vendor", "0x8086\n");
        AmdSysfsProbe p(root.path());
        QVERIFY(!p.available());
        QVERIFY2(p.reason().contains(root.filePath("sys/class/drm")), qPrintable(p.reason()));
        QVERIFY(p.sample().empty());

        AmdSysfsProbe none(root.filePath("nothing-here"));
        QVERIFY(!none.available());
    }

    // Whatever this machine has (no SKIP: that would hide the results above): no
    // crash, a reason when there is no AMD card, plausible values when there is.
    void realSysfs() {
        AmdSysfsProbe p;
        QCOMPARE(p.reason().isEmpty(), p.available());
        for (const GpuSample& g : p.sample())
            if (g.gpuUtilPct) QVERIFY(*g.gpuUtilPct <= 100);
    }
};

QTEST_GUILESS_MAIN(TestAmdSysfsProbe)
#include "tst_amd_sysfs_probe.moc"
