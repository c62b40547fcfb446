// Quotas per user and per API key: tokens per day (UTC) and requests per minute,
// counted from the requests the store has recorded. check() is what every path
// (chat, API, fyrctl) asks before running a request; a refusal says which limit
// and when it resets.
//
//   fyr::app::Quotas q(store);
//   q.set(fyr::app::Quotas::userSubject(id), 100000, 30);          // null-able limits
//   fyr::app::Quotas::Decision d = q.check(principal, estimatedTokens);
//   if (!d.allowed) refuse(d.reason);                               // "... resets at 2026-11-26T00:00:00Z"
//
// Thread-safety: any thread.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>

#include "store/identity.h"

namespace fyr::app {

class Store;

class Quotas {
public:
    struct Limits {
        std::optional<int64_t> tokensPerDay;
        std::optional<int64_t> requestsPerMinute;
    };
    struct Decision {
        bool allowed = true;
        QString reason;
        int64_t resetsAtMs = 0;  // when the limit that refused resets
    };

    explicit Quotas(Store& store);
    static QString userSubject(int64_t userId);
    static QString keySubject(int64_t keyId);

    QString set(const QString& subject, std::optional<int64_t> tokensPerDay, std::optional<int64_t> requestsPerMinute);
    Limits limits(const QString& subject) const;
    // May `who` run a request of about `tokens` tokens now? Both the user's and,
    // for a key, the key's quotas apply.
    Decision check(const Principal& who, int64_t tokens, int64_t nowMs = -1) const;

private:
    Store& m_store;
};

}  // namespace fyr::app
