// Scheduled backups with retention: every `interval`, an encrypted backup of
// the store into `dir` (empty: the installation's backups folder beside its
// database, Backup::defaultDir(store.path()), where fyrctl backup looks), then
// all but the `keep` newest deleted. Runs on the
// thread the schedule lives in (a timer; the copy itself is quick and the store's
// writer keeps working meanwhile); a failure is reported and retried at the next tick.
//
//   auto* s = new fyr::app::BackupSchedule(store, dir, passphrase, this);
//   s->setInterval(std::chrono::hours(24));
//   s->setKeep(14);
//   connect(s, &BackupSchedule::backedUp, ...);   // (path, removed)
//   connect(s, &BackupSchedule::failed, ...);     // (message)
//   s->start();
//
// Thread-safety: a QObject of its thread; the store may be used elsewhere meanwhile.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace fyr::app {

class Store;

class BackupSchedule final : public QObject {
    Q_OBJECT
public:
    BackupSchedule(const Store& store, QString dir, QByteArray passphrase, QObject* parent = nullptr);
    ~BackupSchedule() override;

    void setInterval(std::chrono::milliseconds interval);
    void setKeep(int keep);
    void start();
    void stop();
    // One backup now (also what each tick does); "" or the error.
    QString runOnce();
    const QString& dir() const { return m_dir; }

signals:
    void backedUp(const QString& path, const QStringList& removed);
    void failed(const QString& message);

private:
    const Store& m_store;
    QString m_dir;
    QByteArray m_passphrase;
    int m_keep = 7;
    QTimer m_timer;
};

}  // namespace fyr::app
