// fyrctl top: a live view of the machine and the installation's requests — each
// GPU's use, memory, temperature and power; CPU, memory and this process; and,
// acting as a user (--as, dashboards.view), the requests of the last minutes
// from the store: how many, failures, tokens per second, TTFT, TPOT and
// end-to-end percentiles, per model. Redraws every --interval seconds until
// Ctrl+C (--count N frames, --once one); --json prints each frame as a JSON line.
//
//   fyrctl top [--interval S] [--window MIN] [--count N | --once] [--json] [--nvml PATH]
//              [--db PATH --as NAME]
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimeZone>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <vector>

#include "cli/admin_session.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "services/request_window.h"
#include "telemetry/amd_sysfs_probe.h"
#include "telemetry/nvml_probe.h"
#include "telemetry/probe_sampler.h"
#include "telemetry/system_probe.h"
#include "telemetry/vulkan_memory_probe.h"

namespace fyr::app::cli {

using namespace fyr::app::telemetry;

namespace {

std::atomic<bool> g_interrupted{false};

void onTopInterrupt(int) {
    g_interrupted.store(true);
}

QString gib(uint64_t bytes) {
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024 * 1024), 'f', 1);
}

QString orDash(const std::optional<double>& v, int decimals = 0) {
    return v ? QString::number(*v, 'f', decimals) : QStringLiteral("-");
}

QString ms(double v) {
    return QString::number(v, 'f', v < 10 ? 1 : 0);
}

QJsonObject percentilesJson(const Percentiles& p) {
    return {{QStringLiteral("count"), p.count},
            {QStringLiteral("p50"), p.p50},
            {QStringLiteral("p95"), p.p95},
            {QStringLiteral("p99"), p.p99},
            {QStringLiteral("max"), p.max}};
}

QJsonObject groupJson(const RequestWindow::Group& g) {
    QJsonObject o{{QStringLiteral("requests"), double(g.requests)},
                  {QStringLiteral("failed"), double(g.failed)},
                  {QStringLiteral("running"), double(g.running)},
                  {QStringLiteral("prompt_tokens"), double(g.promptTokens)},
                  {QStringLiteral("generated_tokens"), double(g.genTokens)},
                  {QStringLiteral("prompt_tokens_per_second"), g.promptPerSecond},
                  {QStringLiteral("generated_tokens_per_second"), g.genPerSecond},
                  {QStringLiteral("ttft_ms"), percentilesJson(g.ttftMs)},
                  {QStringLiteral("tpot_ms"), percentilesJson(g.tpotMs)},
                  {QStringLiteral("e2e_ms"), percentilesJson(g.e2eMs)}};
    if (!g.model.isEmpty()) o.insert(QStringLiteral("model"), g.model);
    return o;
}

