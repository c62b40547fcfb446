// The recent requests' traces, kept in memory so the UI can draw a request's
// timeline (its root span and the queue, guard, prefill, decode and stream
// spans under it) without a collector.
//
//   TraceStore store;                                 // 1024 traces, 8 MiB
//   store.put(trace.requestId(), trace.snapshot());   // while it runs (optional)
//   store.put(trace.requestId(), trace.finish());     // when it ends: replaces the snapshot
//   if (auto spans = store.find(QStringLiteral("req-42"))) { ... spans->front() is the root ... }
//
// Bounded twice: at most Limits::max_traces traces and Limits::max_bytes of
// spans (Span::approxBytes(), strings and attributes included); the oldest
// trace goes first. A chat request's seven spans with their GenAI attributes
// take about 2.3 KiB, so the default 1024 traces use about 2.5 MiB; the 8 MiB
// byte cap holds when attributes are large. One trace larger than max_bytes on
// its own is not kept (counted in evicted()).
//
// A finished trace (putFinished) also goes to the listener, if one is set: the
// console hands sampled traces to the OTLP exporter that way.
//
// Thread-safe: every call takes one mutex for a short copy; readers get copies.
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "telemetry/span.h"

namespace fyr::app::telemetry {

class TraceStore final {
public:
    struct Limits {
        size_t max_traces = 1024;
        size_t max_bytes = size_t{8} << 20;
    };

    TraceStore();
    explicit TraceStore(Limits limits);

    // Keeps spans (root first) as the request's trace, replacing any earlier one
    // and making it the newest.
    void put(const QString& requestId, std::vector<Span> spans);
    // put() for a trace that has ended: handed to the finished listener (the
    // OTLP export) on the caller's thread, outside the lock, then stored.
    void putFinished(const QString& requestId, std::vector<Span> spans);
    // Called with every finished trace from then on; an empty function removes it.
    // The listener must be cheap and must not call back into this store's put.
    using FinishedListener = std::function<void(const std::vector<Span>&)>;
    void setFinishedListener(FinishedListener listener);
    std::optional<std::vector<Span>> find(const QString& requestId) const;
    // The request whose trace has this id (a caller's trace id may be searched for).
    std::optional<QString> requestForTrace(const TraceId& traceId) const;
    // Newest first, at most n.
    QStringList recentRequestIds(qsizetype n) const;
    void clear();

    size_t size() const;
    size_t bytesUsed() const;
    uint64_t evicted() const;
    const Limits& limits() const { return m_limits; }

private:
    struct Entry {
        QString request_id;
        std::vector<Span> spans;
        size_t bytes = 0;
    };
    void eraseLocked(std::list<Entry>::iterator it);

    const Limits m_limits;
    mutable std::mutex m_mutex;
    std::list<Entry> m_entries;  // oldest first
    std::unordered_map<QString, std::list<Entry>::iterator> m_byId;
    size_t m_bytes = 0;
    uint64_t m_evicted = 0;
    std::shared_ptr<const FinishedListener> m_listener;  // guarded by m_mutex; called outside it
};

}  // namespace fyr::app::telemetry
