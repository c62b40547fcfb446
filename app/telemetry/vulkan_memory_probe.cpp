#include "telemetry/vulkan_memory_probe.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

#include "fyr/kernels/vulkan_memory.h"

namespace fyr::app::telemetry {

VulkanMemoryProbe::VulkanMemoryProbe() : VulkanMemoryProbe(Filter{}) {}

VulkanMemoryProbe::VulkanMemoryProbe(Filter filter)
    : m_filter(std::move(filter)), m_reader(std::make_unique<fyr::kernels::VulkanMemoryReader>()) {}

bool VulkanMemoryProbe::keeps(const Filter& filter, const fyr::kernels::VulkanMemory& memory) {
    if (filter.skipCpu && memory.is_cpu) return false;
    return std::find(filter.skipVendors.begin(), filter.skipVendors.end(), memory.vendor_id) == filter.skipVendors.end();
}

VulkanMemoryProbe::~VulkanMemoryProbe() = default;

bool VulkanMemoryProbe::available() const {
    return m_reader->available();
}

QString VulkanMemoryProbe::reason() const {
    if (available()) return {};
    return QCoreApplication::translate("fyr::app::telemetry::VulkanMemoryProbe", "Vulkan: %1")
        .arg(QString::fromStdString(m_reader->reason()));
}

GpuSample VulkanMemoryProbe::toSample(const fyr::kernels::VulkanMemory& memory) {
    GpuSample s;
    s.backend = QStringLiteral("vulkan");
    s.index = memory.index;
    s.name = QString::fromStdString(memory.name);
    if (memory.uuid) {
        const QByteArray hex = QByteArray(reinterpret_cast<const char*>(memory.uuid->data()), 16).toHex();
        QString text = QStringLiteral("%1-%2-%3-%4-%5")
                           .arg(QString::fromLatin1(hex.mid(0, 8)), QString::fromLatin1(hex.mid(8, 4)),
                                QString::fromLatin1(hex.mid(12, 4)), QString::fromLatin1(hex.mid(16, 4)),
                                QString::fromLatin1(hex.mid(20, 12)));
        if (memory.vendor_id == kVendorNvidia) text.prepend(QStringLiteral("GPU-"));
        s.uuid = text;
    }
    s.memoryTotalBytes = memory.local_total();
    if (const auto used = memory.local_usage()) {
        s.memoryUsedBytes = *used;
    } else {
        s.errors << QCoreApplication::translate("fyr::app::telemetry::VulkanMemoryProbe",
                                                "memory in use unknown: the driver lacks VK_EXT_memory_budget "
                                                "(the total is the heaps' size)");
    }
    return s;
}

std::vector<GpuSample> VulkanMemoryProbe::sample() {
    std::vector<GpuSample> out;
    if (!available()) return out;
    for (const fyr::kernels::VulkanMemory& m : m_reader->read())
        if (keeps(m_filter, m)) out.push_back(toSample(m));
    return out;
}

}  // namespace fyr::app::telemetry
