#include "telemetry/vulkan_memory_probe.h"

#include <QCoreApplication>
#include <QUuid>

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
        // The 16 bytes in RFC 4122 order, written 8-4-4-4-12 in lower case (as NVML does).
        QString text = QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char*>(memory.uuid->data()), 16))
                           .toString(QUuid::WithoutBraces);
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
