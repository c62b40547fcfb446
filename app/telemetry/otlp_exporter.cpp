#include "telemetry/otlp_exporter.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace fyr::app::telemetry {
namespace {

Q_LOGGING_CATEGORY(lcOtlp, "fyr.telemetry.otlp", QtInfoMsg)

bool retryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
}

// Retry-After in seconds; an HTTP date or anything else is ignored (-1).
int retryAfterSeconds(const QNetworkReply* reply) {
    bool ok = false;
    const int s = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
    return ok && s >= 0 ? s : -1;
}

// partialSuccess.rejectedSpans of an ExportTraceServiceResponse (an int64,
// which proto3 JSON writes as a string, though some servers write a number).
quint64 rejectedSpans(const QByteArray& body) {
    if (body.isEmpty()) return 0;
    const QJsonObject partial =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("partialSuccess")).toObject();
    const QJsonValue v = partial.value(QStringLiteral("rejectedSpans"));
    const qint64 n = v.isString() ? v.toString().toLongLong() : v.toInteger();
    return n > 0 ? static_cast<quint64>(n) : 0;
}

}  // namespace

struct OtlpExporter::Shared {
    std::mutex mutex;
    std::deque<Span> queue;        // guarded
    OtlpExporterStats stats;       // guarded; queued is filled in by stats()
    int in_flight = 0;             // spans in the POST being made; guarded
    bool kick_pending = false;     // a sendNext() is posted and not yet run; guarded
    bool flush_requested = false;  // guarded
};

// Lives in the exporter's thread: the network manager, the interval timer and
// the one batch in flight.
class OtlpExporter::Worker final : public QObject {
public:
    Worker(const OtlpExporterConfig& config, std::shared_ptr<Shared> shared)
        : m_config(config), m_shared(std::move(shared)), m_timer(new QTimer(this)) {
        m_timer->setInterval(m_config.flush_interval_ms);
        connect(m_timer, &QTimer::timeout, this, [this] { sendNext(); });
    }

    void start() { m_timer->start(); }

    // Takes up to one batch from the queue and posts it, unless one is in flight.
    void sendNext() {
        if (m_busy) return;
        std::vector<Span> batch;
        {
            std::lock_guard lock(m_shared->mutex);
            m_shared->kick_pending = false;
            const size_t n = std::min(m_shared->queue.size(), static_cast<size_t>(m_config.max_batch_spans));
            if (n == 0) {
                m_shared->flush_requested = false;
                return;
            }
            batch.assign(std::make_move_iterator(m_shared->queue.begin()),
                         std::make_move_iterator(m_shared->queue.begin() + static_cast<std::ptrdiff_t>(n)));
            m_shared->queue.erase(m_shared->queue.begin(), m_shared->queue.begin() + static_cast<std::ptrdiff_t>(n));
            m_shared->in_flight = static_cast<int>(n);
        }
        m_busy = true;
        m_batchSpans = static_cast<quint64>(batch.size());
        m_body = otlpExportRequestJson(batch, m_config.resource);
        m_attempt = 1;
        post();
    }

private:
    void post() {
        if (!m_network) m_network = new QNetworkAccessManager(this);
        QNetworkRequest request(m_config.endpoint);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("fyr"));
        // The headers may hold the collector's credentials: never carry them to another host.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(m_config.timeout_ms);
        for (const auto& [name, value] : m_config.headers) request.setRawHeader(name, value);
        QNetworkReply* reply = m_network->post(request, m_body);
        connect(reply, &QNetworkReply::finished, this, [this, reply] { finished(reply); });
    }

    void finished(QNetworkReply* reply) {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300) {
            const quint64 rejected = std::min(rejectedSpans(reply->readAll()), m_batchSpans);
            bool more = false;
            {
                std::lock_guard lock(m_shared->mutex);
                m_shared->stats.exported += m_batchSpans - rejected;
                m_shared->stats.rejected += rejected;
                ++m_shared->stats.batches;
                m_shared->stats.last_error.clear();
                m_shared->in_flight = 0;
                more = m_shared->flush_requested ||
                       m_shared->queue.size() >= static_cast<size_t>(m_config.max_batch_spans);
            }
            if (m_failing) qCInfo(lcOtlp).noquote() << "trace export to" << endpointText() << "works again";
            m_failing = false;
            m_busy = false;
            if (more) sendNext();
            return;
        }
        const bool retryable = status != 0 ? retryableStatus(status) : reply->error() != QNetworkReply::NoError;
        const QString why = status != 0 ? QStringLiteral("HTTP %1").arg(status) : reply->errorString();
        if (retryable && m_attempt < m_config.max_attempts) {
            ++m_attempt;
            {
                std::lock_guard lock(m_shared->mutex);
                ++m_shared->stats.retries;
                m_shared->stats.last_error = why;
            }
            QTimer::singleShot(OtlpExporter::backoffMs(m_config, m_attempt, retryAfterSeconds(reply)), this,
                               [this] { post(); });
            return;
        }
        {
            std::lock_guard lock(m_shared->mutex);
            m_shared->stats.dropped_failed += m_batchSpans;
            m_shared->stats.last_error = why;
            m_shared->in_flight = 0;
        }
        if (!m_failing)
            qCWarning(lcOtlp).noquote() << "trace export to" << endpointText() << "failed:" << why << "-"
                                        << m_batchSpans << "spans dropped";
        m_failing = true;
        m_busy = false;
        // The next batch waits for the interval, so a collector that is down is
        // not asked again at once.
    }

    QString endpointText() const { return m_config.endpoint.toDisplayString(QUrl::RemoveUserInfo); }

    const OtlpExporterConfig m_config;
    std::shared_ptr<Shared> m_shared;
    QTimer* m_timer;
    QNetworkAccessManager* m_network = nullptr;  // made on first use, in this thread
    QByteArray m_body;
    quint64 m_batchSpans = 0;
    int m_attempt = 0;
    bool m_busy = false;
    bool m_failing = false;
};

