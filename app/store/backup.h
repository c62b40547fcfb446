// Encrypted backups of the installation database. A backup is an online copy
// (SQLite's backup API, taken while Fyr runs, consistent at one instant), kept in
// memory and written encrypted: AES-256-GCM under a key derived from a passphrase
// with scrypt (N = 2^17, r = 8, p = 1, random salt), the header authenticated
// with it. Nothing unencrypted touches the disk.
//
//   QString err = fyr::app::Backup::create(store, QStringLiteral("/backups/fyr-1.fyrbak"), passphrase);
//   auto info = fyr::app::Backup::inspect(path, &err);        // header only: time, schema version, size
//   err = fyr::app::Backup::restore(path, passphrase, dbPath, &keptAs);   // Fyr stopped
//
// File: "FYRBAK" 0x01 0x00, header length, created (Unix ms), schema version,
// plaintext bytes, scrypt N/r/p, salt[16], nonce[12], key check[16], then the
// ciphertext and the GCM tag[16]. A wrong passphrase (key check) and a damaged or
// altered file (tag, sizes) are told apart and never restored.
//
// Thread-safety: the functions share nothing; create() reads through its own connection.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace fyr::app {

class Store;

struct BackupInfo {
    QString path;
    int64_t createdMs = 0;
    int schemaVersion = 0;
    int64_t databaseBytes = 0;  // the database's size inside
    int64_t fileBytes = 0;
};

class Backup {
public:
    // Writes OUT.tmp, syncs it, renames it to `out`; "" or why not.
    static QString create(const Store& store, const QString& out, const QByteArray& passphrase,
                          BackupInfo* info = nullptr);
    // Decrypts and checks `file` (passphrase, tag, SQLite integrity) and replaces
    // the database at dbPath with it; the file it replaces (if any) is kept as
    // dbPath + ".before-restore-<ms>" (*keptAs). Stop Fyr first. "" or why not.
    static QString restore(const QString& file, const QByteArray& passphrase, const QString& dbPath,
                           QString* keptAs = nullptr);
    // The header of a backup file, checked for shape only (no passphrase).
    static std::optional<BackupInfo> inspect(const QString& file, QString* error);
    // The backups (*.fyrbak) in dir, newest first; unreadable files are skipped.
    static QList<BackupInfo> list(const QString& dir);
    // Retention: deletes all but the `keep` newest backups in dir (files that are
    // not backups are never touched); the paths removed, or *error.
    static QStringList prune(const QString& dir, int keep, QString* error);
    // Where an installation's backups go: "backups" in its folder, beside the
    // database (empty: the default installation's); see Store::folder().
    static QString defaultDir(const QString& databasePath = {});
};

}  // namespace fyr::app
