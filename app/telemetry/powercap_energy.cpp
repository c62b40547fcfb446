#include "telemetry/powercap_energy.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

#include <algorithm>

#include "telemetry/probe_file.h"

namespace fyr::app::telemetry {

PowercapEnergy::PowercapEnergy(const QString& sysfsRoot) {
    const QString base = QDir(sysfsRoot).filePath(QStringLiteral("sys/class/powercap"));
    const QDir dir(base);
    if (!dir.exists()) {
        m_reason = QCoreApplication::translate("fyr::app::telemetry::PowercapEnergy", "CPU energy: no powercap interface (%1)").arg(base);
        return;
    }
    static const QRegularExpression topLevel(QStringLiteral("^intel-rapl:[0-9]+$"));
    QStringList entries = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::System);
    std::sort(entries.begin(), entries.end());
    bool unreadable = false;
    for (const QString& entry : std::as_const(entries)) {
        if (!topLevel.match(entry).hasMatch()) continue;
        const QString zoneDir = dir.filePath(entry);
        const QString name = QString::fromLatin1(ProbeFile::readHead(zoneDir + QStringLiteral("/name"), 64).bytes.trimmed());
        if (!name.startsWith(QLatin1String("package"))) continue;  // psys and others overlap the packages
        Zone z;
        z.name = name;
        z.energyPath = zoneDir + QStringLiteral("/energy_uj");
        z.rangeUj = ProbeFile::readUnsigned(zoneDir + QStringLiteral("/max_energy_range_uj")).value_or(0);
        if (!ProbeFile::readUnsigned(z.energyPath)) {
            unreadable = true;
            continue;
        }
        m_zones.push_back(z);
    }
    if (m_zones.empty())
        m_reason = unreadable ? QCoreApplication::translate("fyr::app::telemetry::PowercapEnergy", "CPU energy: %1/intel-rapl:*/energy_uj is readable by root only "
                                           "(grant read access to measure the engine's energy)")
                                    .arg(base)
                              : QCoreApplication::translate("fyr::app::telemetry::PowercapEnergy", "CPU energy: no RAPL package zones under %1").arg(base);
}

std::vector<QString> PowercapEnergy::zoneNames() const {
    std::vector<QString> out;
    for (const Zone& z : m_zones) out.push_back(z.name);
    return out;
}

std::optional<double> PowercapEnergy::totalJoules() {
    if (m_zones.empty()) return std::nullopt;
    double total = 0;
    for (Zone& z : m_zones) {
        const std::optional<uint64_t> now = ProbeFile::readUnsigned(z.energyPath);
        if (!now) return std::nullopt;
        if (z.lastUj) {
            if (*now >= *z.lastUj)
                z.accumulatedUj += static_cast<double>(*now - *z.lastUj);
            else if (z.rangeUj > 0 && *z.lastUj <= z.rangeUj)  // wrapped once
                z.accumulatedUj += static_cast<double>(z.rangeUj - *z.lastUj + *now);
        }
        z.lastUj = now;
        total += z.accumulatedUj;
    }
    return total / 1e6;
}

}  // namespace fyr::app::telemetry
