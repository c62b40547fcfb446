// Encrypted backups: a copy taken while the store is open restores to the same
// rows; the file holds no plaintext; a wrong passphrase, an altered byte (body or
// header), a truncated file and a foreign file are each refused with their own
// message and change nothing; restoring over a database keeps it aside; list is
// newest first; and `fyrctl backup create|list|restore` does the same from the
// command line without a passphrase on it.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <random>

#include "cli_runner.h"
#include "core/resources.h"
#include "store/backup.h"
#include "store/backup_schedule.h"
#include "store/identity.h"
#include "store/key_ring.h"
#include "store/statement.h"
#include "store/store.h"

using fyr::app::Backup;
using fyr::app::Statement;
using fyr::app::Store;

namespace {

const QByteArray kPass = "correct horse battery staple";
const QString kSecret = QStringLiteral("plaintext-marker-5c1f");

QString put(Store& s, const QString& key, const QString& value) {
    return s.write([&](sqlite3* db) {
                Statement st(db, "INSERT OR REPLACE INTO settings(key, value, updated_ms) VALUES(?1, ?2, 1)");
                st.bind(1, key).bind(2, value);
                return st.run() ? QString() : st.error();
            })
        .get();
}

QStringList rows(const QString& dbPath) {
    Store::Opened o = Store::open(dbPath);
    if (!o.store) return {o.error};
    auto r = o.store->reader();
    QStringList out;
    Statement st(r->db(), "SELECT key || '=' || value FROM settings ORDER BY key");
    while (st.next()) out << st.text(0);
    return out;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) f.write(bytes);
}

}  // namespace

class TestBackup : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db, m_backup;

