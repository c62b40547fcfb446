#include "server/api_server.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <cmath>

#include "core/log_categories.h"
#include "engine/engine_bridge.h"
#include "engine/generation_request.h"
#include "guard/security_events.h"
#include "server/chat_completion_request.h"
#include "services/request_gate.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/store.h"
#include "telemetry/metrics_registry.h"
#include "telemetry/prometheus_text.h"

namespace fyr::app {
namespace {

using Status = QHttpServerResponder::StatusCode;
using Headers = QList<QPair<QByteArray, QByteArray>>;

void send(QHttpServerResponder& r, Status status, const QByteArray& contentType, const QByteArray& body,
          const Headers& extra = {}) {
    r.writeStatusLine(status);
    r.writeHeader("Content-Type", contentType);
    r.writeHeader("Content-Length", QByteArray::number(body.size()));
    for (const auto& h : extra) r.writeHeader(h.first, h.second);
    r.writeBody(body);
}

void sendJson(QHttpServerResponder& r, Status status, const QJsonObject& o, const Headers& extra = {}) {
    send(r, status, "application/json", QJsonDocument(o).toJson(QJsonDocument::Compact), extra);
}

// OpenAI's error shape.
QJsonObject errorObject(const QString& message, const char* type, const char* code) {
    return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                  {QStringLiteral("type"), QLatin1String(type)},
                                                  {QStringLiteral("code"), QLatin1String(code)}}}};
}

void sendError(QHttpServerResponder& r, Status status, const QString& message, const char* type, const char* code,
               const Headers& extra = {}) {
    sendJson(r, status, errorObject(message, type, code), extra);
}

QByteArray header(const QHttpServerRequest& request, const char* name) {
    const QList<QPair<QByteArray, QByteArray>> headers = request.headers();
    for (const auto& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) return h.second;
    return {};
}

// The engine's finish reasons as OpenAI names them.
QString openAiFinishReason(const QString& reason) {
    if (reason == QLatin1String("length") || reason == QLatin1String("context")) return QStringLiteral("length");
    if (reason == QLatin1String("guard")) return QStringLiteral("content_filter");
    return QStringLiteral("stop");  // eos, a stop string, cancelled
}

// One streamed chunk of a chat completion: its delta and finish reason (null
// until the last).
QJsonObject completionChunk(const QString& completionId, qint64 created, const QString& model, const QJsonObject& delta,
                            const QJsonValue& finish) {
    return QJsonObject{{QStringLiteral("id"), completionId},
                       {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                       {QStringLiteral("created"), created},
                       {QStringLiteral("model"), model},
                       {QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                                          {QStringLiteral("delta"), delta},
                                                                          {QStringLiteral("finish_reason"), finish}}}}};
}

QByteArray sseEvent(const QJsonObject& o) {
    return "data: " + QJsonDocument(o).toJson(QJsonDocument::Compact) + "\n\n";
}

}  // namespace

struct ApiServer::Pending {
    explicit Pending(QHttpServerResponder&& r) : responder(std::move(r)), socket(responder.socket()) {}
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;  // gone when the client closed the connection
    RequestGate::Admission admission;
    bool stream = false;
    QString completionId;
    qint64 created = 0;  // seconds since the epoch
    QString sent;        // streamed: what the client has been sent

    bool connected() const { return socket && socket->state() == QAbstractSocket::ConnectedState; }
};

