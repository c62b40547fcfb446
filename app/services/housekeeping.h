// The installation's housekeeping while the console runs, as its settings say
// (installation_settings.h): conversations older than retention.conversation_days
// deleted (at start and then hourly), and an encrypted backup every
// backup.interval_hours into the installation's backups folder, the
// backup.keep newest kept (BackupSchedule). Each retention run that deletes
// something and each scheduled backup is audited (retention.run,
// backup.create) under the signed-in user's name; failures are reported.
//
//   fyr::app::Housekeeping hk(session.store(), session.keyRing(), session.audit(), who, passphrase);
//   hk.apply(settings);        // again after a setting changes
//   int removed = hk.runRetention(&error);   // also what the hourly tick does
//
// Thread-safety: a QObject of the GUI thread (its timers); runRetention() and
// backupNow() from there too.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace fyr::app {

class AuditLog;
class BackupSchedule;
class InstallationSettings;
class KeyRing;
class Store;

class Housekeeping final : public QObject {
    Q_OBJECT
public:
    // `passphrase` encrypts the scheduled backups (the data passphrase the user
    // signed in with, so the admin restores them with the passphrase they know);
    // held in memory only while this object lives. The others must outlive it.
    Housekeeping(Store& store, const KeyRing& ring, AuditLog& audit, QString actor, QByteArray passphrase,
                 QObject* parent = nullptr);
    ~Housekeeping() override;

    // Reads the settings, runs retention once and (re)starts both schedules.
    void apply(const InstallationSettings& settings);

    // Deletes the conversations older than the setting's days now; how many (0
    // when retention is off), or -1 with *error.
    int runRetention(QString* error = nullptr);
    int retentionDays() const { return m_days; }
    bool backupsScheduled() const;
    // A scheduled backup now (what each tick does); "" or the error.
    QString backupNow();
    QString backupDir() const;

signals:
    void retentionRan(int removed);
    void backedUp(const QString& path);
    void failed(const QString& message);

private:
    Store& m_store;
    const KeyRing& m_ring;
    AuditLog& m_audit;
    const QString m_actor;
    QByteArray m_passphrase;
    int m_days = 0;
    QTimer m_retentionTimer;
    std::unique_ptr<BackupSchedule> m_backups;
};

}  // namespace fyr::app
