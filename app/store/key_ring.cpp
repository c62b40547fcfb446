#include "store/key_ring.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

#include <sqlite3.h>

#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {


QString kindName(KeyRing::Secret kind) {
    return kind == KeyRing::Secret::KeyFile ? QStringLiteral("keyfile") : QStringLiteral("passphrase");
}

constexpr char kFormat[2] = {'F', '1'};
constexpr int kPrefix = 2 + 4;

// Stores (replaces) the wrap of `key` under `secret` inside the current transaction.
QString writeWrap(sqlite3* db, int64_t keyId, const QByteArray& key, const QByteArray& secret, KeyRing::Secret kind,
                  const crypto::ScryptParams& params) {
    const QByteArray salt = crypto::randomBytes(crypto::kSaltBytes);
    QByteArray kek = crypto::scrypt(secret, salt, params);
    if (salt.isEmpty() || kek.isEmpty()) return QCoreApplication::translate("fyr::app::KeyRing", "deriving a key from the secret failed");
    const QByteArray aad = QByteArrayLiteral("fyr key wrap ") + QByteArray::number(keyId);
    const std::optional<crypto::Sealed> w = crypto::seal(kek, key, aad);
    crypto::wipe(kek);
    if (!w) return QCoreApplication::translate("fyr::app::KeyRing", "wrapping the data key failed");
    Statement st(db,
                 "INSERT OR REPLACE INTO key_wraps(key_id, kind, salt, n, r, p, nonce, wrapped, tag, created_ms) "
                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    st.bind(1, keyId)
        .bind(2, kindName(kind))
        .bind(3, salt)
        .bind(4, static_cast<int64_t>(params.n))
        .bind(5, static_cast<int64_t>(params.r))
        .bind(6, static_cast<int64_t>(params.p))
        .bind(7, w->nonce)
        .bind(8, w->ciphertext)
        .bind(9, w->tag)
        .bind(10, static_cast<int64_t>(QDateTime::currentMSecsSinceEpoch()));
    return st.run() ? QString() : st.error();
}

}  // namespace

KeyRing::KeyRing(std::map<int64_t, QByteArray> keys) : m_keys(std::move(keys)) {
    m_keyId = m_keys.empty() ? 0 : m_keys.rbegin()->first;
}

KeyRing::~KeyRing() {
    for (auto& [id, key] : m_keys) crypto::wipe(key);
}

bool KeyRing::initialized(const Store& store) {
    auto r = store.reader();
    if (!r) return false;
    Statement st(r->db(), "SELECT COUNT(*) FROM key_wraps");
    return st.next() && st.integer(0) > 0;
}

QString KeyRing::initialize(Store& store, const QByteArray& secret, Secret kind, const crypto::ScryptParams& params) {
    if (secret.isEmpty()) return QCoreApplication::translate("fyr::app::KeyRing", "the secret is empty");
    QByteArray key = crypto::randomBytes(crypto::kKeyBytes);
    if (key.isEmpty()) return QCoreApplication::translate("fyr::app::KeyRing", "the system's random number generator failed");
    const QString error = store
                              .write([&](sqlite3* db) -> QString {
                                  Statement any(db, "SELECT COUNT(*) FROM key_wraps");
                                  if (!any.next()) return any.error();
                                  if (any.integer(0) > 0) return QCoreApplication::translate("fyr::app::KeyRing", "the data key exists already");
                                  return writeWrap(db, 1, key, secret, kind, params);
                              })
                              .get();
    crypto::wipe(key);
    return error;
}

std::unique_ptr<KeyRing> KeyRing::unlock(const Store& store, const QByteArray& secret, QString* error) {
    auto r = store.reader(error);
    if (!r) return nullptr;
    Statement st(r->db(), "SELECT key_id, salt, n, r, p, nonce, wrapped, tag FROM key_wraps ORDER BY key_id");
    bool any = false;
    int64_t newest = 0;
    std::map<int64_t, QByteArray> keys;
    while (st.next()) {
        any = true;
        const int64_t keyId = st.integer(0);
        newest = std::max(newest, keyId);
        if (keys.count(keyId)) continue;
        crypto::ScryptParams params{static_cast<uint64_t>(st.integer(2)), static_cast<uint32_t>(st.integer(3)),
                                    static_cast<uint32_t>(st.integer(4))};
        QByteArray kek = crypto::scrypt(secret, st.blob(1), params);
        if (kek.isEmpty()) continue;
        crypto::Sealed w{st.blob(5), st.blob(6), st.blob(7)};
        std::optional<QByteArray> key =
            crypto::open(kek, w, QByteArrayLiteral("fyr key wrap ") + QByteArray::number(keyId));
        crypto::wipe(kek);
        if (key) keys.emplace(keyId, std::move(*key));
    }
    // The newest key must be among them: sealing under an old one would undo a rotation.
    if (!keys.empty() && keys.rbegin()->first == newest) return std::unique_ptr<KeyRing>(new KeyRing(std::move(keys)));
    for (auto& [id, key] : keys) crypto::wipe(key);
    if (error)
        *error = !any ? QCoreApplication::translate("fyr::app::KeyRing", "no data key yet: the store was never initialized")
                 : keys.empty() ? QCoreApplication::translate("fyr::app::KeyRing", "wrong passphrase or key file")
                                : QCoreApplication::translate("fyr::app::KeyRing",
                                                              "this secret opens only older data keys (key %1 is newer): use the secret the key was rotated with")
                                      .arg(newest);
    return nullptr;
}