ApiServer::ApiServer(Store& store, std::shared_ptr<const guard::Guard> guard, EngineBridge& bridge,
                     const ModelSummary& model, const telemetry::MetricsRegistry* registry, QObject* parent)
    : QObject(parent),
      m_store(store),
      m_guard(std::move(guard)),
      m_bridge(bridge),
      m_model(model),
      m_registry(registry),
      m_identity(std::make_unique<Identity>(store)),
      m_gate(std::make_unique<RequestGate>(store, m_guard)),
      m_http(std::make_unique<QHttpServer>()) {
    m_http->route(QStringLiteral("/health"), QHttpServerRequest::Method::Get,
                  [this](const QHttpServerRequest&, QHttpServerResponder&& responder) { health(responder); });
    m_http->route(
        QStringLiteral("/v1/models"), QHttpServerRequest::Method::Get,
        [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) { models(request, responder); });
    m_http->route(
        QStringLiteral("/metrics"), QHttpServerRequest::Method::Get,
        [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) { metrics(request, responder); });
    m_http->route(QStringLiteral("/v1/chat/completions"), QHttpServerRequest::Method::Post,
                  [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                      chatCompletions(request, std::move(responder));
                  });
    m_http->setMissingHandler([](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        sendError(responder, Status::NotFound,
                  tr("there is nothing at %1 for this method").arg(request.url().path().left(200)),
                  "invalid_request_error", "not_found");
    });
    connect(&m_bridge, &EngineBridge::textStreamed, this, &ApiServer::onTextStreamed);
    connect(&m_bridge, &EngineBridge::finished, this, &ApiServer::onFinished);
    connect(&m_bridge, &EngineBridge::failed, this, &ApiServer::onFailed);
}

ApiServer::~ApiServer() {
    // Answers still on their way are stopped and on record as cancelled; their
    // connections close with the server.
    for (const auto& entry : m_pending) {
        m_bridge.cancel(entry.first);
        RequestGate::Outcome o;
        o.finishReason = QStringLiteral("cancelled");
        const int64_t requestId = entry.second->admission.requestId;
        if (const QString e = m_gate->finish(entry.second->admission, o); !e.isEmpty())
            qCWarning(lcServer).noquote() << "request" << requestId << "could not be recorded:" << e;
    }
    m_pending.clear();
    m_http.reset();
}

void ApiServer::setAuditLog(AuditLog* audit) {
    m_audit = audit;
}

bool ApiServer::listen(const QHostAddress& host, quint16 port, QString* error) {
    auto tcp = std::make_unique<QTcpServer>();
    if (!tcp->listen(host, port)) {
        if (error)
            *error = tr("could not listen on %1 port %2: %3").arg(host.toString()).arg(port).arg(tcp->errorString());
        return false;
    }
    m_host = host;
    m_port = tcp->serverPort();
    m_http->bind(tcp.release());  // the HTTP server takes it over
    qCInfo(lcServer).noquote() << "listening on" << url().toString();
    return true;
}

quint16 ApiServer::port() const {
    return m_port;
}

QUrl ApiServer::url() const {
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(m_host.toString());
    u.setPort(m_port);
    return u;
}

std::optional<Principal> ApiServer::authorize(const QHttpServerRequest& request, QHttpServerResponder& responder,
                                              Permission permission) {
    const QByteArray auth = header(request, "authorization").trimmed();
    if (auth.isEmpty()) {
        sendError(responder, Status::Unauthorized,
                  tr("no API key: send the header Authorization: Bearer <key> (fyrctl keys create makes one)"),
                  "authentication_error", "missing_api_key", {{"WWW-Authenticate", "Bearer"}});
        return std::nullopt;
    }
    if (!auth.startsWith("Bearer ") && !auth.startsWith("bearer ")) {
        sendError(responder, Status::Unauthorized, tr("the Authorization header is not of the form Bearer <key>"),
                  "authentication_error", "invalid_api_key", {{"WWW-Authenticate", "Bearer"}});
        return std::nullopt;
    }
    const Identity::Result who = m_identity->authenticateKey(QString::fromLatin1(auth.mid(7).trimmed()));
    if (!who.principal) {
        // The reason, never the key.
        qCInfo(lcServer).noquote() << "refused a request from" << request.remoteAddress().toString() << "to"
                                   << request.url().path() << ":" << who.error;
        sendError(responder, Status::Unauthorized, tr("invalid API key: %1").arg(who.error), "authentication_error",
                  "invalid_api_key", {{"WWW-Authenticate", "Bearer"}});
        return std::nullopt;
    }
    if (!allowed(who.principal->permissions, permission)) {
        const QString name = permissionName(permission);
        if (m_audit)
            m_audit->append(who.principal->user, QStringLiteral("permission.denied"), name, QStringLiteral("api"));
        sendError(responder, Status::Forbidden,
                  tr("%1 (role %2) lacks the permission %3").arg(who.principal->user, who.principal->role, name),
                  "permission_error", "permission_denied");
        return std::nullopt;
    }
    return who.principal;
}

