// The installation database: a fresh file gets every table, WAL and foreign
// keys; migrations bring every earlier version forward without losing rows; a
// too new, damaged or locked file is refused with a clear message and left
// untouched; writes commit or roll back as a whole and readers see them; and a
// writer killed with SIGKILL again and again never loses a commit it reported.
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <csignal>

#include "store/schema.h"
#include "store/statement.h"
#include "store/store.h"

using fyr::app::Statement;
using fyr::app::Store;

namespace {

const QStringList kTables{QStringLiteral("users"),         QStringLiteral("roles"),
                          QStringLiteral("role_permissions"), QStringLiteral("api_keys"),
                          QStringLiteral("conversations"), QStringLiteral("messages"),
                          QStringLiteral("requests"),      QStringLiteral("security_events"),
                          QStringLiteral("audit_log"),     QStringLiteral("models"),
                          QStringLiteral("endpoints"),     QStringLiteral("deployment_plans"),
                          QStringLiteral("settings"),      QStringLiteral("metric_series"),
                          QStringLiteral("quotas"),        QStringLiteral("role_models"),
                          QStringLiteral("alerts")};

QStringList indexes(sqlite3* db) {
    QStringList out;
    Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name");
    while (st.next()) out << st.text(0);
    return out;
}

QStringList tables(sqlite3* db) {
    QStringList out;
    Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (st.next()) out << st.text(0);
    return out;
}

QString put(Store& store, const QString& key, const QString& value) {
    return store
        .write([&](sqlite3* db) {
            Statement st(db, "INSERT INTO settings(key, value, updated_ms) VALUES(?1, ?2, 1)");
            st.bind(1, key).bind(2, value);
            return st.run() ? QString() : st.error();
        })
        .get();
}

}  // namespace

