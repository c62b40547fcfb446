// The data key that encrypts what the store keeps secret (message content,
// request payloads) and keys the audit chain. It is random, and stored only
// wrapped (AES-256-GCM) under keys derived with scrypt from the secrets that may
// unlock it: the admin passphrase and, for headless servers, a key file. The
// scrypt settings are stored with each wrap so they can be raised later.
//
//   fyr::app::KeyRing::initialize(store, passphrase);                       // first start
//   QString err;
//   auto ring = fyr::app::KeyRing::unlock(store, passphrase, &err);         // err: "wrong passphrase"
//   QByteArray sealed = ring->seal(content, "messages.content:42");         // context binds where it lives
//   std::optional<QByteArray> plain = ring->open(sealed, "messages.content:42", &err);
//   ring->setSecret(store, newPassphrase);                                  // re-wraps; data untouched
//
// Sealed values: "F1", key id (4 bytes), nonce, tag, ciphertext. A wrong secret
// or an altered value is reported, never returned as garbage.
//
// Thread-safety: a KeyRing is immutable after unlock and may be shared by
// threads; the static functions go through the store's writer and readers.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "store/crypto.h"

namespace fyr::app {

class Store;

class KeyRing {
public:
    enum class Secret { Passphrase, KeyFile };

    // Makes the data key and wraps it under `secret`; fails if the store has one.
    static QString initialize(Store& store, const QByteArray& secret, Secret kind = Secret::Passphrase,
                              const crypto::ScryptParams& params = {});
    static bool initialized(const Store& store);
    // The data key, if `secret` unlocks any of its wraps; else null and *error.
    static std::unique_ptr<KeyRing> unlock(const Store& store, const QByteArray& secret, QString* error);

    ~KeyRing();
    KeyRing(const KeyRing&) = delete;
    KeyRing& operator=(const KeyRing&) = delete;

    // Wraps the data keys under `secret` as the `kind` secret (replacing that
    // kind's wraps): a passphrase change, or a key file added. Nothing else is
    // re-encrypted.
    QString setSecret(Store& store, const QByteArray& secret, Secret kind = Secret::Passphrase,
                      const crypto::ScryptParams& params = {}) const;

    QByteArray seal(const QByteArray& plaintext, const QByteArray& context) const;
    std::optional<QByteArray> open(const QByteArray& sealed, const QByteArray& context, QString* error) const;
    // A key for one purpose, e.g. "fyr audit chain v1": HKDF of the installation's
    // first data key, so it stays the same across rotations (the audit chain, for
    // one, is keyed by it for good).
    QByteArray subkey(const QByteArray& purpose) const;
    int64_t keyId() const { return m_keyId; }

    // Key rotation: a new data key (the next key id) wrapped under `secret`, which
    // must unlock this ring's keys; the returned ring seals with the new key and
    // still opens values sealed under the older ones until KeyRotation has
    // re-encrypted them. Other secret kinds (a key file) are added again with
    // setSecret() on the new ring.
    std::unique_ptr<KeyRing> rotate(Store& store, const QByteArray& secret, Secret kind = Secret::Passphrase,
                                    const crypto::ScryptParams& params = {}, QString* error = nullptr) const;
    // The key ids this ring can open, oldest first (the last one seals).
    QList<int64_t> keyIds() const;

private:
    KeyRing(std::map<int64_t, QByteArray> keys);
    std::map<int64_t, QByteArray> m_keys;  // key id -> data key
    int64_t m_keyId = 0;                   // the newest: what seal() uses
};

}  // namespace fyr::app