void ApiServer::health(QHttpServerResponder& responder) {
    sendJson(responder, Status::Ok, {{QStringLiteral("status"), QStringLiteral("ok")}});
}

void ApiServer::models(const QHttpServerRequest& request, QHttpServerResponder& responder) {
    if (!authorize(request, responder, Permission::ModelsUse)) return;
    const QJsonObject model{{QStringLiteral("id"), m_model.name},
                            {QStringLiteral("object"), QStringLiteral("model")},
                            {QStringLiteral("created"), QFileInfo(m_model.path).lastModified().toSecsSinceEpoch()},
                            {QStringLiteral("owned_by"), QStringLiteral("fyr")}};
    sendJson(responder, Status::Ok,
             {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), QJsonArray{model}}});
}

void ApiServer::metrics(const QHttpServerRequest& request, QHttpServerResponder& responder) {
    if (!authorize(request, responder, Permission::DashboardsView)) return;
    if (!m_registry) {
        sendError(responder, Status::ServiceUnavailable, tr("this server keeps no metrics"), "server_error",
                  "no_metrics");
        return;
    }
    send(responder, Status::Ok, telemetry::PrometheusText::kContentType,
         telemetry::PrometheusText::format(m_registry->collect()));
}

void ApiServer::chatCompletions(const QHttpServerRequest& request, QHttpServerResponder&& responder) {
    const std::optional<Principal> who = authorize(request, responder, Permission::ChatUse);
    if (!who) return;
    QString error;
    std::optional<ChatCompletionRequest> body = ChatCompletionRequest::parse(request.body(), &error);
    if (!body) {
        sendError(responder, Status::BadRequest, error, "invalid_request_error", "invalid_request");
        return;
    }
    const QString fileName = QFileInfo(m_model.path).fileName();
    if (!body->model.isEmpty() && body->model != m_model.name && body->model != fileName) {
        sendError(
            responder, Status::NotFound,
            tr("model: '%1' is not loaded; this server answers with '%2'").arg(body->model.left(200), m_model.name),
            "invalid_request_error", "model_not_found");
        return;
    }
    qsizetype lastUser = -1;
    for (qsizetype i = body->messages.size() - 1; i >= 0 && lastUser < 0; --i)
        if (body->messages.at(i).role == QLatin1String("user")) lastUser = i;
    if (lastUser < 0) {
        sendError(responder, Status::BadRequest, tr("messages: expected a message with the role user"),
                  "invalid_request_error", "invalid_request");
        return;
    }

    // The gate, as for a chat turn: model access, quotas, the input guard on the
    // newest user message, a request row.
    const QString& prompt = body->messages.at(lastUser).content;
    int64_t estimate = prompt.size() / 4 + body->maxTokens.value_or(std::max(m_model.nCtx, 1));
    RequestGate::Admission admission =
        m_gate->admit(*who, {m_model.name, fileName}, prompt, estimate, QStringLiteral("api"));
    if (!admission.allowed) {
        switch (admission.refusal) {
            case RequestGate::Refusal::ModelAccess:
                sendError(responder, Status::Forbidden, admission.reason, "permission_error", "model_not_allowed");
                break;
            case RequestGate::Refusal::Quota: {
                const int64_t seconds = std::max<int64_t>(1, (admission.retryAtMs - nowMs() + 999) / 1000);
                sendError(responder, Status::TooManyRequests, admission.reason, "rate_limit_error",
                          "rate_limit_exceeded",
                          {{"Retry-After", QByteArray::number(static_cast<qlonglong>(seconds))}});
                break;
            }
            case RequestGate::Refusal::Guard:
                sendError(responder, Status::BadRequest, admission.reason, "invalid_request_error", "prompt_blocked");
                break;
            default:
                qCWarning(lcServer).noquote() << "a request could not be admitted:" << admission.reason;
                sendError(responder, Status::InternalServerError, admission.reason, "server_error", "internal_error");
                break;
        }
        return;
    }
    Conversation messages = body->messages;
    messages[lastUser].content = admission.prompt;
    // The client writes the whole conversation, so its earlier user and system
    // messages are new to the guard too: checked under the same request.
    if (m_guard) {
        for (qsizetype i = 0; i < messages.size(); ++i) {
            if (i == lastUser || messages.at(i).role == QLatin1String("assistant")) continue;
            const guard::GuardResult r =
                m_guard->check(messages.at(i).content, guard::Direction::Input, admission.guardContext);
            guard::SecurityEvents(m_store).record(r, guard::Direction::Input, admission.guardContext);
            if (r.verdict == guard::Verdict::Block) {
                RequestGate::Outcome o;
                o.finishReason = QStringLiteral("guard");
                m_gate->finish(admission, o);
                sendError(responder, Status::BadRequest, tr("messages[%1].content: %2").arg(i).arg(r.reason()),
                          "invalid_request_error", "prompt_blocked");
                return;
            }
            if (r.verdict == guard::Verdict::Redact) messages[i].content = r.text;
        }
    }

    GenerationRequest g;
    g.messages = RequestGate::withSystemPrompt(messages, admission.systemPrompt);
    g.maxTokens = body->maxTokens.value_or(0);  // OpenAI's default: until the model stops or the context is full
    g.temperature = static_cast<float>(body->temperature.value_or(1.0));
    g.topP = static_cast<float>(body->topP.value_or(1.0));
    g.seed = body->seed;
    g.stop = body->stop;
    g.guard = m_guard;
    g.guardContext = admission.guardContext;
    if (m_guard) g.checkedInput = admission.input;  // the gate checked and recorded it
    g.requestId = QStringLiteral("request-%1").arg(admission.requestId);
    g.traceparent = QString::fromLatin1(header(request, "traceparent").left(512));
    g.tracestate = QString::fromLatin1(header(request, "tracestate").left(512));

    auto p = std::make_unique<Pending>(std::move(responder));
    p->admission = admission;
    p->stream = body->stream;
    p->completionId = QStringLiteral("chatcmpl-%1").arg(admission.requestId);
    p->created = QDateTime::currentSecsSinceEpoch();
    if (p->stream) {
        // Server-sent events until "data: [DONE]", then the connection closes.
        p->responder.writeStatusLine(Status::Ok);
        p->responder.writeHeader("Content-Type", "text/event-stream");
        p->responder.writeHeader("Cache-Control", "no-cache");
        p->responder.writeHeader("Connection", "close");
        const QJsonObject delta{{QStringLiteral("role"), QStringLiteral("assistant")},
                                {QStringLiteral("content"), QString()}};
        p->responder.writeBody(
            sseEvent(completionChunk(p->completionId, p->created, m_model.name, delta, QJsonValue::Null)));
    }
    const quint64 id = m_bridge.generate(g);
    // A client that leaves stops its answer (the row records it as cancelled).
    if (p->socket)
        connect(p->socket.data(), &QAbstractSocket::disconnected, this, [this, id] {
            if (m_pending.count(id) != 0) m_bridge.cancel(id);
        });
    m_pending.emplace(id, std::move(p));  // the bridge's signals come queued, after this returns
}

