#include "store/backup.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "store/crypto.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {


constexpr char kMagic[8] = {'F', 'Y', 'R', 'B', 'A', 'K', 1, 0};
constexpr size_t kSaltBytes = crypto::kSaltBytes, kNonceBytes = crypto::kNonceBytes, kCheckBytes = 16,
                 kTagBytes = crypto::kTagBytes;
// magic, header length, created, schema, plaintext bytes, N, r, p, salt, nonce, key check
constexpr size_t kHeaderBytes = 8 + 4 + 8 + 4 + 8 + 8 + 4 + 4 + kSaltBytes + kNonceBytes + kCheckBytes;
constexpr uint64_t kScryptN = uint64_t{1} << 17;
constexpr uint32_t kScryptR = 8, kScryptP = 1;

struct Header {
    int64_t createdMs = 0;
    uint32_t schema = 0;
    uint64_t plainBytes = 0;
    uint64_t n = kScryptN;
    uint32_t r = kScryptR, p = kScryptP;
    unsigned char salt[kSaltBytes] = {};
    unsigned char nonce[kNonceBytes] = {};
    unsigned char check[kCheckBytes] = {};
};

template <typename T>
void put(QByteArray& out, T v) {
    for (size_t i = 0; i < sizeof(T); ++i) out.append(static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff));
}

template <typename T>
T get(const unsigned char* p) {
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
    return static_cast<T>(v);
}

QByteArray encodeHeader(const Header& h) {
    QByteArray out(kMagic, sizeof kMagic);
    put<uint32_t>(out, kHeaderBytes);
    put<int64_t>(out, h.createdMs);
    put<uint32_t>(out, h.schema);
    put<uint64_t>(out, h.plainBytes);
    put<uint64_t>(out, h.n);
    put<uint32_t>(out, h.r);
    put<uint32_t>(out, h.p);
    out.append(reinterpret_cast<const char*>(h.salt), kSaltBytes);
    out.append(reinterpret_cast<const char*>(h.nonce), kNonceBytes);
    out.append(reinterpret_cast<const char*>(h.check), kCheckBytes);
    return out;
}

// "" and *h, or what is wrong with the header's shape.
QString decodeHeader(const QByteArray& bytes, int64_t fileBytes, Header* h) {
    if (bytes.size() < static_cast<qsizetype>(kHeaderBytes) || std::memcmp(bytes.constData(), kMagic, 6) != 0)
        return QCoreApplication::translate("fyr::app::Backup", "not a Fyr backup (no FYRBAK header)");
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData());
    if (p[6] != 1) return QCoreApplication::translate("fyr::app::Backup", "backup format version %1 is not supported by this Fyr").arg(p[6]);
    if (get<uint32_t>(p + 8) != kHeaderBytes) return QCoreApplication::translate("fyr::app::Backup", "the header length is %1, expected %2").arg(get<uint32_t>(p + 8)).arg(kHeaderBytes);
    size_t at = 12;
    h->createdMs = get<int64_t>(p + at), at += 8;
    h->schema = get<uint32_t>(p + at), at += 4;
    h->plainBytes = get<uint64_t>(p + at), at += 8;
    h->n = get<uint64_t>(p + at), at += 8;
    h->r = get<uint32_t>(p + at), at += 4;
    h->p = get<uint32_t>(p + at), at += 4;
    std::memcpy(h->salt, p + at, kSaltBytes), at += kSaltBytes;
    std::memcpy(h->nonce, p + at, kNonceBytes), at += kNonceBytes;
    std::memcpy(h->check, p + at, kCheckBytes);
    if (!crypto::ScryptParams{h->n, h->r, h->p}.plausible())
        return QCoreApplication::translate("fyr::app::Backup", "the key derivation settings in the header are out of range");
    const uint64_t expected = kHeaderBytes + h->plainBytes + kTagBytes;
    if (fileBytes >= 0 && static_cast<uint64_t>(fileBytes) != expected)
        return QCoreApplication::translate("fyr::app::Backup", "the file has %1 bytes but its header says %2: it is truncated or damaged").arg(fileBytes).arg(expected);
    return {};
}

crypto::ScryptParams kdf(const Header& h) {
    return {h.n, h.r, h.p};
}

QByteArray keyCheck(const QByteArray& key) {
    return crypto::hmacSha256(key, QByteArrayLiteral("fyr backup key check")).left(kCheckBytes);
}

// Wipes a key when it goes out of scope.
struct KeyWipe {
    QByteArray& key;
    ~KeyWipe() { crypto::wipe(key); }
};