QString KeyRing::setSecret(Store& store, const QByteArray& secret, Secret kind,
                           const crypto::ScryptParams& params) const {
    if (secret.isEmpty()) return QCoreApplication::translate("fyr::app::KeyRing", "the secret is empty");
    return store
        .write([&](sqlite3* db) -> QString {
            for (const auto& [id, key] : m_keys)
                if (QString e = writeWrap(db, id, key, secret, kind, params); !e.isEmpty()) return e;
            return {};
        })
        .get();
}

std::unique_ptr<KeyRing> KeyRing::rotate(Store& store, const QByteArray& secret, Secret kind,
                                         const crypto::ScryptParams& params, QString* error) const {
    auto fail = [&](const QString& why) -> std::unique_ptr<KeyRing> {
        if (error) *error = why;
        return nullptr;
    };
    QString why;
    if (!unlock(store, secret, &why)) return fail(why);  // the secret must be the one in force
    QByteArray key = crypto::randomBytes(crypto::kKeyBytes);
    if (key.isEmpty()) return fail(QCoreApplication::translate("fyr::app::KeyRing", "the system's random number generator failed"));
    const int64_t next = m_keyId + 1;
    why = store
              .write([&](sqlite3* db) -> QString {
                  Statement newest(db, "SELECT MAX(key_id) FROM key_wraps");
                  if (!newest.next() || newest.integer(0) != m_keyId)
                      return QCoreApplication::translate("fyr::app::KeyRing", "another rotation happened meanwhile; unlock again");
                  return writeWrap(db, next, key, secret, kind, params);
              })
              .get();
    if (!why.isEmpty()) {
        crypto::wipe(key);
        return fail(why);
    }
    std::map<int64_t, QByteArray> keys = m_keys;
    keys.emplace(next, std::move(key));
    return std::unique_ptr<KeyRing>(new KeyRing(std::move(keys)));
}

QList<int64_t> KeyRing::keyIds() const {
    QList<int64_t> ids;
    for (const auto& [id, key] : m_keys) ids << id;
    return ids;
}

QByteArray KeyRing::seal(const QByteArray& plaintext, const QByteArray& context) const {
    const std::optional<crypto::Sealed> s = crypto::seal(m_keys.at(m_keyId), plaintext, context);
    if (!s) return {};
    QByteArray out(kFormat, 2);
    for (int i = 0; i < 4; ++i) out.append(static_cast<char>((m_keyId >> (8 * i)) & 0xff));
    return out + s->nonce + s->tag + s->ciphertext;
}

std::optional<QByteArray> KeyRing::open(const QByteArray& sealed, const QByteArray& context, QString* error) const {
    auto fail = [&](const QString& why) -> std::optional<QByteArray> {
        if (error) *error = why;
        return std::nullopt;
    };
    if (sealed.size() < kPrefix + crypto::kNonceBytes + crypto::kTagBytes || !sealed.startsWith(QByteArray(kFormat, 2)))
        return fail(QCoreApplication::translate("fyr::app::KeyRing", "not an encrypted value (too short or unknown format)"));
    int64_t keyId = 0;
    for (int i = 0; i < 4; ++i) keyId |= static_cast<int64_t>(static_cast<unsigned char>(sealed[2 + i])) << (8 * i);
    const auto key = m_keys.find(keyId);
    if (key == m_keys.end())
        return fail(QCoreApplication::translate("fyr::app::KeyRing", "encrypted under data key %1, which is not unlocked").arg(keyId));
    crypto::Sealed s{sealed.mid(kPrefix, crypto::kNonceBytes), sealed.mid(kPrefix + crypto::kNonceBytes + crypto::kTagBytes),
                     sealed.mid(kPrefix + crypto::kNonceBytes, crypto::kTagBytes)};
    std::optional<QByteArray> plain = crypto::open(key->second, s, context);
    if (!plain) return fail(QCoreApplication::translate("fyr::app::KeyRing", "the encrypted value has been altered or belongs elsewhere (authentication failed)"));
    return plain;
}

QByteArray KeyRing::subkey(const QByteArray& purpose) const {
    return crypto::subkey(m_keys.begin()->second, purpose);
}

}  // namespace fyr::app
