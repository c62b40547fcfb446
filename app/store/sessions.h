// Signed-in sessions: an opaque random token per sign-in, ended by inactivity
// (idle timeout), by age (absolute limit) or by signing out. Kept in memory only:
// a restart signs everyone out.
//
//   fyr::app::Sessions sessions;                              // 30 min idle, 12 h at most
//   QString token = sessions.open(principal);
//   std::optional<fyr::app::Principal> who = sessions.touch(token, &why);   // why: "timed out after ..."
//   sessions.close(token);
//
// Thread-safety: all functions may be called from any thread.
#pragma once

#include <QHash>
#include <QString>

#include <cstdint>
#include <mutex>
#include <optional>

#include "store/identity.h"

namespace fyr::app {

class Sessions {
public:
    struct Policy {
        int64_t idleMs = 30 * 60 * 1000;
        int64_t maxAgeMs = 12 * 3600 * 1000;
    };
    Sessions();
    explicit Sessions(Policy policy);

    QString open(const Principal& who, int64_t nowMs = -1);
    // The session's principal, its idle clock restarted; nullopt (and *why) when
    // unknown, timed out or too old (then it is closed).
    std::optional<Principal> touch(const QString& token, QString* why = nullptr, int64_t nowMs = -1);
    void close(const QString& token);
    // Ends every session of a user (password change, account disabled).
    void closeUser(int64_t userId);
    int count() const;

private:
    struct Entry {
        Principal who;
        int64_t openedMs;
        int64_t lastMs;
    };
    Policy m_policy;
    mutable std::mutex m_mutex;
    QHash<QString, Entry> m_sessions;
};

}  // namespace fyr::app
