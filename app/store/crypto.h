// The store's cryptography, all through OpenSSL: random bytes, scrypt key
// derivation, AES-256-GCM with associated data, HMAC-SHA256 and HKDF-SHA256
// subkeys. Keys are 32 bytes; callers wipe them with wipe() when done.
//
//   QByteArray salt = crypto::randomBytes(16);
//   QByteArray kek = crypto::scrypt(passphrase, salt, crypto::ScryptParams{});
//   std::optional<crypto::Sealed> s = crypto::seal(kek, plaintext, aad);   // nonce, ciphertext, tag
//   std::optional<QByteArray> p = crypto::open(kek, *s, aad);               // nullopt: wrong key or altered
//
// Thread-safety: pure functions.
#pragma once

#include <QByteArray>

#include <cstdint>
#include <optional>

namespace fyr::app::crypto {

constexpr int kKeyBytes = 32, kNonceBytes = 12, kTagBytes = 16, kSaltBytes = 16;

struct ScryptParams {
    uint64_t n = uint64_t{1} << 17;  // memory and time: 128 MiB with r = 8
    uint32_t r = 8;
    uint32_t p = 1;
    // Whether a stored set is one this code will run (bounded memory, power of two).
    bool plausible() const;
};

struct Sealed {
    QByteArray nonce;       // kNonceBytes
    QByteArray ciphertext;  // as long as the plaintext
    QByteArray tag;         // kTagBytes
};

// Cryptographically random bytes; empty if the system's generator fails.
QByteArray randomBytes(int n);
// A 32-byte key from a secret; empty on failure.
QByteArray scrypt(const QByteArray& secret, const QByteArray& salt, const ScryptParams& params);
// AES-256-GCM with a fresh random nonce, or with `nonce` when the caller must put
// it into the associated data first (never reuse one under the same key).
std::optional<Sealed> seal(const QByteArray& key, const QByteArray& plaintext, const QByteArray& aad,
                           const QByteArray& nonce = {});
// nullopt when the key is wrong or anything (ciphertext, tag, nonce, aad) was altered.
std::optional<QByteArray> open(const QByteArray& key, const Sealed& sealed, const QByteArray& aad);
QByteArray hmacSha256(const QByteArray& key, const QByteArray& data);
QByteArray sha256(const QByteArray& data);
// A 32-byte subkey for one purpose (HKDF-SHA256, no salt, info = purpose).
QByteArray subkey(const QByteArray& key, const QByteArray& purpose);
// Compares in constant time.
bool equal(const QByteArray& a, const QByteArray& b);
// Overwrites the bytes (keys, passphrases) so they do not linger in memory.
void wipe(QByteArray& secret);

}  // namespace fyr::app::crypto
