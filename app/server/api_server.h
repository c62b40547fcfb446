// An OpenAI-compatible HTTP API over the loaded model, on Qt's QHttpServer:
//
//   GET  /health               {"status":"ok"}, no key needed
//   GET  /v1/models            the loaded model, in OpenAI's list format
//   POST /v1/chat/completions  a chat completion, whole or (with "stream": true)
//                              as server-sent events ending with "data: [DONE]"
//   GET  /metrics              the metrics registry in Prometheus' text format
//                              (a key whose role has dashboards.view)
//
// Every call but /health carries `Authorization: Bearer <key>`, a key made with
// `fyrctl keys create` and checked by Identity::authenticateKey(); it acts as the
// key's user with the key's role. A chat request goes through the RequestGate as
// a chat turn does (endpoint "api"): model access (403), quotas (429 with
// Retry-After), the input guard (400 naming the OWASP id), the output guard on the
// answer, and a request row with tokens, timings and the engine share it used.
// Errors have OpenAI's shape: {"error": {"message", "type", "code"}}. Keys never
// reach the logs.
//
//   fyr::app::ApiServer server(store, guard, bridge, summary, &registry);
//   QString error;
//   if (!server.listen(QHostAddress::LocalHost, 8080, &error)) fail(error);
//   print(server.url());   // http://127.0.0.1:8080
//
// The server lives in the thread that creates it (the bridge's thread); the store,
// guard, bridge, registry and audit log must outlive it. Destroying it closes the
// connections; answers still being generated are stopped and finished in the
// store as "cancelled".
#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QUrl>

#include <map>
#include <memory>

#include "engine/generation_stats.h"
#include "engine/model_summary.h"
#include "guard/guard.h"
#include "store/identity.h"
#include "store/permissions.h"

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace fyr::app {

namespace telemetry {
class MetricsRegistry;
}
class AuditLog;
class EngineBridge;
class Identity;
class RequestGate;
class Store;

class ApiServer final : public QObject {
    Q_OBJECT
public:
    ApiServer(Store& store, std::shared_ptr<const guard::Guard> guard, EngineBridge& bridge, const ModelSummary& model,
              const telemetry::MetricsRegistry* registry, QObject* parent = nullptr);
    ~ApiServer() override;

    // Refusals of permission are appended here too (as the console does), when set.
    void setAuditLog(AuditLog* audit);

    // Port 0: any free port (port() says which). False with `error` saying why.
    bool listen(const QHostAddress& host, quint16 port, QString* error);
    quint16 port() const;
    QUrl url() const;  // http://host:port

    // Chat requests being answered now.
    int pendingRequests() const { return static_cast<int>(m_pending.size()); }

private:
    struct Pending;

    void health(QHttpServerResponder& responder);
    void models(const QHttpServerRequest& request, QHttpServerResponder& responder);
    void metrics(const QHttpServerRequest& request, QHttpServerResponder& responder);
    void chatCompletions(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    // The caller's principal when its key is good and its role has `permission`;
    // else the 401 or 403 has been sent.
    std::optional<Principal> authorize(const QHttpServerRequest& request, QHttpServerResponder& responder,
                                       Permission permission);

    // Sends what of `shown` the client has not had yet (up to its last space unless `whole`).
    void streamText(Pending& p, const QString& shown, bool whole);
    void onTextStreamed(quint64 id, const QString& piece, const QString& shown);
    void onFinished(quint64 id, const GenerationStats& stats);
    void onFailed(quint64 id, const QString& message);

    Store& m_store;
    std::shared_ptr<const guard::Guard> m_guard;
    EngineBridge& m_bridge;
    ModelSummary m_model;
    const telemetry::MetricsRegistry* m_registry;
    AuditLog* m_audit = nullptr;
    std::unique_ptr<Identity> m_identity;
    std::unique_ptr<RequestGate> m_gate;
    std::unique_ptr<QHttpServer> m_http;
    QHostAddress m_host;
    quint16 m_port = 0;
    std::map<quint64, std::unique_ptr<Pending>> m_pending;  // by the bridge's generation id
};

}  // namespace fyr::app