// Copies the database behind `from` into a fresh in-memory database and returns
// its bytes; "" or the error in *error.
QByteArray snapshot(sqlite3* from, QString* error) {
    sqlite3* mem = nullptr;
    sqlite3_open(":memory:", &mem);
    sqlite3_backup* b = sqlite3_backup_init(mem, "main", from, "main");
    if (!b) {
        *error = QString::fromUtf8(sqlite3_errmsg(mem));
        sqlite3_close(mem);
        return {};
    }
    int rc = SQLITE_OK;
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(rc == SQLITE_OK ? 0 : 20);
    sqlite3_backup_finish(b);
    QByteArray bytes;
    if (rc != SQLITE_DONE) {
        *error = QString::fromUtf8(sqlite3_errstr(rc));
    } else {
        sqlite3_int64 size = 0;
        unsigned char* data = sqlite3_serialize(mem, "main", &size, 0);
        if (data) bytes = QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
        else *error = QCoreApplication::translate("fyr::app::Backup", "out of memory while copying the database");
        // The header still says WAL (bytes 18 and 19 are 2), which a database read
        // from memory cannot be; rollback-journal mode (1) it is. Opening the
        // restored file as a Store turns WAL back on.
        if (bytes.size() >= 100) bytes[18] = bytes[19] = 1;
        sqlite3_free(data);
    }
    sqlite3_close(mem);
    return bytes;
}

}  // namespace

QString Backup::defaultDir(const QString& databasePath) {
    return QDir(Store::folder(databasePath)).filePath(QStringLiteral("backups"));
}

QString Backup::create(const Store& store, const QString& out, const QByteArray& passphrase, BackupInfo* info) {
    if (passphrase.isEmpty()) return QCoreApplication::translate("fyr::app::Backup", "a backup needs a passphrase");
    QString error;
    auto reader = store.reader(&error);
    if (!reader) return QCoreApplication::translate("fyr::app::Backup", "%1: cannot read the database: %2").arg(store.path(), error);
    const QByteArray plain = snapshot(reader->db(), &error);
    if (plain.isEmpty()) return QCoreApplication::translate("fyr::app::Backup", "%1: the copy failed: %2").arg(store.path(), error);

    Header h;
    h.createdMs = QDateTime::currentMSecsSinceEpoch();
    h.schema = static_cast<uint32_t>(store.schemaVersion());
    h.plainBytes = static_cast<uint64_t>(plain.size());
    const QByteArray salt = crypto::randomBytes(kSaltBytes), nonce = crypto::randomBytes(kNonceBytes);
    if (salt.isEmpty() || nonce.isEmpty()) return QCoreApplication::translate("fyr::app::Backup", "the system's random number generator failed");
    std::memcpy(h.salt, salt.constData(), kSaltBytes);
    std::memcpy(h.nonce, nonce.constData(), kNonceBytes);
    QByteArray key = crypto::scrypt(passphrase, salt, kdf(h));
    KeyWipe wipe{key};
    if (key.isEmpty()) return QCoreApplication::translate("fyr::app::Backup", "deriving the key from the passphrase failed");
    std::memcpy(h.check, keyCheck(key).constData(), kCheckBytes);
    const QByteArray header = encodeHeader(h);
    const std::optional<crypto::Sealed> sealed = crypto::seal(key, plain, header, nonce);
    if (!sealed) return QCoreApplication::translate("fyr::app::Backup", "encryption failed");

    QDir().mkpath(QFileInfo(out).absolutePath());
    QSaveFile file(out);  // writes OUT's temporary, renames it on commit
    if (!file.open(QIODevice::WriteOnly)) return QCoreApplication::translate("fyr::app::Backup", "%1: cannot write: %2").arg(out, file.errorString());
    file.write(header);
    file.write(sealed->ciphertext);
    file.write(sealed->tag);
    if (!file.commit()) return QCoreApplication::translate("fyr::app::Backup", "%1: cannot write: %2").arg(out, file.errorString());
    if (info) {
        info->path = out;
        info->createdMs = h.createdMs;
        info->schemaVersion = static_cast<int>(h.schema);
        info->databaseBytes = plain.size();
        info->fileBytes = QFileInfo(out).size();
    }
    return {};
}

std::optional<BackupInfo> Backup::inspect(const QString& file, QString* error) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QCoreApplication::translate("fyr::app::Backup", "%1: cannot read: %2").arg(file, f.errorString());
        return std::nullopt;
    }
    Header h;
    if (const QString why = decodeHeader(f.read(kHeaderBytes), f.size(), &h); !why.isEmpty()) {
        if (error) *error = QCoreApplication::translate("fyr::app::Backup", "%1: %2").arg(file, why);
        return std::nullopt;
    }
    BackupInfo info;
    info.path = file;
    info.createdMs = h.createdMs;
    info.schemaVersion = static_cast<int>(h.schema);
    info.databaseBytes = static_cast<int64_t>(h.plainBytes);
    info.fileBytes = f.size();
    return info;
}

QList<BackupInfo> Backup::list(const QString& dir) {
    QList<BackupInfo> out;
    const QFileInfoList files = QDir(dir).entryInfoList({QStringLiteral("*.fyrbak")}, QDir::Files);
    for (const QFileInfo& fi : files) {
        if (auto info = inspect(fi.absoluteFilePath(), nullptr)) out.append(*info);
    }
    std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) { return a.createdMs > b.createdMs; });
    return out;
}