class TestStore : public QObject {
    Q_OBJECT
private slots:
    void freshDatabaseHasEveryTable() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/fyr.db"));
        Store::Opened o = Store::open(path);
        QVERIFY2(o.store, qPrintable(o.error));
        QCOMPARE(o.store->schemaVersion(), fyr::app::schema::latestVersion());
        auto r = o.store->reader();
        QVERIFY(r);
        const QStringList have = tables(r->db());
        for (const QString& t : kTables) QVERIFY2(have.contains(t), qPrintable(t));
        Statement mode(r->db(), "PRAGMA journal_mode");
        QVERIFY(mode.next());
        QCOMPARE(mode.text(0), QStringLiteral("wal"));
        QVERIFY(Store::defaultPath().endsWith(QStringLiteral("/fyr.db")));
    }

    void migratesFromEveryEarlierVersion() {
        for (int from = 0; from < fyr::app::schema::latestVersion(); ++from) {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("fyr.db"));
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
            QCOMPARE(fyr::app::schema::migrate(db, from), QString());
            QCOMPARE(fyr::app::schema::currentVersion(db, nullptr), from);
            if (from >= 1) {
                QCOMPARE(fyr::app::execSql(db, "INSERT INTO settings VALUES('kept', 'yes', 1)"), QString());
            }
            if (from >= 2) {
                QCOMPARE(fyr::app::execSql(db, "INSERT INTO requests(model, started_ms, prompt_tokens, gen_tokens) "
                                               "VALUES('kept-model', 5, 7, 11)"),
                         QString());
            }
            sqlite3_close(db);

            Store::Opened o = Store::open(path);
            QVERIFY2(o.store, qPrintable(o.error));
            QCOMPARE(o.store->schemaVersion(), fyr::app::schema::latestVersion());
            auto r = o.store->reader();
            for (const QString& t : kTables) QVERIFY2(tables(r->db()).contains(t), qPrintable(t));
            if (from >= 1) {
                Statement st(r->db(), "SELECT value FROM settings WHERE key = 'kept'");
                QVERIFY(st.next());
                QCOMPARE(st.text(0), QStringLiteral("yes"));
            }
            if (from >= 2) {
                // A request recorded before costs (6), guard times (8) and KV peaks (9) were kept
                // stays, all unknown (NULL), never 0.
                Statement st(r->db(), "SELECT model, prompt_tokens, gen_tokens, cost, cost_hardware, cost_energy, "
                                      "cost_basis, cost_currency, guard_ms, kv_peak_bytes FROM requests");
                QVERIFY2(st.next(), qPrintable(st.error()));
                QCOMPARE(st.text(0), QStringLiteral("kept-model"));
                QCOMPARE(st.integer(1), int64_t(7));
                QCOMPARE(st.integer(2), int64_t(11));
                for (int c = 3; c <= 9; ++c) QVERIFY2(st.isNull(c), qPrintable(QStringLiteral("column %1").arg(c)));
            }
            // Alerts are kept from version 7 on: an empty history, its indexes, and a
            // row written the way the alert store writes one.
            const QStringList have = indexes(r->db());
            QVERIFY2(have.contains(QStringLiteral("alerts_open")), qPrintable(have.join(u' ')));
            QVERIFY2(have.contains(QStringLiteral("alerts_latest")), qPrintable(have.join(u' ')));
            {
                Statement none(r->db(), "SELECT count(*) FROM alerts");
                QVERIFY2(none.next(), qPrintable(none.error()));
                QCOMPARE(none.integer(0), int64_t(0));
            }  // its read ends here, so the next one sees the write
            const QString e = o.store
                                  ->write([](sqlite3* w) {
                                      return fyr::app::execSql(
                                          w, "INSERT INTO alerts(run_id, alert_id, rule, severity, last_severity, "
                                              "opened_ms) VALUES(1, 1, 'gpu-too-hot', 'warning', 'critical', 5)");
                                  })
                                  .get();
            QCOMPARE(e, QString());
            Statement open(r->db(), "SELECT rule, resolved_ms, acknowledged_by, details FROM alerts "
                                    "WHERE resolved_ms IS NULL");
            QVERIFY2(open.next(), qPrintable(open.error()));
            QCOMPARE(open.text(0), QStringLiteral("gpu-too-hot"));
            QVERIFY(open.isNull(1));
            QVERIFY(open.isNull(2));
            QCOMPARE(open.text(3), QStringLiteral("{}"));
        }
    }

    void tooNewIsRefused() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        sqlite3* db = nullptr;
        sqlite3_open(QFile::encodeName(path).constData(), &db);
        const std::string sql = "PRAGMA user_version = " + std::to_string(fyr::app::schema::latestVersion() + 1);
        QCOMPARE(fyr::app::execSql(db, sql.c_str()), QString());
        sqlite3_close(db);
        Store::Opened o = Store::open(path);
        QVERIFY(!o.store);
        QCOMPARE(o.problem, Store::Problem::TooNew);
        QVERIFY2(o.error.contains(path) && o.error.contains(QStringLiteral("newer")), qPrintable(o.error));
    }

    void damagedFileIsReportedAndLeftAlone() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        QByteArray junk(8192, '\0');
        for (auto& c : junk) c = static_cast<char>(QRandomGenerator::global()->bounded(256));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(junk);
        }
        Store::Opened o = Store::open(path);
        QVERIFY(!o.store);
        QCOMPARE(o.problem, Store::Problem::Corrupt);
        QVERIFY2(o.error.contains(path) && o.error.contains(QStringLiteral("backup")), qPrintable(o.error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), junk);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void lockedFileIsReported() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        sqlite3* other = nullptr;
        sqlite3_open(QFile::encodeName(path).constData(), &other);
        QCOMPARE(fyr::app::execSql(other, "CREATE TABLE t(x); BEGIN EXCLUSIVE; INSERT INTO t VALUES(1);"), QString());
        Store::Options fast;
        fast.busyTimeoutMs = 100;
        Store::Opened o = Store::open(path, fast);
        QVERIFY(!o.store);
        QCOMPARE(o.problem, Store::Problem::Locked);
        QVERIFY2(o.error.contains(QStringLiteral("locked")), qPrintable(o.error));
        fyr::app::execSql(other, "ROLLBACK");
        sqlite3_close(other);
        QVERIFY(Store::open(path).store);
    }

    void writesCommitOrRollBackWhole() {
        QTemporaryDir dir;
        Store::Opened o = Store::open(dir.filePath(QStringLiteral("fyr.db")));
        QVERIFY(o.store);
        Store& store = *o.store;
        QCOMPARE(put(store, QStringLiteral("a"), QStringLiteral("1")), QString());
        // A foreign key violation in the second statement takes the first with it.
        const QString error = store
                                  .write([](sqlite3* db) {
                                      Statement a(db, "INSERT INTO settings VALUES('b', '2', 1)");
                                      if (!a.run()) return a.error();
                                      Statement m(db, "INSERT INTO messages(conversation_id, role, content, created_ms) "
                                                      "VALUES(999, 'user', x'00', 1)");
                                      return m.run() ? QString() : m.error();
                                  })
                                  .get();
        QVERIFY2(error.contains(QStringLiteral("FOREIGN KEY")), qPrintable(error));
        QVERIFY(put(store, QStringLiteral("a"), QStringLiteral("again")).contains(QStringLiteral("UNIQUE")));
        auto r = store.reader();
        Statement st(r->db(), "SELECT key, value FROM settings ORDER BY key");
        QVERIFY(st.next());
        QCOMPARE(st.text(0), QStringLiteral("a"));
        QCOMPARE(st.text(1), QStringLiteral("1"));
        QVERIFY(!st.next());
        // Many writers at once, one transaction each.
        std::vector<std::future<QString>> pending;
        for (int i = 0; i < 200; ++i) {
            pending.push_back(store.write([i](sqlite3* db) {
                Statement s(db, "INSERT INTO settings VALUES(?1, 'v', 1)");
                s.bind(1, QStringLiteral("k%1").arg(i));
                return s.run() ? QString() : s.error();
            }));
        }
        for (auto& f : pending) QCOMPARE(f.get(), QString());
        Statement count(r->db(), "SELECT COUNT(*) FROM settings");
        QVERIFY(count.next());
        QCOMPARE(count.integer(0), int64_t(201));
    }

    // A writer killed at random moments: every commit it reported is there, and
    // the file passes the integrity check each time.
    void killedWriterLosesNoReportedCommit() {
        const QString helper = QStringLiteral(FYR_BIN_DIR "/fyr_store_writer");
        if (!QFile::exists(helper)) QSKIP("SKIP : fyr_store_writer was not built");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        QSet<QString> committed;
        for (int round = 0; round < 12; ++round) {
            QProcess p;
            p.start(helper, {path, QStringLiteral("r%1").arg(round)});
            QVERIFY(p.waitForStarted(10000));
            QTest::qWait(80 + QRandomGenerator::global()->bounded(250));
            QVERIFY2(p.state() == QProcess::Running && p.processId() > 0,
                     qPrintable(QStringLiteral("the writer stopped by itself: %1")
                                    .arg(QString::fromLocal8Bit(p.readAllStandardError()))));
            ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
            QVERIFY(p.waitForFinished(10000));
            const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
            int here = 0;  // commits reported in this round
            for (const QByteArray& line : lines) {
                if (!line.startsWith("committed ")) continue;
                committed.insert(QString::fromLatin1(line.mid(10)));
                ++here;
            }

            Store::Opened o = Store::open(path);
            QVERIFY2(o.store, qPrintable(o.error));
            auto r = o.store->reader();
            Statement check(r->db(), "PRAGMA integrity_check");
            QVERIFY(check.next());
            QCOMPARE(check.text(0), QStringLiteral("ok"));
            QSet<QString> present;
            Statement rows(r->db(), "SELECT key FROM settings");
            while (rows.next()) present.insert(rows.text(0));
            QVERIFY(here > 0);
            for (const QString& k : committed) {
                if (!present.contains(k)) QFAIL(qPrintable(k + QStringLiteral(" was reported committed but is lost")));
            }
        }
        QVERIFY2(committed.size() > 12, qPrintable(QString::number(committed.size())));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
