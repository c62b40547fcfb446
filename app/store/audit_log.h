// The tamper-evident audit trail. Every entry carries its sequence number, time,
// actor, action, target, details, the previous entry's HMAC and its own
// HMAC-SHA256 over all of that (key: the data key's "fyr audit chain v1" subkey),
// so editing, deleting, inserting or reordering any entry breaks the chain. The
// newest sequence number and HMAC are also kept, signed, in a head checkpoint
// file outside the database, so cutting entries off the end shows too.
//
//   fyr::app::AuditLog log(store, ring->subkey("fyr audit chain v1"));
//   log.append(QStringLiteral("admin"), QStringLiteral("backup.create"), path, QStringLiteral("42 KiB"));
//   fyr::app::AuditLog::Verdict v = log.verify();   // v.ok, or v.firstBad and v.problem
//   log.exportJsonLines(QStringLiteral("audit.jsonl"));
//   v = fyr::app::AuditLog::verifyExport(QStringLiteral("audit.jsonl"), key);   // offline, with the key
//
// Thread-safety: append() and verify() may be called from any thread (appends
// are serialized by the store's writer; the checkpoint only moves forward).
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <mutex>

namespace fyr::app {

class Store;

class AuditLog {
public:
    struct Entry {
        int64_t seq = 0;
        int64_t timeMs = 0;
        QString actor, action, target, details;
        QString prevHash, hmac;  // lowercase hex
    };
    struct Verdict {
        bool ok = false;
        int64_t entries = 0;
        int64_t firstBad = 0;  // the first sequence number that is wrong or missing
        QString problem;
    };

    // headPath "": the database's path + ".audit-head".
    AuditLog(Store& store, QByteArray key, QString headPath = {});

    // "" once the entry is committed (and the checkpoint moved), or why not.
    QString append(const QString& actor, const QString& action, const QString& target, const QString& details);
    Verdict verify() const;
    // Entries in sequence order, from `fromSeq` on, at most `limit` (newest last).
    QList<Entry> entries(int64_t fromSeq, int limit, QString* error) const;
    // Every entry as a JSON object per line, then a signed {"head": ...} line.
    QString exportJsonLines(const QString& file) const;
    static Verdict verifyExport(const QString& file, const QByteArray& key);

    const QString& headPath() const { return m_headPath; }

private:
    static QString entryMac(const QByteArray& key, const Entry& e);
    static Verdict walk(const QList<Entry>& entries, const QByteArray& key, int64_t headSeq, const QString& headHmac,
                        bool haveHead);
    QString writeHead(int64_t seq, const QString& hmac);

    Store& m_store;
    QByteArray m_key;
    QString m_headPath;
    std::mutex m_headMutex;
    int64_t m_headSeq = 0;
};

}  // namespace fyr::app
