// The host as the dashboards show it beside the GPUs: CPU utilization (from two
// readings of /proc/stat, so the first sample has none), RAM total and available
// (/proc/meminfo), and this process's resident memory and thread count
// (/proc/self/status). The root is a parameter so that tests read fake files.
//
//   fyr::app::telemetry::SystemProbe sys;      // or SystemProbe(tempDir) in a test
//   sys.sample();                              // primes the CPU reading
//   SystemSample s = sys.sample();             // s.cpuUtilPct since the previous call
//
// Thread-safety: sample() from one thread at a time (it keeps the previous CPU
// reading); SystemSample is a plain value.
#pragma once

#include <QByteArrayView>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace fyr::app::telemetry {

struct SystemSample {
    std::optional<double> cpuUtilPct;  // all CPUs together, since the previous sample
    std::optional<uint64_t> ramTotalBytes;
    std::optional<uint64_t> ramAvailableBytes;
    std::optional<uint64_t> processRssBytes;
    std::optional<unsigned> processThreads;
    QStringList errors;  // a file missing or malformed, named; translated
};

class SystemProbe final {
public:
    // Jiffies from the "cpu" line of /proc/stat: busy excludes idle and iowait.
    struct CpuTimes {
        uint64_t busy = 0;
        uint64_t total = 0;
    };

    explicit SystemProbe(const QString& root = QStringLiteral("/"));

    SystemSample sample();

    // The aggregate "cpu" line of /proc/stat's text; empty when it is missing or
    // malformed.
    static std::optional<CpuTimes> parseCpuLine(QByteArrayView stat);
    // Percent busy between two readings; empty when no time passed or the counters
    // went backwards (CPUs taken offline, a wrapped counter).
    static std::optional<double> cpuUtilization(const CpuTimes& before, const CpuTimes& after);
    // "<key>:  <number> [kB]" from /proc/meminfo or /proc/self/status text, in
    // bytes when the line says kB; empty when the key or a sane number is missing.
    static std::optional<uint64_t> parseField(QByteArrayView text, QByteArrayView key);

private:
    QString m_root;
    std::optional<CpuTimes> m_previousCpu;
};

}  // namespace fyr::app::telemetry

Q_DECLARE_METATYPE(fyr::app::telemetry::SystemSample)
