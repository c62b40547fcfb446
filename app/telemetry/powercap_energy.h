// The CPU packages' energy counters through the kernel's powercap interface
// (Intel RAPL, and AMD Zen's on Linux 5.8 and later, both under
// /sys/class/powercap/intel-rapl:N/energy_uj), for the energy of engine steps
// that run on the CPU. Only top-level package zones are summed (their
// sub-zones — core, uncore, dram — are parts of them or of something else);
// the counters wrap at max_energy_range_uj, which is handled.
//
// Since Linux 5.10 energy_uj is readable by root only (a side channel), so on
// most desktops the reader is not available and says why; an admin can grant
// read access (e.g. a udev rule) to measure.
//
//   fyr::app::telemetry::PowercapEnergy rapl;              // or PowercapEnergy(fakeRoot) in tests
//   if (!rapl.available()) qInfo() << rapl.reason();
//   std::optional<double> j = rapl.totalJoules();          // since the first reading, wraps added
//
// Thread-safety: totalJoules() from one thread at a time.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace fyr::app::telemetry {

class PowercapEnergy final {
public:
    explicit PowercapEnergy(const QString& sysfsRoot = QStringLiteral("/"));

    bool available() const { return !m_zones.empty(); }
    QString reason() const { return m_reason; }
    // Package zones found ("package-0", ...).
    std::vector<QString> zoneNames() const;

    // Joules counted by all package zones since this object's first reading
    // (wraps accounted for); none when a counter could not be read.
    std::optional<double> totalJoules();

private:
    struct Zone {
        QString name;
        QString energyPath;
        uint64_t rangeUj = 0;  // max_energy_range_uj; 0: unknown (no wrap handling)
        std::optional<uint64_t> lastUj;
        double accumulatedUj = 0;
    };
    std::vector<Zone> m_zones;
    QString m_reason;
};

}  // namespace fyr::app::telemetry
