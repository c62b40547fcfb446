// fyrctl serve: the OpenAI-compatible API server (server/api_server.h) over one
// model, on the installation given by --db, started by the user given by --as.
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <csignal>

#include "cli/admin_session.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "cli/engine_options.h"
#include "engine/engine_bridge.h"
#include "guard/guard.h"
#include "server/api_server.h"
#include "services/installation_settings.h"
#include "services/telemetry_outputs.h"
#include "telemetry/fyr_metrics.h"
#include "telemetry/metrics_registry.h"
#include "telemetry/powercap_energy.h"
#include "telemetry/trace_store.h"

namespace fyr::app::cli {
namespace {

std::atomic<bool> g_stopServing{false};

void onServeSignal(int) {
    g_stopServing.store(true);
}

// SIGINT and SIGTERM end the server's loop instead of the process while it runs.
class StopSignals {
public:
    StopSignals() {
        g_stopServing.store(false);
        struct sigaction sa {};
        sa.sa_handler = onServeSignal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &m_oldInt);
        sigaction(SIGTERM, &sa, &m_oldTerm);
    }
    ~StopSignals() {
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    struct sigaction m_oldInt {};
    struct sigaction m_oldTerm {};
};

}  // namespace

int runServe(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption model(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                   QCoreApplication::translate("fyrctl", "The GGUF model file."),
                                   QStringLiteral("MODEL"));
    const QCommandLineOption host(
        QStringLiteral("host"), QCoreApplication::translate("fyrctl", "The address to listen on (default 127.0.0.1)."),
        QStringLiteral("H"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QCoreApplication::translate("fyrctl", "The port to listen on (default 8080; 0: any free port)."),
        QStringLiteral("P"), QStringLiteral("8080"));
    const QCommandLineOption threads(
        QStringLiteral("threads"),
        QCoreApplication::translate("fyrctl", "CPU threads for the model (default: one per core)."),
        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({model, host, port, threads});
    addAdminOptions(parser);
    if (auto rc = parseCommandLine(
            parser, args,
            QCoreApplication::translate("fyrctl",
                                        "Serve a model over an OpenAI-compatible HTTP API; API keys from fyrctl keys "
                                        "create, every request through the installation's gate."),
            io))
        return *rc;

    if (!parser.isSet(model))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-m MODEL is required"));
    if (!parser.isSet(QStringLiteral("as")))
        return usageError(
            args, io, QCoreApplication::translate("fyrctl", "--as NAME is required: the user who starts the server"));
    if (!parser.positionalArguments().isEmpty())
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "unexpected argument '%1'")
                              .arg(parser.positionalArguments().first()));
    QHostAddress address;
    const QString hostText = parser.value(host);
    if (hostText == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(hostText))
        return usageError(
            args, io,
            QCoreApplication::translate("fyrctl", "--host: expected an IP address such as 127.0.0.1 or ::1, not '%1'")
                .arg(hostText));
    QString bad;
    const double portNumber = numberOption(parser, port, 8080, &bad);
    const double threadCount = numberOption(parser, threads, 0, &bad);
    if (!bad.isEmpty()) return usageError(args, io, bad);
    if (portNumber < 0 || portNumber > 65535 || portNumber != std::floor(portNumber))
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "--port: expected a whole number from 0 to 65535"));
    if (threadCount < 0 || threadCount > 1024 || threadCount != std::floor(threadCount))
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "--threads: expected a whole number from 0 to 1024"));
    const QString modelPath = parser.value(model);
    if (!QFileInfo(modelPath).isFile())
        return commandFailure(args, io, QCoreApplication::translate("fyrctl", "no model file at %1").arg(modelPath));

    AdminSession session;
    if (auto rc = openAdminSession(parser, args, io, &session)) return *rc;
    if (auto rc = session.require(Permission::ModelsManage, args, io)) return *rc;
    QString guardError;
    std::shared_ptr<const guard::Guard> guardPtr =
        guard::Guard::forInstallation(session.store->path(), {}, &guardError);
    if (!guardPtr) return commandFailure(args, io, guardError);

    telemetry::MetricsRegistry registry;
    telemetry::FyrMetrics metrics(registry);
    // Each request's trace, continuing the caller's traceparent, kept and — when
    // the installation's settings turn the export on — sent to its collector.
    // Both outlive the engine (declared before it), whose last answers end in them.
    telemetry::TraceStore traces;
    TelemetryOutputs outputs;
    EngineBridge bridge;
    bridge.setMetrics(&metrics);
    for (const QString& problem : outputs.apply(InstallationSettings(*session.store))) io.err << problem << '\n';
    traces.setFinishedListener([&outputs](const std::vector<telemetry::Span>& spans) { outputs.exportTrace(spans); });
    bridge.setTraceStore(&traces);
    // The CPU packages' energy, where the kernel lets us read it, shared among each step's requests.
    if (auto rapl = std::make_shared<telemetry::PowercapEnergy>(); rapl->available())
        bridge.setEnergyCounter([rapl] { return rapl->totalJoules(); });
    LoadOptions load;
    load.nThreads = static_cast<int>(threadCount);
    load.endpoint = QStringLiteral("api");
    std::optional<ModelSummary> summary;
    QString loadError;
    {
        QEventLoop loop;
        QObject::connect(&bridge, &EngineBridge::modelLoaded, &loop, [&](const ModelSummary& s) {
            summary = s;
            loop.quit();
        });
        QObject::connect(&bridge, &EngineBridge::loadFailed, &loop, [&](const QString&, const QString& message) {
            loadError = message;
            loop.quit();
        });
        bridge.loadModel(modelPath, load);
        loop.exec();
    }
    if (!summary) return commandFailure(args, io, loadError);

    ApiServer server(*session.store, guardPtr, bridge, *summary, &registry);
    server.setAuditLog(session.audit.get());
    QString listenError;
    if (!server.listen(address, static_cast<quint16>(portNumber), &listenError))
        return commandFailure(args, io, listenError);
    const QString url = server.url().toString();
    if (auto rc = session.record(QStringLiteral("server.start"), url, summary->name, args, io)) return *rc;
    io.out << url << '\n';
    io.out.flush();
    io.err << QCoreApplication::translate("fyrctl", "serving %1 at %2 as %3; Ctrl+C stops\n")
                  .arg(summary->name, url, session.who.user);
    io.err.flush();

    {
        const StopSignals signals_;
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&loop] {
            if (g_stopServing.load()) loop.quit();
        });
        poll.start(100);
        loop.exec();
    }
    const int left = server.pendingRequests();
    io.err << QCoreApplication::translate("fyrctl", "stopping; %n answer(s) cut short\n", nullptr, left);
    if (auto rc = session.record(QStringLiteral("server.stop"), url, summary->name, args, io)) return *rc;
    return kOk;
}

}  // namespace fyr::app::cli
