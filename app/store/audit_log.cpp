#include "store/audit_log.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSaveFile>

#include <sqlite3.h>

#include "store/crypto.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {


const QString kGenesis(64, QLatin1Char('0'));

// The head checkpoint is signed with its own subkey of the chain key.
QByteArray headKey(const QByteArray& key) {
    return crypto::hmacSha256(key, QByteArrayLiteral("fyr audit head v1"));
}

QString headLine(const QByteArray& key, int64_t seq, const QString& hmac) {
    const QByteArray body = "fyr-audit-head v1 " + QByteArray::number(seq) + ' ' + hmac.toLatin1();
    return QString::fromLatin1(body + ' ' + crypto::hmacSha256(headKey(key), body).toHex());
}

// "" and the head, or why the checkpoint cannot be trusted.
QString parseHead(const QByteArray& key, const QByteArray& line, int64_t* seq, QString* hmac) {
    const QList<QByteArray> parts = line.trimmed().split(' ');
    if (parts.size() != 5 || parts[0] != "fyr-audit-head" || parts[1] != "v1") return QCoreApplication::translate("fyr::app::AuditLog", "it is not a head checkpoint");
    const QByteArray body = parts[0] + ' ' + parts[1] + ' ' + parts[2] + ' ' + parts[3];
    if (!crypto::equal(crypto::hmacSha256(headKey(key), body).toHex(), parts[4]))
        return QCoreApplication::translate("fyr::app::AuditLog", "its signature does not match (altered, or another key)");
    bool ok = false;
    *seq = parts[2].toLongLong(&ok);
    *hmac = QString::fromLatin1(parts[3]);
    return ok ? QString() : QCoreApplication::translate("fyr::app::AuditLog", "its sequence number is not a number");
}

QJsonObject toJson(const AuditLog::Entry& e) {
    return QJsonObject{{QStringLiteral("seq"), static_cast<qint64>(e.seq)},
                       {QStringLiteral("time_ms"), static_cast<qint64>(e.timeMs)},
                       {QStringLiteral("actor"), e.actor},
                       {QStringLiteral("action"), e.action},
                       {QStringLiteral("target"), e.target},
                       {QStringLiteral("details"), e.details},
                       {QStringLiteral("prev_hash"), e.prevHash},
                       {QStringLiteral("hmac"), e.hmac}};
}

QList<AuditLog::Entry> readEntries(sqlite3* db, QString* error) {
    QList<AuditLog::Entry> out;
    Statement st(db, "SELECT seq, time_ms, actor, action, target, details, prev_hash, hmac FROM audit_log ORDER BY seq");
    while (st.next()) {
        out.append({st.integer(0), st.integer(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6),
                    st.text(7)});
    }
    if (!st.error().isEmpty() && error) *error = st.error();
    return out;
}

}  // namespace

AuditLog::AuditLog(Store& store, QByteArray key, QString headPath)
    : m_store(store),
      m_key(std::move(key)),
      m_headPath(headPath.isEmpty() ? store.path() + QStringLiteral(".audit-head") : std::move(headPath)) {}

QString AuditLog::entryMac(const QByteArray& key, const Entry& e) {
    // Length-prefixed fields: no two different entries share a canonical form.
    QByteArray canon = "fyr-audit v1";
    auto field = [&canon](const QByteArray& v) { canon += '\n' + QByteArray::number(v.size()) + ':' + v; };
    field(QByteArray::number(e.seq));
    field(QByteArray::number(e.timeMs));
    field(e.actor.toUtf8());
    field(e.action.toUtf8());
    field(e.target.toUtf8());
    field(e.details.toUtf8());
    field(e.prevHash.toLatin1());
    return QString::fromLatin1(crypto::hmacSha256(key, canon).toHex());
}

