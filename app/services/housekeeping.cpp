#include "services/housekeeping.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <chrono>
#include <utility>

#include "core/log_categories.h"
#include "services/installation_settings.h"
#include "store/audit_log.h"
#include "store/backup.h"
#include "store/backup_schedule.h"
#include "store/conversations.h"
#include "store/store.h"

namespace fyr::app {

Housekeeping::Housekeeping(Store& store, const KeyRing& ring, AuditLog& audit, QString actor, QByteArray passphrase,
                           QObject* parent)
    : QObject(parent), m_store(store), m_ring(ring), m_audit(audit), m_actor(std::move(actor)),
      m_passphrase(std::move(passphrase)) {
    m_retentionTimer.setInterval(std::chrono::hours(1));
    connect(&m_retentionTimer, &QTimer::timeout, this, [this] { runRetention(); });
}

Housekeeping::~Housekeeping() {
    m_passphrase.fill('\0');
}

void Housekeeping::apply(const InstallationSettings& settings) {
    m_days = settings.value(QStringLiteral("retention.conversation_days")).toInt();
    if (m_days > 0) {
        runRetention();
        m_retentionTimer.start();
    } else {
        m_retentionTimer.stop();
    }

    const int hours = settings.value(QStringLiteral("backup.interval_hours")).toInt();
    const int keep = settings.value(QStringLiteral("backup.keep")).toInt();
    if (hours <= 0 || m_passphrase.isEmpty()) {
        m_backups.reset();
        return;
    }
    if (!m_backups) {
        m_backups = std::make_unique<BackupSchedule>(m_store, QString(), m_passphrase);
        connect(m_backups.get(), &BackupSchedule::backedUp, this, [this](const QString& path, const QStringList& removed) {
            const QString details = QStringLiteral("scheduled; %1 bytes; %2 older removed")
                                        .arg(QFileInfo(path).size())
                                        .arg(removed.size());
            if (const QString e = m_audit.append(m_actor, QStringLiteral("backup.create"), path, details); !e.isEmpty())
                emit failed(QCoreApplication::translate("fyr::app::Housekeeping", "The backup %1 was made but could not be recorded in the audit log: %2").arg(path, e));
            emit backedUp(path);
        });
        connect(m_backups.get(), &BackupSchedule::failed, this, [this](const QString& message) {
            const QString text = QCoreApplication::translate("fyr::app::Housekeeping", "The scheduled backup failed: %1").arg(message);
            qCWarning(lcStore).noquote() << text;
            emit failed(text);
        });
    }
    m_backups->setInterval(std::chrono::hours(hours));
    m_backups->setKeep(keep);
    m_backups->start();
}

int Housekeeping::runRetention(QString* error) {
    if (m_days <= 0) return 0;
    QString why;
    const int removed = Conversations(m_store, m_ring).deleteOlderThan(m_days, &why);
    if (!why.isEmpty()) {
        const QString text = QCoreApplication::translate("fyr::app::Housekeeping", "Old conversations could not be deleted: %1").arg(why);
        qCWarning(lcStore).noquote() << text;
        if (error) *error = text;
        emit failed(text);
        return -1;
    }
    if (removed > 0) {
        const QString details = QStringLiteral("%1 conversations older than %2 days").arg(removed).arg(m_days);
        if (const QString e = m_audit.append(m_actor, QStringLiteral("retention.run"), QStringLiteral("conversations"), details);
            !e.isEmpty())
            emit failed(QCoreApplication::translate("fyr::app::Housekeeping", "Old conversations were deleted but the audit log could not record it: %1").arg(e));
    }
    emit retentionRan(removed);
    return removed;
}

bool Housekeeping::backupsScheduled() const { return m_backups != nullptr; }

QString Housekeeping::backupNow() {
    if (!m_backups) return QCoreApplication::translate("fyr::app::Housekeeping", "scheduled backups are off (backup.interval_hours is 0)");
    return m_backups->runOnce();
}

QString Housekeeping::backupDir() const { return m_backups ? m_backups->dir() : Backup::defaultDir(m_store.path()); }

}  // namespace fyr::app
