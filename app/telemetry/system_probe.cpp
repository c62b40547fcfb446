#include "telemetry/system_probe.h"

#include <QCoreApplication>
#include <QDir>

#include "telemetry/probe_file.h"

namespace fyr::app::telemetry {

namespace {

QString missingField(const QString& path, QByteArrayView key) {
    return QCoreApplication::translate("fyr::app::telemetry::SystemProbe", "%1: no valid '%2' line")
        .arg(path, QString::fromLatin1(key));
}

}  // namespace

SystemProbe::SystemProbe(const QString& root) : m_root(root) {}

std::optional<SystemProbe::CpuTimes> SystemProbe::parseCpuLine(QByteArrayView stat) {
    const qsizetype eol = stat.indexOf('\n');
    if (eol < 0) return std::nullopt;  // the first line is complete or not trusted
    const QByteArrayView line = stat.first(eol);
    if (!line.startsWith("cpu ")) return std::nullopt;
    // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time
    // is already counted in user and nice, so only the first eight are summed.
    uint64_t fields[8] = {};
    int n = 0;
    qsizetype i = 4;
    while (n < 8) {
        while (i < line.size() && line[i] == ' ') ++i;
        if (i == line.size()) break;
        qsizetype end = i;
        while (end < line.size() && line[end] != ' ') ++end;
        const std::optional<uint64_t> v = ProbeFile::parseUnsigned(line.sliced(i, end - i));
        if (!v) return std::nullopt;
        fields[n++] = *v;
        i = end;
    }
    if (n < 4) return std::nullopt;  // kernels before 2.6 had four; anything less is broken
    CpuTimes t;
    const uint64_t idle = fields[3] + fields[4];
    for (const uint64_t f : fields) {
        if (t.total > UINT64_MAX - f) return std::nullopt;
        t.total += f;
    }
    t.busy = t.total - idle;
    return t;
}

std::optional<double> SystemProbe::cpuUtilization(const CpuTimes& before, const CpuTimes& after) {
    if (after.total <= before.total || after.busy < before.busy) return std::nullopt;
    const uint64_t total = after.total - before.total;
    const uint64_t busy = after.busy - before.busy;
    if (busy > total) return std::nullopt;
    return 100.0 * static_cast<double>(busy) / static_cast<double>(total);
}

std::optional<uint64_t> SystemProbe::parseField(QByteArrayView text, QByteArrayView key) {
    qsizetype from = 0;
    while (from < text.size()) {
        qsizetype eol = text.indexOf('\n', from);
        if (eol < 0) eol = text.size();
        const QByteArrayView line = text.sliced(from, eol - from);
        from = eol + 1;
        if (line.size() <= key.size() || !line.startsWith(key) || line[key.size()] != ':') continue;
        QByteArrayView value = line.sliced(key.size() + 1).trimmed();
        uint64_t scale = 1;
        if (value.endsWith(" kB")) {
            value = value.chopped(3).trimmed();
            scale = 1024;
        }
        const std::optional<uint64_t> v = ProbeFile::parseUnsigned(value);
        if (!v || *v > UINT64_MAX / scale) return std::nullopt;
        return *v * scale;
    }
    return std::nullopt;
}

SystemSample SystemProbe::sample() {
    SystemSample s;
    const QDir root(m_root);

    // Only the first line of /proc/stat is needed; the rest (per-CPU lines, one
    // counter per interrupt) can be long on big machines.
    const QString statPath = root.filePath(QStringLiteral("proc/stat"));
    const ProbeFile::Text stat = ProbeFile::readHead(statPath, 4096);
    if (!stat.error.isEmpty()) {
        s.errors << stat.error;
    } else if (const std::optional<CpuTimes> now = parseCpuLine(stat.bytes)) {
        if (m_previousCpu) s.cpuUtilPct = cpuUtilization(*m_previousCpu, *now);
        m_previousCpu = now;
    } else {
        s.errors << missingField(statPath, "cpu");
    }

    const QString memPath = root.filePath(QStringLiteral("proc/meminfo"));
    const ProbeFile::Text mem = ProbeFile::read(memPath);
    if (!mem.error.isEmpty()) {
        s.errors << mem.error;
    } else {
        s.ramTotalBytes = parseField(mem.bytes, "MemTotal");
        s.ramAvailableBytes = parseField(mem.bytes, "MemAvailable");
        if (!s.ramTotalBytes) s.errors << missingField(memPath, "MemTotal");
        if (!s.ramAvailableBytes) s.errors << missingField(memPath, "MemAvailable");
    }

    const QString statusPath = root.filePath(QStringLiteral("proc/self/status"));
    const ProbeFile::Text status = ProbeFile::read(statusPath);
    if (!status.error.isEmpty()) {
        s.errors << status.error;
    } else {
        s.processRssBytes = parseField(status.bytes, "VmRSS");
        const std::optional<uint64_t> threads = parseField(status.bytes, "Threads");
        if (threads && *threads <= UINT32_MAX) s.processThreads = static_cast<unsigned>(*threads);
        if (!s.processRssBytes) s.errors << missingField(statusPath, "VmRSS");
        if (!s.processThreads) s.errors << missingField(statusPath, "Threads");
    }
    return s;
}

}  // namespace fyr::app::telemetry
