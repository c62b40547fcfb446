// Vulkan devices' memory: with VK_EXT_memory_budget the device-local budget and
// use; without it (Mesa's CPU driver here) the heaps' size, the use left empty
// and the sample saying why; heaps that are not device-local counted only when
// none is; and the machine's own Vulkan devices read through the real loader.
#include <QTest>

#include "fyr/kernels/vulkan_memory.h"
#include "telemetry/vulkan_memory_probe.h"

using fyr::app::telemetry::GpuSample;
using fyr::app::telemetry::VulkanMemoryProbe;
using fyr::kernels::VulkanHeap;
using fyr::kernels::VulkanMemory;

namespace {

constexpr uint64_t kGiB = uint64_t(1) << 30;

VulkanHeap heap(uint64_t size, bool local, std::optional<uint64_t> budget = {}, std::optional<uint64_t> usage = {}) {
    VulkanHeap h;
    h.size = size;
    h.device_local = local;
    h.budget = budget;
    h.usage = usage;
    return h;
}

}  // namespace

class TestVulkanMemoryProbe : public QObject {
    Q_OBJECT
private slots:
    void budgetAndUsageFromTheExtension() {
        VulkanMemory m;
        m.index = 1;
        m.name = "Discrete GPU";
        m.budget_supported = true;
        m.heaps = {heap(16 * kGiB, true, 15 * kGiB, 3 * kGiB), heap(64 * kGiB, false, 32 * kGiB, 1 * kGiB),
                   heap(256 * 1024 * 1024, true, 200 * 1024 * 1024, 10 * 1024 * 1024)};
        QCOMPARE(m.local_total(), 15 * kGiB + 200 * 1024 * 1024);
        QCOMPARE(m.local_usage().value_or(0), 3 * kGiB + 10 * 1024 * 1024);
        const GpuSample s = VulkanMemoryProbe::toSample(m);
        QCOMPARE(s.backend, QStringLiteral("vulkan"));
        QCOMPARE(s.index, 1);
        QCOMPARE(s.name, QStringLiteral("Discrete GPU"));
        QCOMPARE(s.memoryTotalBytes.value_or(0), 15 * kGiB + 200 * 1024 * 1024);
        QCOMPARE(s.memoryUsedBytes.value_or(0), 3 * kGiB + 10 * 1024 * 1024);
        QVERIFY(s.errors.isEmpty());
    }

    void heapSizesWithoutTheExtension() {
        VulkanMemory m;
        m.name = "llvmpipe";
        m.heaps = {heap(24 * kGiB, true), heap(8 * kGiB, false)};
        QCOMPARE(m.local_total(), 24 * kGiB);
        QVERIFY(!m.local_usage());
        const GpuSample s = VulkanMemoryProbe::toSample(m);
        QCOMPARE(s.memoryTotalBytes.value_or(0), 24 * kGiB);
        QVERIFY(!s.memoryUsedBytes);
        QCOMPARE(s.errors.size(), 1);
        QVERIFY2(s.errors.first().contains(QStringLiteral("VK_EXT_memory_budget")), qPrintable(s.errors.first()));
    }

    void withoutDeviceLocalHeapsAllCount() {
        VulkanMemory m;
        m.heaps = {heap(4 * kGiB, false), heap(2 * kGiB, false)};
        QCOMPARE(m.local_total(), 6 * kGiB);
        m.budget_supported = true;
        m.heaps = {heap(4 * kGiB, false, 3 * kGiB, 1 * kGiB), heap(2 * kGiB, false)};  // one heap without a reading
        QVERIFY(!m.local_usage());
    }

    void filterLeavesOutCoveredVendorsAndCpuDrivers() {
        VulkanMemory nvidia, intel, lavapipe;
        nvidia.vendor_id = VulkanMemoryProbe::kVendorNvidia;
        intel.vendor_id = 0x8086;
        lavapipe.vendor_id = 0x10005;  // Mesa's
        lavapipe.is_cpu = true;
        VulkanMemoryProbe::Filter all;
        QVERIFY(VulkanMemoryProbe::keeps(all, nvidia) && VulkanMemoryProbe::keeps(all, intel) &&
                VulkanMemoryProbe::keeps(all, lavapipe));
        VulkanMemoryProbe::Filter hub;
        hub.skipCpu = true;
        hub.skipVendors = {VulkanMemoryProbe::kVendorNvidia, VulkanMemoryProbe::kVendorAmd};
        QVERIFY(!VulkanMemoryProbe::keeps(hub, nvidia));
        QVERIFY(VulkanMemoryProbe::keeps(hub, intel));
        QVERIFY(!VulkanMemoryProbe::keeps(hub, lavapipe));
    }

    void uuidIsWrittenAsNvmlWritesIt() {
        VulkanMemory m;
        m.vendor_id = VulkanMemoryProbe::kVendorNvidia;
        m.uuid = std::array<uint8_t, 16>{0x3d, 0x2a, 0x11, 0x9f, 0x00, 0x01, 0xab, 0xcd,
                                         0xef, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70};
        m.heaps = {heap(8 * kGiB, true)};
        QCOMPARE(VulkanMemoryProbe::toSample(m).uuid.value_or(QString()),
                 QStringLiteral("GPU-3d2a119f-0001-abcd-ef10-203040506070"));
        m.vendor_id = 0x8086;
        QCOMPARE(VulkanMemoryProbe::toSample(m).uuid.value_or(QString()), QStringLiteral("3d2a119f-0001-abcd-ef10-203040506070"));
        m.uuid.reset();
        QVERIFY(!VulkanMemoryProbe::toSample(m).uuid);
    }

    void cpuDriversAreLeftOutOfTheHubsView() {
        VulkanMemoryProbe::Filter f;
        f.skipCpu = true;
        VulkanMemoryProbe probe(f);
        if (!probe.available()) QSKIP("SKIP : no Vulkan loader or device here");
        for (const GpuSample& s : probe.sample())
            QVERIFY2(!s.name.contains(QStringLiteral("llvmpipe")), qPrintable(s.name));
    }

    void theMachinesDevices() {
        VulkanMemoryProbe probe;
        QCOMPARE(probe.backend(), QStringLiteral("vulkan"));
        if (!probe.available()) {
            QVERIFY(!probe.reason().isEmpty());
            QVERIFY(probe.sample().empty());
            QSKIP(qPrintable(QStringLiteral("SKIP : no Vulkan device here: %1").arg(probe.reason())));
        }
        QVERIFY(probe.reason().isEmpty());
        const std::vector<GpuSample> samples = probe.sample();
        QVERIFY(!samples.empty());
        for (size_t i = 0; i < samples.size(); ++i) {
            const GpuSample& s = samples[i];
            QCOMPARE(s.index, int(i));
            QVERIFY(!s.name.isEmpty());
            QVERIFY(s.memoryTotalBytes.value_or(0) > 0);
            if (!s.memoryUsedBytes) QVERIFY(s.errors.join(QLatin1Char(' ')).contains(QStringLiteral("VK_EXT_memory_budget")));
            qInfo("%s: %.1f GiB%s", qPrintable(s.name), double(*s.memoryTotalBytes) / double(kGiB),
                  s.memoryUsedBytes ? qPrintable(QStringLiteral(", %1 MiB used").arg(*s.memoryUsedBytes >> 20))
                                    : " (heap size; no budget extension)");
        }
    }
};

QTEST_GUILESS_MAIN(TestVulkanMemoryProbe)
#include "tst_vulkan_memory_probe.moc"
