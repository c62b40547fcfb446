#include "telemetry/trace_store.h"

namespace fyr::app::telemetry {

TraceStore::TraceStore() : TraceStore(Limits{}) {}

TraceStore::TraceStore(Limits limits) : m_limits(limits) {
    Q_ASSERT(limits.max_traces > 0 && limits.max_bytes > 0);
}

void TraceStore::eraseLocked(std::list<Entry>::iterator it) {
    m_bytes -= it->bytes;
    m_byId.erase(it->request_id);
    m_entries.erase(it);
}

void TraceStore::put(const QString& requestId, std::vector<Span> spans) {
    size_t bytes = sizeof(Entry) + static_cast<size_t>(requestId.capacity()) * sizeof(QChar);
    for (const Span& s : spans) bytes += s.approxBytes();
    std::lock_guard lock(m_mutex);
    if (auto found = m_byId.find(requestId); found != m_byId.end()) eraseLocked(found->second);
    if (bytes > m_limits.max_bytes) {
        ++m_evicted;
        return;
    }
    while (!m_entries.empty() && (m_entries.size() >= m_limits.max_traces || m_bytes + bytes > m_limits.max_bytes)) {
        eraseLocked(m_entries.begin());
        ++m_evicted;
    }
    m_entries.push_back(Entry{requestId, std::move(spans), bytes});
    m_byId[requestId] = std::prev(m_entries.end());
    m_bytes += bytes;
}

void TraceStore::putFinished(const QString& requestId, std::vector<Span> spans) {
    std::shared_ptr<const FinishedListener> listener;
    {
        std::lock_guard lock(m_mutex);
        listener = m_listener;
    }
    if (listener && *listener) (*listener)(spans);
    put(requestId, std::move(spans));
}

void TraceStore::setFinishedListener(FinishedListener listener) {
    auto next = listener ? std::make_shared<const FinishedListener>(std::move(listener)) : nullptr;
    std::lock_guard lock(m_mutex);
    m_listener = std::move(next);
}

std::optional<std::vector<Span>> TraceStore::find(const QString& requestId) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_byId.find(requestId);
    if (it == m_byId.end()) return std::nullopt;
    return it->second->spans;
}

std::optional<QString> TraceStore::requestForTrace(const TraceId& traceId) const {
    std::lock_guard lock(m_mutex);
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        if (!it->spans.empty() && it->spans.front().trace_id == traceId) return it->request_id;
    }
    return std::nullopt;
}

QStringList TraceStore::recentRequestIds(qsizetype n) const {
    std::lock_guard lock(m_mutex);
    QStringList out;
    for (auto it = m_entries.rbegin(); it != m_entries.rend() && out.size() < n; ++it) out << it->request_id;
    return out;
}

void TraceStore::clear() {
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_byId.clear();
    m_bytes = 0;
}

size_t TraceStore::size() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

size_t TraceStore::bytesUsed() const {
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

uint64_t TraceStore::evicted() const {
    std::lock_guard lock(m_mutex);
    return m_evicted;
}

}  // namespace fyr::app::telemetry
