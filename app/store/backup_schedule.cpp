#include "store/backup_schedule.h"

#include <QDateTime>

#include "store/backup.h"
#include "store/crypto.h"
#include "store/store.h"

namespace fyr::app {

BackupSchedule::BackupSchedule(const Store& store, QString dir, QByteArray passphrase, QObject* parent)
    : QObject(parent),
      m_store(store),
      m_dir(dir.isEmpty() ? Backup::defaultDir(store.path()) : std::move(dir)),
      m_passphrase(std::move(passphrase)) {
    m_timer.setInterval(std::chrono::hours(24));
    connect(&m_timer, &QTimer::timeout, this, [this] { runOnce(); });
}

BackupSchedule::~BackupSchedule() {
    crypto::wipe(m_passphrase);
}

void BackupSchedule::setInterval(std::chrono::milliseconds interval) {
    m_timer.setInterval(interval);
}

void BackupSchedule::setKeep(int keep) {
    m_keep = std::max(keep, 1);
}

void BackupSchedule::start() {
    m_timer.start();
}

void BackupSchedule::stop() {
    m_timer.stop();
}

QString BackupSchedule::runOnce() {
    const QString file = m_dir + QStringLiteral("/fyr-%1.fyrbak")
                                     .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")));
    QString error = Backup::create(m_store, file, m_passphrase);
    QStringList removed;
    if (error.isEmpty()) removed = Backup::prune(m_dir, m_keep, &error);
    if (!error.isEmpty()) {
        emit failed(error);
        return error;
    }
    emit backedUp(file, removed);
    return {};
}

}  // namespace fyr::app
