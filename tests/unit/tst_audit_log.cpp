// The audit chain: an intact log verifies; an edited, deleted, inserted or
// reordered entry and a cut-off tail are each found, naming the first bad
// sequence number; a missing or altered head checkpoint is reported; the
// JSON-lines export verifies offline and shows edits; another key fails at once.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <memory>
#include <random>

#include "cli_runner.h"
#include "core/resources.h"
#include "store/audit_log.h"
#include "store/identity.h"
#include "store/key_ring.h"
#include "store/crypto.h"
#include "store/statement.h"
#include "store/store.h"

using fyr::app::AuditLog;
using fyr::app::Store;

namespace {

// A store with 20 entries, and raw SQL access to tamper with it.
struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    QByteArray key = fyr::app::crypto::randomBytes(32);
    std::unique_ptr<AuditLog> log;

    bool make() {
        Store::Opened o = Store::open(dir.filePath(QStringLiteral("fyr.db")));
        if (!o.store) return false;
        store = std::move(o.store);
        log = std::make_unique<AuditLog>(*store, key);
        for (int i = 1; i <= 20; ++i) {
            if (!log->append(QStringLiteral("admin"), QStringLiteral("settings.change"), QStringLiteral("key%1").arg(i),
                             QStringLiteral("value %1").arg(i))
                     .isEmpty())
                return false;
        }
        return true;
    }
    QString sql(const char* text) {
        return store->write([text](sqlite3* db) { return fyr::app::execSql(db, text); }).get();
    }
};

}  // namespace