QByteArray frameJson(const TelemetrySnapshot& snap, const std::optional<RequestWindow>& window, int64_t nowMs) {
    QJsonArray gpus;
    for (const GpuSample& g : snap.gpus) {
        QJsonObject o{{QStringLiteral("backend"), g.backend}, {QStringLiteral("index"), g.index},
                      {QStringLiteral("name"), g.name}, {QStringLiteral("lost"), g.lost}};
        if (g.gpuUtilPct) o.insert(QStringLiteral("utilization_pct"), double(*g.gpuUtilPct));
        if (g.memoryUsedBytes) o.insert(QStringLiteral("memory_used_bytes"), double(*g.memoryUsedBytes));
        if (g.memoryTotalBytes) o.insert(QStringLiteral("memory_total_bytes"), double(*g.memoryTotalBytes));
        if (g.temperatureC) o.insert(QStringLiteral("temperature_c"), *g.temperatureC);
        if (g.powerW) o.insert(QStringLiteral("power_w"), *g.powerW);
        if (g.powerLimitW) o.insert(QStringLiteral("power_limit_w"), *g.powerLimitW);
        gpus.append(o);
    }
    QJsonObject out{{QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).toString(Qt::ISODateWithMs)},
                    {QStringLiteral("gpus"), gpus},
                    {QStringLiteral("unavailable"), QJsonArray::fromStringList(snap.unavailable)}};
    if (snap.system) {
        const SystemSample& s = *snap.system;
        QJsonObject o;
        if (s.cpuUtilPct) o.insert(QStringLiteral("cpu_utilization_pct"), *s.cpuUtilPct);
        if (s.ramTotalBytes) o.insert(QStringLiteral("memory_total_bytes"), double(*s.ramTotalBytes));
        if (s.ramAvailableBytes) o.insert(QStringLiteral("memory_available_bytes"), double(*s.ramAvailableBytes));
        out.insert(QStringLiteral("system"), o);
    }
    if (window) {
        QJsonArray models;
        for (const RequestWindow::Group& g : window->models) models.append(groupJson(g));
        QJsonObject r = groupJson(window->total);
        r.insert(QStringLiteral("window_seconds"), double(window->untilMs - window->sinceMs) / 1000.0);
        r.insert(QStringLiteral("models"), models);
        out.insert(QStringLiteral("requests"), r);
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

QString frameText(const TelemetrySnapshot& snap, const std::optional<RequestWindow>& window, const QString& requestsNote,
                  int64_t nowMs, double intervalS, int windowMin) {
    QString t;
    const QString now = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    t += QCoreApplication::translate("fyrctl", "Fyr top — %1 UTC, every %2 s, requests of the last %3 min (Ctrl+C ends)\n")
             .arg(now)
             .arg(intervalS)
             .arg(windowMin);
    t += u'\n';
    if (snap.gpus.empty()) {
        t += QCoreApplication::translate("fyrctl", "GPUs: none found\n");
    } else {
        t += QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                 .arg(QCoreApplication::translate("fyrctl", "GPU"), -8)
                 .arg(QCoreApplication::translate("fyrctl", "NAME"), -28)
                 .arg(QCoreApplication::translate("fyrctl", "USE"), 5)
                 .arg(QCoreApplication::translate("fyrctl", "MEMORY GiB"), 14)
                 .arg(QCoreApplication::translate("fyrctl", "TEMP °C"), 8)
                 .arg(QCoreApplication::translate("fyrctl", "POWER W"), 11);
        for (const GpuSample& g : snap.gpus) {
            const QString id = QStringLiteral("%1:%2").arg(g.backend).arg(g.index);
            if (g.lost) {
                t += QStringLiteral("%1 %2 %3\n").arg(id, -8).arg(g.name.left(28), -28).arg(
                    QCoreApplication::translate("fyrctl", "lost: %1").arg(g.errors.join(QStringLiteral("; "))));
                continue;
            }
            const QString use = g.gpuUtilPct ? QStringLiteral("%1%").arg(*g.gpuUtilPct) : QStringLiteral("-");
            const QString mem = g.memoryTotalBytes
                                    ? QStringLiteral("%1/%2").arg(g.memoryUsedBytes ? gib(*g.memoryUsedBytes) : QStringLiteral("-"),
                                                                  gib(*g.memoryTotalBytes))
                                    : QStringLiteral("-");
            const QString power = g.powerW ? (g.powerLimitW ? QStringLiteral("%1/%2").arg(orDash(g.powerW), orDash(g.powerLimitW))
                                                             : orDash(g.powerW))
                                           : QStringLiteral("-");
            t += QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                     .arg(id, -8)
                     .arg(g.name.left(28), -28)
                     .arg(use, 5)
                     .arg(mem, 14)
                     .arg(orDash(g.temperatureC), 8)
                     .arg(power, 11);
        }
    }
    for (const QString& why : snap.unavailable) t += QCoreApplication::translate("fyrctl", "  not available: %1\n").arg(why);
    if (snap.system) {
        const SystemSample& s = *snap.system;
        const QString ram = s.ramTotalBytes && s.ramAvailableBytes
                                ? QStringLiteral("%1/%2").arg(gib(*s.ramTotalBytes - *s.ramAvailableBytes), gib(*s.ramTotalBytes))
                                : QStringLiteral("-");
        t += QCoreApplication::translate("fyrctl", "CPU %1%   memory used %2 GiB\n").arg(orDash(s.cpuUtilPct), ram);
    }
    t += u'\n';
    if (!window) {
        t += requestsNote + u'\n';
        return t;
    }
    const RequestWindow::Group& a = window->total;
    t += QCoreApplication::translate("fyrctl", "Requests: %1 (%2 running, %3 failed), %4 tok/s generated, %5 tok/s prompt\n")
             .arg(a.requests)
             .arg(a.running)
             .arg(a.failed)
             .arg(a.genPerSecond, 0, 'f', 1)
             .arg(a.promptPerSecond, 0, 'f', 1);
    if (a.requests == 0) return t;
    t += QCoreApplication::translate("fyrctl", "  TTFT ms p50/p95/p99 %1/%2/%3   TPOT ms %4/%5/%6   end to end ms %7/%8/%9\n")
             .arg(ms(a.ttftMs.p50), ms(a.ttftMs.p95), ms(a.ttftMs.p99), ms(a.tpotMs.p50), ms(a.tpotMs.p95), ms(a.tpotMs.p99),
                  ms(a.e2eMs.p50), ms(a.e2eMs.p95), ms(a.e2eMs.p99));
    t += QStringLiteral("\n%1 %2 %3 %4 %5 %6\n")
             .arg(QCoreApplication::translate("fyrctl", "MODEL"), -28)
             .arg(QCoreApplication::translate("fyrctl", "REQUESTS"), 9)
             .arg(QCoreApplication::translate("fyrctl", "FAILED"), 7)
             .arg(QCoreApplication::translate("fyrctl", "GEN TOK/S"), 10)
             .arg(QCoreApplication::translate("fyrctl", "TTFT P95 MS"), 12)
             .arg(QCoreApplication::translate("fyrctl", "TPOT P95 MS"), 12);
    for (const RequestWindow::Group& g : window->models) {
        t += QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                 .arg(g.model.left(28), -28)
                 .arg(g.requests, 9)
                 .arg(g.failed, 7)
                 .arg(g.genPerSecond, 10, 'f', 1)
                 .arg(ms(g.ttftMs.p95), 12)
                 .arg(ms(g.tpotMs.p95), 12);
    }
    return t;
}

}  // namespace

