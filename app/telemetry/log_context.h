// The request a thread is working on, for log lines: while a LogContextScope
// lives, every JSON log line that thread writes (core/logging.h) carries its
// request_id, trace_id and span_id fields.
//
//   {
//       LogContextScope scope({QStringLiteral("req-42"), trace.hex(), span.hex()});
//       qCInfo(lcServer) << "guard blocked the prompt";   // {"msg":..., "request_id":"req-42", "trace_id":...}
//   }                                                     // the thread's earlier context is back
//
// Scopes nest; each restores what was current when it was made. A scope is made
// and destroyed on one thread and is neither copied nor moved (returning one
// from a function is fine). current() is the calling thread's own, so reading
// it needs no lock.
#pragma once

#include <QString>

namespace fyr::app::telemetry {

struct LogContext {
    QString request_id;
    QString trace_id;  // 32 hex digits, or ""
    QString span_id;   // 16 hex digits, or ""

    bool isEmpty() const { return request_id.isEmpty() && trace_id.isEmpty() && span_id.isEmpty(); }
    // The calling thread's context (empty outside any scope).
    static const LogContext& current();
};

class LogContextScope final {
public:
    explicit LogContextScope(LogContext context);
    ~LogContextScope();
    LogContextScope(const LogContextScope&) = delete;
    LogContextScope& operator=(const LogContextScope&) = delete;

private:
    LogContext m_previous;
};

}  // namespace fyr::app::telemetry
