// AMD GPUs through the amdgpu kernel driver's sysfs files: per card
// /sys/class/drm/cardN/device/{gpu_busy_percent, mem_busy_percent,
// mem_info_vram_used, mem_info_vram_total} and its hwmon folder (temp1_input,
// power1_average or power1_input, power1_cap, freq1_input, freq2_input, pwm1).
// Cards without gpu_busy_percent (other vendors' drivers) are not listed. The
// root is a parameter so that tests read a fake tree.
//
//   fyr::app::telemetry::AmdSysfsProbe amd;          // or AmdSysfsProbe(tempDir) in a test
//   if (amd.available()) for (const GpuSample& s : amd.sample()) ...
//
// A card found at start whose files have gone is reported as lost; a file that
// is there but malformed leaves its field empty and names itself in `errors`.
//
// Thread-safety: sample() from one thread at a time; the rest from any thread.
#pragma once

#include <QString>

#include <vector>

#include "telemetry/gpu_probe.h"

namespace fyr::app::telemetry {

class AmdSysfsProbe final : public GpuProbe {
public:
    explicit AmdSysfsProbe(const QString& root = QStringLiteral("/"));

    QString backend() const override { return QStringLiteral("amd-sysfs"); }
    bool available() const override { return !m_cards.empty(); }
    QString reason() const override;
    std::vector<GpuSample> sample() override;

private:
    struct Card {
        int index = -1;
        QString device;  // .../cardN/device
        QString name;
        std::optional<QString> uuid;
    };

    GpuSample sampleCard(const Card& card) const;

    QString m_drm;  // <root>/sys/class/drm
    std::vector<Card> m_cards;
};

}  // namespace fyr::app::telemetry