QStringList Backup::prune(const QString& dir, int keep, QString* error) {
    QStringList removed;
    if (keep < 1) {
        if (error) *error = QCoreApplication::translate("fyr::app::Backup", "retention must keep at least one backup");
        return removed;
    }
    const QList<BackupInfo> all = list(dir);
    for (qsizetype i = keep; i < all.size(); ++i) {
        if (!QFile::remove(all[i].path)) {
            if (error) *error = QCoreApplication::translate("fyr::app::Backup", "%1: cannot delete").arg(all[i].path);
            return removed;
        }
        removed.append(all[i].path);
    }
    return removed;
}

QString Backup::restore(const QString& file, const QByteArray& passphrase, const QString& dbPath, QString* keptAs) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return QCoreApplication::translate("fyr::app::Backup", "%1: cannot read: %2").arg(file, f.errorString());
    const QByteArray all = f.readAll();
    Header h;
    if (const QString why = decodeHeader(all.left(kHeaderBytes), all.size(), &h); !why.isEmpty())
        return QCoreApplication::translate("fyr::app::Backup", "%1: %2").arg(file, why);
    if (h.schema > static_cast<uint32_t>(schema::latestVersion()))
        return QCoreApplication::translate("fyr::app::Backup", "%1: the backup has schema version %2, newer than this Fyr understands (%3)")
            .arg(file)
            .arg(h.schema)
            .arg(schema::latestVersion());
    QByteArray key = crypto::scrypt(passphrase, QByteArray(reinterpret_cast<const char*>(h.salt), kSaltBytes), kdf(h));
    KeyWipe wipe{key};
    if (key.isEmpty()) return QCoreApplication::translate("fyr::app::Backup", "deriving the key from the passphrase failed");
    if (!crypto::equal(keyCheck(key), QByteArray(reinterpret_cast<const char*>(h.check), kCheckBytes)))
        return QCoreApplication::translate("fyr::app::Backup", "%1: wrong passphrase").arg(file);
    crypto::Sealed sealed;
    sealed.nonce = QByteArray(reinterpret_cast<const char*>(h.nonce), kNonceBytes);
    sealed.ciphertext = all.mid(kHeaderBytes, static_cast<qsizetype>(h.plainBytes));
    sealed.tag = all.mid(static_cast<qsizetype>(kHeaderBytes + h.plainBytes), kTagBytes);
    std::optional<QByteArray> opened = crypto::open(key, sealed, all.left(kHeaderBytes));
    if (!opened)
        return QCoreApplication::translate("fyr::app::Backup", "%1: the backup is damaged or has been altered (authentication failed); nothing was restored").arg(file);
    QByteArray plain = std::move(*opened);

    // The copy inside must itself be a sound database.
    sqlite3* mem = nullptr;
    sqlite3_open(":memory:", &mem);
    auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(plain.size())));
    std::memcpy(buf, plain.constData(), static_cast<size_t>(plain.size()));
    sqlite3_deserialize(mem, "main", buf, plain.size(), plain.size(),
                        SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> memGuard(mem, sqlite3_close_v2);
    {
        Statement check2(mem, "PRAGMA integrity_check");
        if (!check2.next() || check2.text(0) != QStringLiteral("ok"))
            return QCoreApplication::translate("fyr::app::Backup", "%1: the database inside the backup fails its integrity check; nothing was restored").arg(file);
    }

    // Keep what is there now, then copy in through SQLite (atomic for the target).
    QDir().mkpath(QFileInfo(dbPath).absolutePath());
    sqlite3* target = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(dbPath).constData(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        const QString why = QString::fromUtf8(sqlite3_errmsg(target));
        sqlite3_close_v2(target);
        return QCoreApplication::translate("fyr::app::Backup", "%1: cannot open: %2").arg(dbPath, why);
    }
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> targetGuard(target, sqlite3_close_v2);
    sqlite3_busy_timeout(target, 2000);
    if (QFileInfo(dbPath).size() > 0) {
        execSql(target, "PRAGMA wal_checkpoint(TRUNCATE)");
        const QString kept = dbPath + QStringLiteral(".before-restore-%1").arg(QDateTime::currentMSecsSinceEpoch());
        if (!QFile::copy(dbPath, kept)) return QCoreApplication::translate("fyr::app::Backup", "%1: cannot keep the current database as %2").arg(dbPath, kept);
        if (keptAs) *keptAs = kept;
    }
    sqlite3_backup* b = sqlite3_backup_init(target, "main", mem, "main");
    if (!b) return QCoreApplication::translate("fyr::app::Backup", "%1: cannot restore: %2").arg(dbPath, QString::fromUtf8(sqlite3_errmsg(target)));
    const int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return QCoreApplication::translate("fyr::app::Backup", "%1: cannot restore (is Fyr still running?): %2").arg(dbPath, QString::fromUtf8(sqlite3_errstr(rc)));
    return {};
}

}  // namespace fyr::app
