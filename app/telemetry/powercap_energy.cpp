#include "telemetry/powercap_energy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace fyr::app::telemetry {

namespace {


// The first line of a small sysfs file; none when it cannot be read.
std::optional<QByteArray> readLine(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return std::nullopt;
    return f.read(64).trimmed();
}

std::optional<uint64_t> readNumber(const QString& path) {
    const auto line = readLine(path);
    if (!line) return std::nullopt;
    bool ok = false;
    const qulonglong v = line->toULongLong(&ok);
    return ok ? std::optional<uint64_t>(v) : std::nullopt;
}

}  // namespace

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
        const QString name = QString::fromLatin1(readLine(zoneDir + QStringLiteral("/name")).value_or(QByteArray()));
        if (!name.startsWith(QLatin1String("package"))) continue;  // psys and others overlap the packages
        Zone z;
        z.name = name;
        z.energyPath = zoneDir + QStringLiteral("/energy_uj");
        z.rangeUj = readNumber(zoneDir + QStringLiteral("/max_energy_range_uj")).value_or(0);
        if (!readNumber(z.energyPath)) {
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
        const std::optional<uint64_t> now = readNumber(z.energyPath);
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
