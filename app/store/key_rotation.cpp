#include "store/key_rotation.h"

#include <QByteArray>
#include <QCoreApplication>

#include <sqlite3.h>

#include <vector>

#include "store/key_ring.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {

// Every encrypted column, and the context its values are bound to.
struct Target {
    const char* table;
    const char* column;
    const char* context;  // "<context><row id>"
};
constexpr Target kTargets[] = {
    {"messages", "content", "messages.content:"},
    {"requests", "payload", "requests.payload:"},
};

// The 4-byte little-endian key id after the "F1" format mark (see KeyRing::seal).
QByteArray keyIdBytes(int64_t keyId) {
    QByteArray b;
    for (int i = 0; i < 4; ++i) b.append(static_cast<char>((keyId >> (8 * i)) & 0xff));
    return b;
}

QString staleWhere(const Target& t) {
    return QStringLiteral("%1 IS NOT NULL AND substr(%1, 3, 4) <> ?1").arg(QLatin1String(t.column));
}

}  // namespace

KeyRotation::KeyRotation(Store& store, const KeyRing& ring, int batchSize)
    : m_store(store), m_ring(ring), m_batch(batchSize > 0 ? batchSize : 200) {}

int64_t KeyRotation::pending(QString* error) const {
    auto r = m_store.reader(error);
    if (!r) return -1;
    int64_t n = 0;
    const QByteArray current = keyIdBytes(m_ring.keyIds().last());
    for (const Target& t : kTargets) {
        const QByteArray sql = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2").arg(QLatin1String(t.table), staleWhere(t)).toUtf8();
        Statement st(r->db(), sql.constData());
        st.bind(1, current);
        if (st.next()) n += st.integer(0);
    }
    return n;
}

KeyRotation::Result KeyRotation::run(const Progress& progress) {
    Result result;
    const int64_t total = pending(&result.error);
    if (total < 0) return result;
    const QByteArray current = keyIdBytes(m_ring.keyIds().last());
    for (const Target& t : kTargets) {
        for (;;) {
            // A batch: read under a reader, re-seal outside the writer, write in one transaction.
            std::vector<std::pair<int64_t, QByteArray>> rows;
            {
                auto r = m_store.reader(&result.error);
                if (!r) return result;
                const QByteArray sql = QStringLiteral("SELECT id, %1 FROM %2 WHERE %3 ORDER BY id LIMIT ?2")
                                           .arg(QLatin1String(t.column), QLatin1String(t.table), staleWhere(t))
                                           .toUtf8();
                Statement st(r->db(), sql.constData());
                st.bind(1, current).bind(2, static_cast<int64_t>(m_batch));
                while (st.next()) rows.emplace_back(st.integer(0), st.blob(1));
            }
            if (rows.empty()) break;
            for (auto& [id, value] : rows) {
                const QByteArray ctx = QByteArray(t.context) + QByteArray::number(id);
                QString why;
                const auto plain = m_ring.open(value, ctx, &why);
                if (!plain) {
                    result.error = QCoreApplication::translate("fyr::app::KeyRotation", "%1 row %2: %3")
                                       .arg(QLatin1String(t.table))
                                       .arg(id)
                                       .arg(why);
                    result.remaining = pending();
                    return result;
                }
                value = m_ring.seal(*plain, ctx);
            }
            const QString e = m_store
                                  .write([&](sqlite3* db) -> QString {
                                      const QByteArray sql = QStringLiteral("UPDATE %1 SET %2 = ?2 WHERE id = ?1")
                                                                 .arg(QLatin1String(t.table), QLatin1String(t.column))
                                                                 .toUtf8();
                                      for (const auto& [id, value] : rows) {
                                          Statement st(db, sql.constData());
                                          st.bind(1, id).bind(2, value);
                                          if (!st.run()) return st.error();
                                      }
                                      return {};
                                  })
                                  .get();
            if (!e.isEmpty()) {
                result.error = e;
                result.remaining = pending();
                return result;
            }
            result.reencrypted += static_cast<int64_t>(rows.size());
            if (progress && !progress(result.reencrypted, total)) {
                result.remaining = pending();
                return result;
            }
        }
    }
    result.remaining = pending(&result.error);
    return result;
}

}  // namespace fyr::app
