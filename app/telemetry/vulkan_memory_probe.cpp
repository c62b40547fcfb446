#include "telemetry/vulkan_memory_probe.h"

#include <QCoreApplication>

#include "fyr/kernels/vulkan_memory.h"

namespace fyr::app::telemetry {

VulkanMemoryProbe::VulkanMemoryProbe() : m_reader(std::make_unique<fyr::kernels::VulkanMemoryReader>()) {}

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
    for (const fyr::kernels::VulkanMemory& m : m_reader->read()) out.push_back(toSample(m));
    return out;
}

}  // namespace fyr::app::telemetry
