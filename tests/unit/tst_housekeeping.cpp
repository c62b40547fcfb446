// The console's housekeeping from the installation's settings: conversations
// older than retention.conversation_days deleted (and audited), newer ones kept;
// scheduled backups into the installation's backups folder, the newest
// backup.keep kept, each audited; everything off by default.
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "services/housekeeping.h"
#include "services/installation.h"
#include "services/installation_settings.h"
#include "store/audit_log.h"
#include "store/backup.h"
#include "store/clock.h"
#include "store/conversations.h"
#include "store/identity.h"
#include "store/key_ring.h"
#include "store/statement.h"
#include "store/store.h"

using namespace fyr::app;

namespace {

const QByteArray kPassword = "admin password 1";
const QByteArray kPassphrase = "data passphrase for tests 1";
constexpr int64_t kDayMs = 24 * 3600 * 1000;

QStringList audited(AuditLog& audit, const QString& action) {
    QString error;
    QStringList out;
    for (const AuditLog::Entry& e : audit.entries(1, 100000, &error))
        if (e.action == action) out << e.target + QLatin1Char(' ') + e.details;
    return out;
}

}  // namespace

class TestHousekeeping : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("fyr.db"));
        QCOMPARE(createInstallation(m_path, QStringLiteral("admin"), kPassword, kPassphrase), QString());
    }

    void offByDefault() {
        SignedIn s = signIn(m_path, QStringLiteral("admin"), kPassword, kPassphrase, QStringLiteral("test"), QStringLiteral("test"));
        QVERIFY(s.ok());
        Housekeeping hk(*s.store, *s.ring, *s.audit, s.who.user, kPassphrase);
        hk.apply(InstallationSettings(*s.store));
        QCOMPARE(hk.retentionDays(), 0);
        QVERIFY(!hk.backupsScheduled());
        QCOMPARE(hk.runRetention(), 0);
        QVERIFY(hk.backupNow().contains(QLatin1String("backup.interval_hours")));
    }

    void retentionDeletesOnlyOldConversations() {
        SignedIn s = signIn(m_path, QStringLiteral("admin"), kPassword, kPassphrase, QStringLiteral("test"), QStringLiteral("test"));
        QVERIFY(s.ok());
        Conversations c(*s.store, *s.ring);
        QString error;
        const int64_t old = c.create(s.who.userId, QStringLiteral("old"), &error, nowMs() - 40 * kDayMs);
        QVERIFY2(old > 0, qPrintable(error));
        const int64_t recent = c.create(s.who.userId, QStringLiteral("recent"), &error, nowMs() - 2 * kDayMs);
        QVERIFY2(recent > 0, qPrintable(error));

        InstallationSettings settings(*s.store);
        QCOMPARE(settings.set(s.who, *s.audit, QStringLiteral("retention.conversation_days"), QStringLiteral("30")), QString());
        Housekeeping hk(*s.store, *s.ring, *s.audit, s.who.user, kPassphrase);
        QSignalSpy ran(&hk, &Housekeeping::retentionRan);
        hk.apply(settings);  // runs once at once
        QCOMPARE(ran.count(), 1);
        QCOMPARE(ran.first().first().toInt(), 1);
        QList<int64_t> left;
        {
            auto reader = s.store->reader();
            QVERIFY(reader);
            Statement st(reader->db(), "SELECT id FROM conversations ORDER BY id");
            while (st.next()) left << st.integer(0);
        }
        QCOMPARE(left, QList<int64_t>{recent});
        QCOMPARE(audited(*s.audit, QStringLiteral("retention.run")),
                 QStringList{QStringLiteral("conversations 1 conversations older than 30 days")});
        QCOMPARE(hk.runRetention(), 0);  // nothing more to delete, nothing more audited
        QCOMPARE(audited(*s.audit, QStringLiteral("retention.run")).size(), 1);
        QCOMPARE(settings.reset(s.who, *s.audit, QStringLiteral("retention.conversation_days")), QString());
    }

    void scheduledBackupsKeepTheNewest() {
        SignedIn s = signIn(m_path, QStringLiteral("admin"), kPassword, kPassphrase, QStringLiteral("test"), QStringLiteral("test"));
        QVERIFY(s.ok());
        InstallationSettings settings(*s.store);
        QCOMPARE(settings.set(s.who, *s.audit, QStringLiteral("backup.interval_hours"), QStringLiteral("24")), QString());
        QCOMPARE(settings.set(s.who, *s.audit, QStringLiteral("backup.keep"), QStringLiteral("2")), QString());
        Housekeeping hk(*s.store, *s.ring, *s.audit, s.who.user, kPassphrase);
        hk.apply(settings);
        QVERIFY(hk.backupsScheduled());
        QCOMPARE(hk.backupDir(), Backup::defaultDir(m_path));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(hk.backupNow(), QString());
            QTest::qWait(5);  // distinct file names (milliseconds in the name)
        }
        const QStringList files = QDir(hk.backupDir()).entryList({QStringLiteral("*.fyrbak")}, QDir::Files);
        QCOMPARE(files.size(), 2);
        QCOMPARE(audited(*s.audit, QStringLiteral("backup.create")).size(), 3);
        QVERIFY(s.audit->verify().ok);

        // Off again: no schedule.
        QCOMPARE(settings.set(s.who, *s.audit, QStringLiteral("backup.interval_hours"), QStringLiteral("0")), QString());
        hk.apply(settings);
        QVERIFY(!hk.backupsScheduled());
    }
};

QTEST_GUILESS_MAIN(TestHousekeeping)
#include "tst_housekeeping.moc"