void OtlpExporter::ThreadStopper::operator()(QThread* thread) const {
    thread->quit();
    thread->wait();
    delete thread;
}

OtlpExporter::OtlpExporter(OtlpExporterConfig config)
    : m_config(std::move(config)), m_shared(std::make_shared<Shared>()) {
    Q_ASSERT(m_config.max_queue_spans > 0 && m_config.max_batch_spans > 0 && m_config.flush_interval_ms > 0 &&
             m_config.timeout_ms > 0 && m_config.max_attempts > 0);
    if (!m_config.enabled) return;
    QString error;
    if (!checkEndpoint(m_config.endpoint, &error)) {
        m_shared->stats.last_error = error;
        qCWarning(lcOtlp).noquote() << error << "- traces are not exported";
        return;
    }
    m_thread.reset(new QThread);
    m_thread->setObjectName(QStringLiteral("fyr-otlp"));
    m_worker = new Worker(m_config, m_shared);
    m_worker->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker] { worker->start(); }, Qt::QueuedConnection);
}

OtlpExporter::~OtlpExporter() = default;

void OtlpExporter::enqueue(std::vector<Span> spans) {
    if (!m_worker || spans.empty()) return;
    bool kick = false;
    {
        std::lock_guard lock(m_shared->mutex);
        const size_t room = static_cast<size_t>(m_config.max_queue_spans) -
                            std::min(m_shared->queue.size(), static_cast<size_t>(m_config.max_queue_spans));
        const size_t taken = std::min(room, spans.size());
        for (size_t i = 0; i < taken; ++i) m_shared->queue.push_back(std::move(spans[i]));
        m_shared->stats.enqueued += taken;
        m_shared->stats.dropped_queue_full += spans.size() - taken;
        if (m_shared->queue.size() >= static_cast<size_t>(m_config.max_batch_spans) && !m_shared->kick_pending) {
            m_shared->kick_pending = true;
            kick = true;
        }
    }
    if (kick) {
        Worker* worker = m_worker;
        QMetaObject::invokeMethod(
            m_worker, [worker] { worker->sendNext(); }, Qt::QueuedConnection);
    }
}

void OtlpExporter::flush() {
    if (!m_worker) return;
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->flush_requested = true;
        if (m_shared->kick_pending) return;
        m_shared->kick_pending = true;
    }
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker] { worker->sendNext(); }, Qt::QueuedConnection);
}

OtlpExporterStats OtlpExporter::stats() const {
    std::lock_guard lock(m_shared->mutex);
    OtlpExporterStats s = m_shared->stats;
    s.queued = static_cast<int>(m_shared->queue.size());
    return s;
}

bool OtlpExporter::waitIdle(int timeout_ms) {
    if (!m_worker) return true;
    const QDeadlineTimer deadline(timeout_ms);
    while (true) {
        {
            std::lock_guard lock(m_shared->mutex);
            if (m_shared->queue.empty() && m_shared->in_flight == 0) return true;
        }
        if (deadline.hasExpired()) return false;
        flush();
        QThread::msleep(5);
    }
}

bool OtlpExporter::checkEndpoint(const QUrl& endpoint, QString* error) {
    const auto fail = [&](const QString& what) {
        if (error)
            *error = QStringLiteral("OTLP endpoint %1: %2").arg(endpoint.toDisplayString(QUrl::RemoveUserInfo), what);
        return false;
    };
    if (!endpoint.isValid()) return fail(QStringLiteral("not a valid URL"));
    if (endpoint.scheme() != QLatin1String("http") && endpoint.scheme() != QLatin1String("https"))
        return fail(QStringLiteral("expected http or https"));
    if (endpoint.host().isEmpty()) return fail(QStringLiteral("no host"));
    if (!endpoint.userInfo().isEmpty())
        return fail(QStringLiteral("a user name or password in the URL is not accepted; use a header"));
    if (error) error->clear();
    return true;
}

int OtlpExporter::backoffMs(const OtlpExporterConfig& config, int attempt, int retryAfterSeconds) {
    Q_ASSERT(attempt >= 2);
    if (retryAfterSeconds >= 0)
        return static_cast<int>(std::min<qint64>(qint64{retryAfterSeconds} * 1000, config.max_backoff_ms));
    const int doublings = std::clamp(attempt - 2, 0, 30);
    const qint64 full = std::min<qint64>(qint64{config.initial_backoff_ms} << doublings, config.max_backoff_ms);
    const qint64 jitter = full / 5 > 0 ? QRandomGenerator::global()->bounded(full / 5 + 1) : 0;
    return static_cast<int>(full - jitter);
}

}  // namespace fyr::app::telemetry
