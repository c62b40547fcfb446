// The Vulkan path end to end: GLSL compiled by glslc, embedded, dispatched on a
// device (Mesa's CPU driver where there is no GPU) and checked against the CPU.
#include <QTest>

#include "fyr/kernels/backend_info.h"
#include "fyr/kernels/vulkan_self_test.h"

class TestVulkanSelfTest : public QObject {
    Q_OBJECT
private slots:
    void selfTest_data() {
        QTest::addColumn<uint>("n");
        QTest::newRow("one element") << 1u;
        QTest::newRow("not a multiple of the workgroup") << 1001u;
        QTest::newRow("many workgroups") << 65536u;
    }
    void selfTest() {
        if (!fyr::kernels::vulkan_compiled()) QSKIP("Vulkan backend not built (FYR_VULKAN=OFF)");
        bool usable = false;
        std::string why;
        for (const auto& b : fyr::kernels::probe_backends()) {
            if (b.name == "vulkan") {
                usable = b.usable;
                why = b.detail;
            }
        }
        if (!usable) QSKIP(qPrintable(QStringLiteral("no Vulkan device: ") + QString::fromStdString(why)));
        QFETCH(uint, n);
        std::string detail;
        QVERIFY2(fyr::kernels::vulkan_self_test(0, n, detail), detail.c_str());
        QVERIFY(detail.find("verified") != std::string::npos);
    }

    void badArgumentsFailCleanly() {
        std::string detail;
        QVERIFY(!fyr::kernels::vulkan_self_test(0, 0, detail));
        QVERIFY(!detail.empty());
        detail.clear();
        QVERIFY(!fyr::kernels::vulkan_self_test(9999, 16, detail));
        QVERIFY(!detail.empty());
    }
};

QTEST_GUILESS_MAIN(TestVulkanSelfTest)
#include "tst_vulkan_self_test.moc"