QString AuditLog::append(const QString& actor, const QString& action, const QString& target, const QString& details) {
    Entry e;
    const QString error = m_store
                              .write([&](sqlite3* db) -> QString {
                                  Statement last(db, "SELECT seq, hmac FROM audit_log ORDER BY seq DESC LIMIT 1");
                                  e.seq = 1;
                                  e.prevHash = kGenesis;
                                  if (last.next()) {
                                      e.seq = last.integer(0) + 1;
                                      e.prevHash = last.text(1);
                                  } else if (!last.error().isEmpty()) {
                                      return last.error();
                                  }
                                  e.timeMs = QDateTime::currentMSecsSinceEpoch();
                                  e.actor = actor;
                                  e.action = action;
                                  e.target = target;
                                  e.details = details;
                                  e.hmac = entryMac(m_key, e);
                                  Statement ins(db,
                                                "INSERT INTO audit_log(seq, time_ms, actor, action, target, details, "
                                                "prev_hash, hmac) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
                                  ins.bind(1, e.seq)
                                      .bind(2, e.timeMs)
                                      .bind(3, e.actor)
                                      .bind(4, e.action)
                                      .bind(5, e.target)
                                      .bind(6, e.details)
                                      .bind(7, e.prevHash)
                                      .bind(8, e.hmac);
                                  return ins.run() ? QString() : ins.error();
                              })
                              .get();
    if (!error.isEmpty()) return error;
    return writeHead(e.seq, e.hmac);
}

QString AuditLog::writeHead(int64_t seq, const QString& hmac) {
    std::lock_guard lock(m_headMutex);
    if (seq <= m_headSeq) return {};  // a later append already moved it
    QSaveFile f(m_headPath);
    if (!f.open(QIODevice::WriteOnly)) return QCoreApplication::translate("fyr::app::AuditLog", "%1: cannot write the audit head: %2").arg(m_headPath, f.errorString());
    f.write(headLine(m_key, seq, hmac).toLatin1() + '\n');
    if (!f.commit()) return QCoreApplication::translate("fyr::app::AuditLog", "%1: cannot write the audit head: %2").arg(m_headPath, f.errorString());
    m_headSeq = seq;
    return {};
}

AuditLog::Verdict AuditLog::walk(const QList<Entry>& entries, const QByteArray& key, int64_t headSeq,
                                 const QString& headHmac, bool haveHead) {
    Verdict v;
    v.entries = entries.size();
    auto bad = [&v](int64_t seq, const QString& why) {
        v.ok = false;
        v.firstBad = seq;
        v.problem = why;
        return v;
    };
    QString prev = kGenesis;
    int64_t expected = 1;
    for (const Entry& e : entries) {
        if (e.seq != expected) return bad(expected, QCoreApplication::translate("fyr::app::AuditLog", "entry %1 is missing (deleted)").arg(expected));
        if (e.prevHash != prev)
            return bad(e.seq, QCoreApplication::translate("fyr::app::AuditLog", "entry %1 does not follow entry %2 (entries inserted, reordered or the one before "
                                 "changed)")
                                  .arg(e.seq)
                                  .arg(e.seq - 1));
        if (!crypto::equal(entryMac(key, e).toLatin1(), e.hmac.toLatin1()))
            return bad(e.seq, QCoreApplication::translate("fyr::app::AuditLog", "entry %1 has been edited (its HMAC does not match)").arg(e.seq));
        prev = e.hmac;
        ++expected;
    }
    const int64_t last = expected - 1;
    if (!haveHead) {
        if (last > 0) return bad(last, QCoreApplication::translate("fyr::app::AuditLog", "the head checkpoint is missing, so truncation cannot be ruled out"));
    } else if (headSeq > last) {
        return bad(last + 1, QCoreApplication::translate("fyr::app::AuditLog", "the log was truncated: entries %1 to %2 are gone").arg(last + 1).arg(headSeq));
    } else if (headSeq > 0 && entries.at(static_cast<qsizetype>(headSeq - 1)).hmac != headHmac) {
        return bad(headSeq, QCoreApplication::translate("fyr::app::AuditLog", "entry %1 differs from the head checkpoint").arg(headSeq));
    }
    v.ok = true;
    return v;
}

QList<AuditLog::Entry> AuditLog::entries(int64_t fromSeq, int limit, QString* error) const {
    QList<Entry> out;
    auto r = m_store.reader(error);
    if (!r) return out;
    Statement st(r->db(), "SELECT seq, time_ms, actor, action, target, details, prev_hash, hmac FROM audit_log "
                          "WHERE seq >= ?1 ORDER BY seq LIMIT ?2");
    st.bind(1, fromSeq).bind(2, static_cast<int64_t>(limit));
    while (st.next()) {
        Entry e;
        e.seq = st.integer(0);
        e.timeMs = st.integer(1);
        e.actor = st.text(2);
        e.action = st.text(3);
        e.target = st.text(4);
        e.details = st.text(5);
        e.prevHash = st.text(6);
        e.hmac = st.text(7);
        out.append(e);
    }
    return out;
}

AuditLog::Verdict AuditLog::verify() const {
    QString error;
    auto r = m_store.reader(&error);
    if (!r) return {false, 0, 0, error};
    const QList<Entry> entries = readEntries(r->db(), &error);
    if (!error.isEmpty()) return {false, 0, 0, error};
    int64_t seq = 0;
    QString hmac;
    QFile f(m_headPath);
    const bool haveHead = f.open(QIODevice::ReadOnly);
    if (haveHead) {
        if (const QString why = parseHead(m_key, f.readLine(), &seq, &hmac); !why.isEmpty())
            return {false, static_cast<int64_t>(entries.size()), 1,
                    QCoreApplication::translate("fyr::app::AuditLog", "the head checkpoint %1 cannot be trusted: %2").arg(m_headPath, why)};
    }
    return walk(entries, m_key, seq, hmac, haveHead);
}

QString AuditLog::exportJsonLines(const QString& file) const {
    QString error;
    auto r = m_store.reader(&error);
    if (!r) return error;
    const QList<Entry> entries = readEntries(r->db(), &error);
    if (!error.isEmpty()) return error;
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly)) return QCoreApplication::translate("fyr::app::AuditLog", "%1: cannot write: %2").arg(file, f.errorString());
    for (const Entry& e : entries) f.write(QJsonDocument(toJson(e)).toJson(QJsonDocument::Compact) + '\n');
    const int64_t seq = entries.isEmpty() ? 0 : entries.last().seq;
    const QString hmac = entries.isEmpty() ? kGenesis : entries.last().hmac;
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("head"), headLine(m_key, seq, hmac)}}).toJson(QJsonDocument::Compact) +
            '\n');
    if (!f.commit()) return QCoreApplication::translate("fyr::app::AuditLog", "%1: cannot write: %2").arg(file, f.errorString());
    return {};
}