class TestAuditLog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { fyr::app::initResources(); }

    void intactLogVerifies() {
        Fixture f;
        QVERIFY(f.make());
        const AuditLog::Verdict v = f.log->verify();
        QVERIFY2(v.ok, qPrintable(v.problem));
        QCOMPARE(v.entries, int64_t(20));
        QVERIFY(QFile::exists(f.log->headPath()));
    }

    void findsEveryKindOfTampering_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qlonglong>("firstBad");
        QTest::addColumn<QString>("says");
        QTest::newRow("edited") << "UPDATE audit_log SET details = 'value 99' WHERE seq = 9" << 9LL << "edited";
        QTest::newRow("edited actor") << "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3" << 3LL << "edited";
        QTest::newRow("deleted") << "DELETE FROM audit_log WHERE seq = 7" << 7LL << "missing";
        QTest::newRow("deleted and renumbered")
            << "DELETE FROM audit_log WHERE seq = 7; UPDATE audit_log SET seq = seq - 1 WHERE seq > 7" << 7LL
            << "does not follow";
        QTest::newRow("inserted")
            << "UPDATE audit_log SET seq = seq + 100 WHERE seq > 12; UPDATE audit_log SET seq = seq - 99 WHERE seq > "
               "100; INSERT INTO audit_log SELECT 13, time_ms, 'admin', 'user.create', 'eve', '', prev_hash, hmac "
               "FROM audit_log WHERE seq = 12"
            << 13LL << "does not follow";
        QTest::newRow("reordered")
            << "UPDATE audit_log SET seq = -1 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 6; "
               "UPDATE audit_log SET seq = 6 WHERE seq = -1"
            << 5LL << "does not follow";
        QTest::newRow("tail cut") << "DELETE FROM audit_log WHERE seq > 17" << 18LL << "truncated";
        QTest::newRow("everything gone") << "DELETE FROM audit_log" << 1LL << "truncated";
    }
    void findsEveryKindOfTampering() {
        QFETCH(QString, sql);
        QFETCH(qlonglong, firstBad);
        QFETCH(QString, says);
        Fixture f;
        QVERIFY(f.make());
        QCOMPARE(f.sql(sql.toUtf8().constData()), QString());
        const AuditLog::Verdict v = f.log->verify();
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBad, int64_t(firstBad));
        QVERIFY2(v.problem.contains(says), qPrintable(v.problem));
    }

    void headCheckpointMustBeThereAndIntact() {
        Fixture f;
        QVERIFY(f.make());
        QFile head(f.log->headPath());
        QVERIFY(head.open(QIODevice::ReadOnly));
        QByteArray line = head.readAll();
        head.close();
        line.replace(" 20 ", " 25 ");  // claims more entries than its signature covers
        {
            QFile w(f.log->headPath());
            QVERIFY(w.open(QIODevice::WriteOnly));
            w.write(line);
        }
        AuditLog::Verdict v = f.log->verify();
        QVERIFY(!v.ok);
        QVERIFY2(v.problem.contains(QStringLiteral("signature")), qPrintable(v.problem));
        QVERIFY(QFile::remove(f.log->headPath()));
        v = f.log->verify();
        QVERIFY(!v.ok);
        QVERIFY2(v.problem.contains(QStringLiteral("missing")), qPrintable(v.problem));
        // The next append writes a fresh checkpoint.
        QCOMPARE(f.log->append(QStringLiteral("admin"), QStringLiteral("login"), QString(), QString()), QString());
        QVERIFY(f.log->verify().ok);
    }

    void exportVerifiesOffline() {
        Fixture f;
        QVERIFY(f.make());
        const QString file = f.dir.filePath(QStringLiteral("audit.jsonl"));
        QCOMPARE(f.log->exportJsonLines(file), QString());
        AuditLog::Verdict v = AuditLog::verifyExport(file, f.key);
        QVERIFY2(v.ok, qPrintable(v.problem));
        QCOMPARE(v.entries, int64_t(20));

        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        in.close();
        QByteArray edited = text;
        edited.replace("value 4\"", "value 5\"");
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(edited);
        }
        v = AuditLog::verifyExport(file, f.key);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBad, int64_t(4));

        // Without the last entries and with the head: truncation.
        const QList<QByteArray> lines = text.split('\n');
        QByteArray cut;
        for (int i = 0; i < lines.size(); ++i) {
            if (i >= 18 && i < 20) continue;  // entries 19 and 20
            if (!lines[i].isEmpty()) cut += lines[i] + '\n';
        }
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(cut);
        }
        v = AuditLog::verifyExport(file, f.key);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBad, int64_t(19));

        // Another key: nothing verifies.
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(text);
        }
        v = AuditLog::verifyExport(file, fyr::app::crypto::randomBytes(32));
        QVERIFY(!v.ok);
        QVERIFY2(v.problem.contains(QStringLiteral("signature")) || v.firstBad == 1, qPrintable(v.problem));
    }

    // Random damage to an export is always found, never crashes the reader.
    void mutatedExportsNeverVerify() {
        Fixture f;
        QVERIFY(f.make());
        const QString file = f.dir.filePath(QStringLiteral("audit.jsonl"));
        QCOMPARE(f.log->exportJsonLines(file), QString());
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray good = in.readAll();
        in.close();
        std::mt19937 rng(5);
        for (int i = 0; i < 500; ++i) {
            QByteArray b = good;
            const auto at = static_cast<qsizetype>(rng() % static_cast<uint32_t>(b.size()));
            const char was = b[at];
            b[at] = static_cast<char>(rng());
            if (b[at] == was || was == '\n' || was == ' ') continue;  // no change, or only layout
            {
                QFile out(file);
                QVERIFY(out.open(QIODevice::WriteOnly));
                out.write(b);
            }
            const AuditLog::Verdict v = AuditLog::verifyExport(file, f.key);
            QVERIFY2(!v.ok, qPrintable(QStringLiteral("byte %1 changed and still verified").arg(at)));
        }
    }

    // fyrctl audit verify|export, with the chain key from the store's data key.
    void fyrctlAudit() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("fyr.db"));
        const QString pass = dir.filePath(QStringLiteral("pass"));
        {
            QFile p(pass);
            QVERIFY(p.open(QIODevice::WriteOnly));
            p.write("admin passphrase\n");
        }
        {
            Store::Opened o = Store::open(db);
            QVERIFY(o.store);
            QCOMPARE(fyr::app::KeyRing::initialize(*o.store, "admin passphrase", fyr::app::KeyRing::Secret::Passphrase,
                                                   {1u << 10, 8, 1}),
                     QString());
            QString error;
            auto ring = fyr::app::KeyRing::unlock(*o.store, "admin passphrase", &error);
            QVERIFY2(ring, qPrintable(error));
            AuditLog log(*o.store, ring->subkey("fyr audit chain v1"));
            for (int i = 0; i < 5; ++i)
                QCOMPARE(log.append(QStringLiteral("admin"), QStringLiteral("login"), QString(), QString()), QString());
            QCOMPARE(fyr::app::Identity(*o.store).createFirstAdmin(QStringLiteral("admin"), "admin password"), QString());
        }
        // Reading the installation's log takes a named user with audit.view.
        qputenv("FYR_PASSWORD", "admin password");
        CliResult anonymous = runCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db,
                                      QStringLiteral("--passphrase-file"), pass});
        QCOMPARE(anonymous.rc, 2);
        QVERIFY2(anonymous.err.contains(QStringLiteral("--as")), qPrintable(anonymous.err));
        const QStringList base{QStringLiteral("--db"), db, QStringLiteral("--passphrase-file"), pass, QStringLiteral("--as"),
                               QStringLiteral("admin")};
        CliResult r = runCli(QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")} + base);
        QCOMPARE(r.rc, 0);
        QVERIFY2(r.out.contains(QStringLiteral("\"ok\":true")), qPrintable(r.out + r.err));
        const QString exported = dir.filePath(QStringLiteral("audit.jsonl"));
        r = runCli(QStringList{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--out"), exported} + base);
        QCOMPARE(r.rc, 0);
        r = runCli(QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--file"), exported} + base);
        QCOMPARE(r.rc, 0);
        {
            sqlite3* raw = nullptr;
            sqlite3_open(QFile::encodeName(db).constData(), &raw);
            QCOMPARE(fyr::app::execSql(raw, "UPDATE audit_log SET actor = 'eve' WHERE seq = 2"), QString());
            sqlite3_close(raw);
        }
        r = runCli(QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")} + base);
        QCOMPARE(r.rc, 1);
        QVERIFY2(r.out.contains(QStringLiteral("\"first_bad_seq\":2")), qPrintable(r.out));
        // A wrong passphrase cannot verify (or forge) anything.
        {
            QFile p(pass);
            QVERIFY(p.open(QIODevice::WriteOnly));
            p.write("guess\n");
        }
        r = runCli(QStringList{QStringLiteral("audit"), QStringLiteral("verify")} + base);
        QCOMPARE(r.rc, 1);
        QVERIFY2(r.err.contains(QStringLiteral("wrong passphrase")), qPrintable(r.err));
        QCOMPARE(runCli({QStringLiteral("audit"), QStringLiteral("export")}).rc, 2);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_audit_log.moc"
