#include "telemetry/amd_sysfs_probe.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

#include <algorithm>

#include "telemetry/probe_file.h"

namespace fyr::app::telemetry {

namespace {

// A number file that may be absent (this card or kernel has no such attribute):
// empty without an error; present but malformed: empty, with the error noted.
std::optional<uint64_t> optionalNumber(const QString& path, QStringList& errors) {
    if (!ProbeFile::exists(path)) return std::nullopt;
    QString error;
    std::optional<uint64_t> v = ProbeFile::readUnsigned(path, &error);
    if (!v) errors << error;
    return v;
}

std::optional<QString> optionalText(const QString& path) {
    if (!ProbeFile::exists(path)) return std::nullopt;
    const ProbeFile::Text t = ProbeFile::read(path, 256);
    const QString s = QString::fromUtf8(t.bytes).trimmed();
    if (!t.error.isEmpty() || s.isEmpty()) return std::nullopt;
    return s;
}

// The card's hwmon folder (device/hwmon/hwmonN), or "" when it has none.
QString hwmonOf(const QString& device) {
    const QDir dir(device + QStringLiteral("/hwmon"));
    const QStringList entries =
        dir.entryList({QStringLiteral("hwmon*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    return entries.isEmpty() ? QString() : dir.filePath(entries.first());
}

std::optional<unsigned> percent(const QString& path, QStringList& errors) {
    const std::optional<uint64_t> v = optionalNumber(path, errors);
    if (!v) return std::nullopt;
    if (*v > 100) {
        errors << QCoreApplication::translate("fyr::app::telemetry::AmdSysfsProbe", "%1: %2 is not a percentage")
                      .arg(path)
                      .arg(*v);
        return std::nullopt;
    }
    return static_cast<unsigned>(*v);
}

}  // namespace

AmdSysfsProbe::AmdSysfsProbe(const QString& root) : m_drm(QDir(root).filePath(QStringLiteral("sys/class/drm"))) {
    static const QRegularExpression cardName(QStringLiteral("^card(\\d{1,6})$"));
    const QStringList entries = QDir(m_drm).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::System);
    for (const QString& e : entries) {
        const QRegularExpressionMatch m = cardName.match(e);
        if (!m.hasMatch()) continue;  // connectors: card0-DP-1, renderD128, version
        Card c;
        c.index = m.captured(1).toInt();
        c.device = m_drm + QLatin1Char('/') + e + QStringLiteral("/device");
        if (!ProbeFile::exists(c.device + QStringLiteral("/gpu_busy_percent"))) continue;
        c.name =
            optionalText(c.device + QStringLiteral("/product_name"))
                .value_or(
                    QCoreApplication::translate("fyr::app::telemetry::AmdSysfsProbe", "AMD GPU (card%1)").arg(c.index));
        c.uuid = optionalText(c.device + QStringLiteral("/unique_id"));
        m_cards.push_back(c);
    }
    std::sort(m_cards.begin(), m_cards.end(), [](const Card& a, const Card& b) { return a.index < b.index; });
}

QString AmdSysfsProbe::reason() const {
    if (available()) return {};
    return QCoreApplication::translate("fyr::app::telemetry::AmdSysfsProbe",
                                       "no AMD GPU: no %1/card*/device/gpu_busy_percent")
        .arg(m_drm);
}

std::vector<GpuSample> AmdSysfsProbe::sample() {
    std::vector<GpuSample> out;
    out.reserve(m_cards.size());
    for (const Card& c : m_cards) out.push_back(sampleCard(c));
    return out;
}

GpuSample AmdSysfsProbe::sampleCard(const Card& card) const {
    GpuSample s;
    s.backend = backend();
    s.index = card.index;
    s.name = card.name;
    s.uuid = card.uuid;

    // gpu_busy_percent was there when the card was found: its absence now means
    // the device went away (unbound, hot-unplugged, reset).
    const QString busy = card.device + QStringLiteral("/gpu_busy_percent");
    if (!ProbeFile::exists(busy)) {
        s.lost = true;
        s.errors << QCoreApplication::translate("fyr::app::telemetry::AmdSysfsProbe", "%1: gone").arg(busy);
        return s;
    }
    s.gpuUtilPct = percent(busy, s.errors);
    s.memoryUtilPct = percent(card.device + QStringLiteral("/mem_busy_percent"), s.errors);
    s.memoryUsedBytes = optionalNumber(card.device + QStringLiteral("/mem_info_vram_used"), s.errors);
    s.memoryTotalBytes = optionalNumber(card.device + QStringLiteral("/mem_info_vram_total"), s.errors);

    const QString hwmon = hwmonOf(card.device);
    if (hwmon.isEmpty()) return s;
    auto file = [&](const char* name) -> QString { return hwmon + QLatin1Char('/') + QLatin1String(name); };
    if (auto t = optionalNumber(file("temp1_input"), s.errors)) s.temperatureC = *t / 1000.0;  // millidegrees
    // Older kernels average the power over a window (power1_average); newer ones on
    // some GPUs only give the instant value (power1_input). Both in microwatts.
    std::optional<uint64_t> power = optionalNumber(file("power1_average"), s.errors);
    if (!power) power = optionalNumber(file("power1_input"), s.errors);
    if (power) s.powerW = *power / 1e6;
    if (auto cap = optionalNumber(file("power1_cap"), s.errors)) s.powerLimitW = *cap / 1e6;
    if (auto sclk = optionalNumber(file("freq1_input"), s.errors))  // Hz
        s.smClockMhz = static_cast<unsigned>(std::min<uint64_t>(*sclk / 1000000, UINT32_MAX));
    if (auto mclk = optionalNumber(file("freq2_input"), s.errors))
        s.memoryClockMhz = static_cast<unsigned>(std::min<uint64_t>(*mclk / 1000000, UINT32_MAX));
    if (auto pwm = optionalNumber(file("pwm1"), s.errors); pwm && *pwm <= 255)  // 0..255 duty cycle
        s.fanPct = static_cast<unsigned>((*pwm * 100 + 127) / 255);
    if (auto uj = optionalNumber(file("energy1_input"), s.errors)) s.energyMj = *uj / 1000;  // microjoules
    return s;
}

}  // namespace fyr::app::telemetry