int runTop(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("interval"), QCoreApplication::translate("fyrctl", "Seconds between frames (default 1; 0.2 to 60)."),
         QStringLiteral("S"), QStringLiteral("1")},
        {QStringLiteral("window"),
         QCoreApplication::translate("fyrctl", "Minutes of requests the figures cover (default 5; 1 to 1440)."),
         QStringLiteral("MIN"), QStringLiteral("5")},
        {QStringLiteral("count"), QCoreApplication::translate("fyrctl", "Frames to show, then end (default: until Ctrl+C)."),
         QStringLiteral("N")},
        {QStringLiteral("once"), QCoreApplication::translate("fyrctl", "Show one frame and end (as --count 1).")},
        {QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print each frame as one JSON line.")},
        {QStringLiteral("vulkan"), QCoreApplication::translate("fyrctl", "Also read the memory of Vulkan devices (for GPUs that NVML and amdgpu's sysfs do not cover).")},
        {QStringLiteral("nvml"), QCoreApplication::translate("fyrctl", "The NVML library to load (default libnvidia-ml.so.1)."),
         QStringLiteral("PATH")},
    });
    addAdminOptions(parser);
    if (auto rc = parseCommandLine(
            parser, args,
            QCoreApplication::translate("fyrctl", "Show GPUs, CPU, memory and, acting as a user, the latest requests' "
                                                  "rates and latency percentiles, redrawn until Ctrl+C."),
            io))
        return *rc;
    bool ok = false;
    const double intervalS = parser.value(QStringLiteral("interval")).toDouble(&ok);
    if (!ok || intervalS < 0.2 || intervalS > 60)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--interval expects 0.2 to 60 seconds"));
    const int windowMin = parser.value(QStringLiteral("window")).toInt(&ok);
    if (!ok || windowMin < 1 || windowMin > 1440)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--window expects 1 to 1440 minutes"));
    int64_t count = -1;
    if (parser.isSet(QStringLiteral("once"))) count = 1;
    if (parser.isSet(QStringLiteral("count"))) {
        count = parser.value(QStringLiteral("count")).toLongLong(&ok);
        if (!ok || count < 1) return usageError(args, io, QCoreApplication::translate("fyrctl", "--count expects a positive number"));
    }
    const bool json = parser.isSet(QStringLiteral("json"));

    // The requests come from the store, read as a user who may see dashboards.
    AdminSession session;
    const QString requestsNote =
        QCoreApplication::translate("fyrctl", "Requests: give --as NAME (and --db PATH) to read them from the installation.");
    if (parser.isSet(QStringLiteral("as"))) {
        if (auto rc = openAdminSession(parser, args, io, &session)) return *rc;
        if (auto rc = session.require(Permission::DashboardsView, args, io)) return *rc;
    }

    std::vector<std::unique_ptr<GpuProbe>> gpus;
    gpus.push_back(std::make_unique<NvmlProbe>(parser.value(QStringLiteral("nvml"))));
    gpus.push_back(std::make_unique<AmdSysfsProbe>());
    if (parser.isSet(QStringLiteral("vulkan"))) gpus.push_back(std::make_unique<VulkanMemoryProbe>());
    ProbeSampler sampler(std::move(gpus), std::make_unique<SystemProbe>());
    sampler.sampleOnce();  // CPU use needs a reading before

    const bool clear = !json && count != 1 && isatty(STDOUT_FILENO) == 1;
    g_interrupted.store(false);
    using Handler = void (*)(int);
    const Handler previous = std::signal(SIGINT, onTopInterrupt);
    const auto interval = std::chrono::milliseconds(static_cast<int64_t>(intervalS * 1000));
    int rc = kOk;
    for (int64_t frame = 0; count < 0 || frame < count; ++frame) {
        // The first frame after a short first CPU interval, then one per interval;
        // waited out in small steps so that Ctrl+C ends it at once.
        const auto until = std::chrono::steady_clock::now() + (frame == 0 ? std::chrono::milliseconds(200) : interval);
        while (!g_interrupted.load() && std::chrono::steady_clock::now() < until) QThread::msleep(20);
        if (g_interrupted.load()) break;
        const TelemetrySnapshot snap = sampler.sampleOnce();
        const int64_t nowMs = QDateTime::currentMSecsSinceEpoch();
        std::optional<RequestWindow> window;
        if (session.store) {
            QString error;
            window = RequestWindow::read(*session.store, nowMs - int64_t(windowMin) * 60'000, nowMs + 1, &error);
            if (!window) {
                io.err << QCoreApplication::translate("fyrctl", "fyrctl top: cannot read the requests: %1\n").arg(error);
                rc = kFailure;
                break;
            }
        }
        if (json) {
            io.out << frameJson(snap, window, nowMs) << '\n';
        } else {
            if (clear) io.out << "\x1b[H\x1b[2J";
            io.out << frameText(snap, window, requestsNote, nowMs, intervalS, windowMin);
            if (!clear && (count < 0 || frame + 1 < count)) io.out << '\n';
        }
        io.out.flush();
    }
    std::signal(SIGINT, previous);
    return rc;
}

}  // namespace fyr::app::cli