// The engine's pieces pass the output guard's block check; a redaction is only
// applied to its final text. A stream therefore sends the answer as the output
// guard would show it (redactions applied), and only up to its last space, so a
// word the guard may yet redact (an address, a key) is held back until it is
// whole; what a later redaction changes in text already sent is not sent again.
void ApiServer::streamText(Pending& p, const QString& shown, bool whole) {
    qsizetype end = shown.size();
    while (!whole && end > 0 && !shown.at(end - 1).isSpace()) --end;  // up to the last space
    if (end <= p.sent.size() || !shown.startsWith(p.sent)) return;
    const QString delta = shown.mid(p.sent.size(), end - p.sent.size());
    p.sent = shown.left(end);
    p.responder.writeBody(sseEvent(completionChunk(p.completionId, p.created, m_model.name,
                                                   QJsonObject{{QStringLiteral("content"), delta}}, QJsonValue::Null)));
}

// The engine's worker has run the output guard over the answer so far (a block
// ends the answer there; finished() says why) and hands it as the guard shows it.
void ApiServer::onTextStreamed(quint64 id, const QString& /*piece*/, const QString& shown) {
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || !it->second->stream || !it->second->connected()) return;
    streamText(*it->second, shown, false);
}

void ApiServer::onFinished(quint64 id, const GenerationStats& stats) {
    const auto it = m_pending.find(id);
    if (it == m_pending.end()) return;
    const std::unique_ptr<Pending> p = std::move(it->second);
    m_pending.erase(it);

    const RequestGate::Outcome o = RequestGate::outcomeOf(stats, stats.finishReason);
    if (const QString e = m_gate->finish(p->admission, o); !e.isEmpty())
        qCWarning(lcServer).noquote() << "request" << p->admission.requestId << "could not be recorded:" << e;
    if (!p->connected()) return;

    const QJsonObject usage{{QStringLiteral("prompt_tokens"), stats.promptTokens},
                            {QStringLiteral("completion_tokens"), stats.generatedTokens},
                            {QStringLiteral("total_tokens"), stats.promptTokens + stats.generatedTokens}};
    const QString finish = openAiFinishReason(stats.finishReason);
    if (p->stream) {
        streamText(*p, stats.text, true);  // the rest, as the output guard left it
        QJsonObject last = completionChunk(p->completionId, p->created, m_model.name, QJsonObject{}, finish);
        last.insert(QStringLiteral("usage"), usage);
        p->responder.writeBody(QByteArray(sseEvent(last) + "data: [DONE]\n\n"));
        p->socket->disconnectFromHost();
        return;
    }
    const QJsonObject answer{{QStringLiteral("id"), p->completionId},
                             {QStringLiteral("object"), QStringLiteral("chat.completion")},
                             {QStringLiteral("created"), p->created},
                             {QStringLiteral("model"), m_model.name},
                             {QStringLiteral("choices"),
                              QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                     {QStringLiteral("message"),
                                                      QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                                  {QStringLiteral("content"), stats.text}}},
                                                     {QStringLiteral("finish_reason"), finish}}}},
                             {QStringLiteral("usage"), usage}};
    sendJson(p->responder, Status::Ok, answer);
}

void ApiServer::onFailed(quint64 id, const QString& message) {
    const auto it = m_pending.find(id);
    if (it == m_pending.end()) return;
    const std::unique_ptr<Pending> p = std::move(it->second);
    m_pending.erase(it);
    RequestGate::Outcome o;
    o.finishReason = QStringLiteral("error");
    if (const QString e = m_gate->finish(p->admission, o); !e.isEmpty())
        qCWarning(lcServer).noquote() << "request" << p->admission.requestId << "could not be recorded:" << e;
    qCWarning(lcServer).noquote() << "request" << p->admission.requestId << "failed:" << message;
    if (!p->connected()) return;
    if (p->stream) {
        p->responder.writeBody(
            QByteArray(sseEvent(errorObject(message, "server_error", "generation_failed")) + "data: [DONE]\n\n"));
        p->socket->disconnectFromHost();
        return;
    }
    sendError(p->responder, Status::InternalServerError, message, "server_error", "generation_failed");
}

}  // namespace fyr::app