AuditLog::Verdict AuditLog::verifyExport(const QString& file, const QByteArray& key) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return {false, 0, 0, QCoreApplication::translate("fyr::app::AuditLog", "%1: cannot read: %2").arg(file, f.errorString())};
    QList<Entry> entries;
    int64_t seq = 0;
    QString hmac;
    bool haveHead = false;
    int line = 0;
    while (!f.atEnd()) {
        const QByteArray text = f.readLine();
        ++line;
        if (text.trimmed().isEmpty()) continue;
        QJsonParseError pe;
        const QJsonObject o = QJsonDocument::fromJson(text, &pe).object();
        if (pe.error != QJsonParseError::NoError || o.isEmpty())
            return {false, entries.size(), entries.size() + 1,
                    QCoreApplication::translate("fyr::app::AuditLog", "%1, line %2: not a JSON object (%3)").arg(file).arg(line).arg(pe.errorString())};
        if (o.contains(QStringLiteral("head"))) {
            if (const QString why = parseHead(key, o.value(QStringLiteral("head")).toString().toLatin1(), &seq, &hmac);
                !why.isEmpty())
                return {false, entries.size(), 1, QCoreApplication::translate("fyr::app::AuditLog", "%1, line %2: the head cannot be trusted: %3").arg(file).arg(line).arg(why)};
            haveHead = true;
            continue;
        }
        entries.append({o.value(QStringLiteral("seq")).toInteger(), o.value(QStringLiteral("time_ms")).toInteger(),
                        o.value(QStringLiteral("actor")).toString(), o.value(QStringLiteral("action")).toString(),
                        o.value(QStringLiteral("target")).toString(), o.value(QStringLiteral("details")).toString(),
                        o.value(QStringLiteral("prev_hash")).toString(), o.value(QStringLiteral("hmac")).toString()});
    }
    return walk(entries, key, seq, hmac, haveHead);
}

}  // namespace fyr::app
