#include "store/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <memory>

namespace fyr::app::crypto {

namespace {

const unsigned char* u(const QByteArray& b) {
    return reinterpret_cast<const unsigned char*>(b.constData());
}

struct CipherCtx {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    ~CipherCtx() { EVP_CIPHER_CTX_free(ctx); }
};

// EVP takes int lengths: long inputs go in pieces.
constexpr qsizetype kPiece = qsizetype{1} << 24;

}  // namespace

bool ScryptParams::plausible() const {
    return n >= 2 && n <= (uint64_t{1} << 22) && (n & (n - 1)) == 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
}

QByteArray randomBytes(int n) {
    QByteArray out(n, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), n) != 1) return {};
    return out;
}

QByteArray scrypt(const QByteArray& secret, const QByteArray& salt, const ScryptParams& params) {
    if (!params.plausible()) return {};
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    const uint64_t maxmem = 128 * uint64_t{params.r} * params.n * params.p + (uint64_t{64} << 20);
    if (EVP_PBE_scrypt(secret.constData(), static_cast<size_t>(secret.size()), u(salt), static_cast<size_t>(salt.size()),
                       params.n, params.r, params.p, maxmem, reinterpret_cast<unsigned char*>(key.data()),
                       kKeyBytes) != 1)
        return {};
    return key;
}

std::optional<Sealed> seal(const QByteArray& key, const QByteArray& plaintext, const QByteArray& aad,
                           const QByteArray& nonce) {
    if (key.size() != kKeyBytes || (!nonce.isEmpty() && nonce.size() != kNonceBytes)) return std::nullopt;
    Sealed s;
    s.nonce = nonce.isEmpty() ? randomBytes(kNonceBytes) : nonce;
    if (s.nonce.isEmpty()) return std::nullopt;
    CipherCtx c;
    int len = 0;
    bool ok = c.ctx && EVP_EncryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
              EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
              EVP_EncryptInit_ex(c.ctx, nullptr, nullptr, u(key), u(s.nonce)) == 1 &&
              EVP_EncryptUpdate(c.ctx, nullptr, &len, u(aad), static_cast<int>(aad.size())) == 1;
    s.ciphertext.resize(plaintext.size());
    auto* o = reinterpret_cast<unsigned char*>(s.ciphertext.data());
    qsizetype done = 0;
    while (ok && done < plaintext.size()) {
        const int n = static_cast<int>(std::min(kPiece, plaintext.size() - done));
        ok = EVP_EncryptUpdate(c.ctx, o + done, &len, u(plaintext) + done, n) == 1;
        done += len;
    }
    s.tag.resize(kTagBytes);
    ok = ok && EVP_EncryptFinal_ex(c.ctx, o + done, &len) == 1 &&
         EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, kTagBytes, s.tag.data()) == 1;
    if (!ok) return std::nullopt;
    return s;
}

std::optional<QByteArray> open(const QByteArray& key, const Sealed& s, const QByteArray& aad) {
    if (key.size() != kKeyBytes || s.nonce.size() != kNonceBytes || s.tag.size() != kTagBytes) return std::nullopt;
    CipherCtx c;
    int len = 0;
    bool ok = c.ctx && EVP_DecryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
              EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
              EVP_DecryptInit_ex(c.ctx, nullptr, nullptr, u(key), u(s.nonce)) == 1 &&
              EVP_DecryptUpdate(c.ctx, nullptr, &len, u(aad), static_cast<int>(aad.size())) == 1;
    QByteArray plain(s.ciphertext.size(), Qt::Uninitialized);
    auto* o = reinterpret_cast<unsigned char*>(plain.data());
    qsizetype done = 0;
    while (ok && done < s.ciphertext.size()) {
        const int n = static_cast<int>(std::min(kPiece, s.ciphertext.size() - done));
        ok = EVP_DecryptUpdate(c.ctx, o + done, &len, u(s.ciphertext) + done, n) == 1;
        done += len;
    }
    QByteArray tag = s.tag;
    ok = ok && EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1 &&
         EVP_DecryptFinal_ex(c.ctx, o + done, &len) == 1;
    if (!ok) {
        wipe(plain);
        return std::nullopt;
    }
    return plain;
}

QByteArray hmacSha256(const QByteArray& key, const QByteArray& data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()), u(data), static_cast<size_t>(data.size()), mac,
         &len);
    return QByteArray(reinterpret_cast<const char*>(mac), static_cast<qsizetype>(len));
}

QByteArray sha256(const QByteArray& data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.constData(), static_cast<size_t>(data.size()), md, &len, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char*>(md), static_cast<qsizetype>(len));
}

QByteArray subkey(const QByteArray& key, const QByteArray& purpose) {
    std::unique_ptr<EVP_PKEY_CTX, void (*)(EVP_PKEY_CTX*)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr),
                                                              EVP_PKEY_CTX_free);
    QByteArray out(kKeyBytes, Qt::Uninitialized);
    size_t len = kKeyBytes;
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) != 1 ||
        EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), u(key), static_cast<int>(key.size())) != 1 ||
        EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), u(purpose), static_cast<int>(purpose.size())) != 1 ||
        EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1)
        return {};
    return out;
}

bool equal(const QByteArray& a, const QByteArray& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

void wipe(QByteArray& secret) {
    if (!secret.isEmpty()) OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
    secret.clear();
}

}  // namespace fyr::app::crypto