private slots:
    void initTestCase() {
        fyr::app::initResources();
        m_db = m_dir.filePath(QStringLiteral("live/fyr.db"));
        m_backup = m_dir.filePath(QStringLiteral("b/one.fyrbak"));
        Store::Opened o = Store::open(m_db);
        QVERIFY2(o.store, qPrintable(o.error));
        QCOMPARE(put(*o.store, QStringLiteral("a"), kSecret), QString());
        QCOMPARE(put(*o.store, QStringLiteral("b"), QStringLiteral("2")), QString());
        fyr::app::BackupInfo info;
        // Taken while the store is open (and its WAL holds the rows).
        QCOMPARE(Backup::create(*o.store, m_backup, kPass, &info), QString());
        QCOMPARE(info.path, m_backup);
        QCOMPARE(info.schemaVersion, o.store->schemaVersion());
        QVERIFY(info.fileBytes > info.databaseBytes);
        QVERIFY(!QFile::exists(m_backup + QStringLiteral(".tmp")));
    }

    void restoresTheSameRows() {
        const QString fresh = m_dir.filePath(QStringLiteral("fresh/fyr.db"));
        QString kept;
        QCOMPARE(Backup::restore(m_backup, kPass, fresh, &kept), QString());
        QVERIFY(kept.isEmpty());
        QCOMPARE(rows(fresh), (QStringList{QStringLiteral("a=") + kSecret, QStringLiteral("b=2")}));
    }

    void holdsNoPlaintext() {
        const QByteArray file = readAll(m_backup);
        QVERIFY(!file.isEmpty());
        QVERIFY(!file.contains(kSecret.toUtf8()));
        QVERIFY(!file.contains("SQLite format 3"));
        QVERIFY(file.startsWith("FYRBAK"));
    }

    void restoringOverADatabaseKeepsIt() {
        const QString target = m_dir.filePath(QStringLiteral("over/fyr.db"));
        {
            Store::Opened o = Store::open(target);
            QVERIFY(o.store);
            QCOMPARE(put(*o.store, QStringLiteral("old"), QStringLiteral("x")), QString());
        }
        QString kept;
        QCOMPARE(Backup::restore(m_backup, kPass, target, &kept), QString());
        QVERIFY(kept.contains(QStringLiteral(".before-restore-")));
        QCOMPARE(rows(target).size(), 2);
        QCOMPARE(rows(kept), QStringList{QStringLiteral("old=x")});
    }

    void refusesWhatItCannotTrust() {
        const QString target = m_dir.filePath(QStringLiteral("refused/fyr.db"));
        QString e = Backup::restore(m_backup, "not the passphrase", target);
        QVERIFY2(e.contains(QStringLiteral("wrong passphrase")), qPrintable(e));

        const QByteArray good = readAll(m_backup);
        const QString bad = m_dir.filePath(QStringLiteral("bad.fyrbak"));
        QByteArray body = good;
        body[body.size() - 40] = static_cast<char>(body[body.size() - 40] ^ 1);
        writeAll(bad, body);
        e = Backup::restore(bad, kPass, target);
        QVERIFY2(e.contains(QStringLiteral("altered")), qPrintable(e));

        QByteArray header = good;
        header[12] = static_cast<char>(header[12] ^ 1);  // the creation time, authenticated
        writeAll(bad, header);
        e = Backup::restore(bad, kPass, target);
        QVERIFY2(e.contains(QStringLiteral("altered")), qPrintable(e));

        writeAll(bad, good.left(good.size() - 100));
        e = Backup::restore(bad, kPass, target);
        QVERIFY2(e.contains(QStringLiteral("truncated")), qPrintable(e));
        QVERIFY(!Backup::inspect(bad, &e));

        writeAll(bad, QByteArray(200, 'z'));
        e = Backup::restore(bad, kPass, target);
        QVERIFY2(e.contains(QStringLiteral("not a Fyr backup")), qPrintable(e));

        QVERIFY(!QFile::exists(target));  // nothing was written anywhere
    }

    // Damaged headers of every kind: inspect() answers with an error (or a
    // header), never reads out of bounds or crashes.
    void mutatedHeadersAreAnsweredNotTrusted() {
        const QByteArray good = readAll(m_backup);
        QVERIFY(good.size() > 200);
        const QString bad = m_dir.filePath(QStringLiteral("mutated.fyrbak"));
        std::mt19937 rng(99);
        int refused = 0;
        for (int i = 0; i < 3000; ++i) {
            QByteArray b = good.left(static_cast<qsizetype>(rng() % 200) + (i % 3 == 0 ? 0 : good.size()));
            const int flips = 1 + static_cast<int>(rng() % 4);
            for (int f = 0; f < flips && !b.isEmpty(); ++f) {
                const auto at = static_cast<qsizetype>(rng() % static_cast<uint32_t>(std::min<qsizetype>(b.size(), 120)));
                b[at] = static_cast<char>(rng());
            }
            writeAll(bad, b);
            QString e;
            if (!Backup::inspect(bad, &e)) {
                QVERIFY(!e.isEmpty());
                ++refused;
            }
        }
        QVERIFY(refused > 1000);
    }

    void listsNewestFirst() {
        Store::Opened o = Store::open(m_db);
        QVERIFY(o.store);
        const QString second = m_dir.filePath(QStringLiteral("b/two.fyrbak"));
        QTest::qWait(5);
        QCOMPARE(Backup::create(*o.store, second, kPass), QString());
        const QList<fyr::app::BackupInfo> all = Backup::list(m_dir.filePath(QStringLiteral("b")));
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].path, second);
        QCOMPARE(all[1].path, m_backup);
    }

    // Retention keeps the newest N and never touches other files; the schedule
    // makes a backup per tick and prunes after each.
    void retentionAndSchedule() {
        const QString dir = m_dir.filePath(QStringLiteral("sched"));
        QDir().mkpath(dir);
        writeAll(dir + QStringLiteral("/notes.txt"), "not a backup");
        Store::Opened o = Store::open(m_db);
        QVERIFY(o.store);
        fyr::app::BackupSchedule schedule(*o.store, dir, kPass);
        schedule.setKeep(2);
        QSignalSpy done(&schedule, &fyr::app::BackupSchedule::backedUp);
        QSignalSpy failed(&schedule, &fyr::app::BackupSchedule::failed);
        schedule.setInterval(std::chrono::milliseconds(50));
        schedule.start();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() >= 3, 30000);
        schedule.stop();
        QCOMPARE(failed.count(), 0);
        const QList<fyr::app::BackupInfo> kept = Backup::list(dir);
        QCOMPARE(kept.size(), 2);
        QVERIFY(QFile::exists(dir + QStringLiteral("/notes.txt")));
        QCOMPARE(kept[0].path, done.last().at(0).toString());
        QVERIFY(!done.last().at(1).toStringList().isEmpty());  // the third tick removed one
        QString error;
        QCOMPARE(Backup::prune(dir, 1, &error).size(), 1);
        QVERIFY(Backup::prune(dir, 0, &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("at least one")));
        // A schedule that cannot write reports it.
        fyr::app::BackupSchedule broken(*o.store, QStringLiteral("/proc/no/such/dir"), kPass);
        QSignalSpy brokenFailed(&broken, &fyr::app::BackupSchedule::failed);
        QVERIFY(!broken.runOnce().isEmpty());
        QCOMPARE(brokenFailed.count(), 1);
    }

    void fyrctlBackup() {
        const QString passFile = m_dir.filePath(QStringLiteral("pass.txt"));
        writeAll(passFile, kPass + "\n");
        const QString dir = m_dir.filePath(QStringLiteral("cli"));
        // Taking a backup is done by a named user with settings.manage, and audited.
        {
            Store::Opened o = Store::open(m_db);
            QVERIFY(o.store);
            QCOMPARE(fyr::app::KeyRing::initialize(*o.store, "data passphrase", fyr::app::KeyRing::Secret::Passphrase, {1u << 10, 8, 1}),
                     QString());
            QCOMPARE(fyr::app::Identity(*o.store).createFirstAdmin(QStringLiteral("root"), "root password"), QString());
        }
        qputenv("FYR_PASSPHRASE", "data passphrase");
        qputenv("FYR_PASSWORD", "root password");
        CliResult r = runCli({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--db"), m_db,
                              QStringLiteral("--dir"), dir, QStringLiteral("--passphrase-file"), passFile});
        QCOMPARE(r.rc, 2);  // nobody named
        QVERIFY2(r.err.contains(QStringLiteral("--as")), qPrintable(r.err));
        r = runCli({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--db"), m_db,
                    QStringLiteral("--dir"), dir, QStringLiteral("--passphrase-file"), passFile,
                    QStringLiteral("--json"), QStringLiteral("--as"), QStringLiteral("root")});
        QCOMPARE(r.rc, 0);
        const QString file = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("path")).toString();
        QVERIFY2(QFile::exists(file), qPrintable(r.out + r.err));

        r = runCli({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--dir"), dir,
                    QStringLiteral("--json")});
        QCOMPARE(r.rc, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 1);

        const QString target = m_dir.filePath(QStringLiteral("cli-restored/fyr.db"));
        r = runCli({QStringLiteral("backup"), QStringLiteral("restore"), file, QStringLiteral("--db"), target,
                    QStringLiteral("--passphrase-file"), passFile});
        QCOMPARE(r.rc, 0);
        QCOMPARE(rows(target).size(), 2);

        // No passphrase anywhere: a usage error that says where to put one.
        qunsetenv("FYR_BACKUP_PASSPHRASE");
        r = runCli({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--db"), m_db,
                    QStringLiteral("--dir"), dir});
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("FYR_BACKUP_PASSPHRASE")), qPrintable(r.err));
        r = runCli({QStringLiteral("backup"), QStringLiteral("restore"), QStringLiteral("--passphrase-file"), passFile});
        QCOMPARE(r.rc, 2);
        r = runCli({QStringLiteral("backup"), QStringLiteral("frobnicate")});
        QCOMPARE(r.rc, 2);
        r = runCli({QStringLiteral("backup"), QStringLiteral("prune"), QStringLiteral("--dir"), dir});
        QCOMPARE(r.rc, 2);
        r = runCli({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--db"), m_db,
                    QStringLiteral("--dir"), dir, QStringLiteral("--passphrase-file"), passFile, QStringLiteral("--as"),
                    QStringLiteral("root")});
        QCOMPARE(r.rc, 0);
        r = runCli({QStringLiteral("backup"), QStringLiteral("prune"), QStringLiteral("--dir"), dir, QStringLiteral("--keep"),
                    QStringLiteral("1")});
        QCOMPARE(r.rc, 0);
        QCOMPARE(Backup::list(dir).size(), 1);
        {
            Store::Opened o = Store::open(m_db);
            auto rd = o.store->reader();
            fyr::app::Statement st(rd->db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'backup.create' AND actor = 'root'");
            QVERIFY(st.next());
            QCOMPARE(st.integer(0), int64_t(2));
        }
        qunsetenv("FYR_PASSPHRASE");
        qunsetenv("FYR_PASSWORD");
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
