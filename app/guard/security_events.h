// Every guard verdict other than allow becomes a row in the store's
// security_events table: type (the finding's category), severity, user, request,
// and details as JSON (scanner, rule, OWASP Top 10 for LLM Applications 2025 id,
// verdict, what decided it, direction and a redacted excerpt). The dashboards and
// the metrics read them from there; raw secrets and personal data never get in.
//
//   fyr::app::guard::SecurityEvents events(store);
//   events.record(result, Direction::Input, ctx);          // "" on success
//   for (const auto& e : events.recent(50)) show(e);
//
// Thread-safety: any thread (writes go through the store's writer thread).
#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

#include "guard/guard.h"

namespace fyr::app {
class Store;
}

namespace fyr::app::guard {

struct SecurityEvent {
    int64_t id = 0;
    int64_t timeMs = 0;
    QString type;
    QString severity;
    std::optional<int64_t> userId;
    std::optional<int64_t> requestId;
    QJsonObject details;
};

class SecurityEvents {
public:
    explicit SecurityEvents(Store& store);

    // Writes one event per finding whose verdict is not allow; returns "" or the error.
    QString record(const GuardResult& result, Direction dir, const GuardContext& ctx, int64_t nowMs = -1);
    std::vector<SecurityEvent> recent(int limit, int64_t sinceMs = 0) const;

private:
    Store& m_store;
};

}  // namespace fyr::app::guard
