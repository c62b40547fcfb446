// One folder per installation: the console and fyrctl (given the same --db) find a
// site's guard policy and the backups beside the database, whatever the program
// is called; explicit --policy and --dir still win.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "../unit/cli_runner.h"
#include "core/resources.h"
#include "guard/guard.h"
#include "pages/chat_page.h"
#include "services/app_session.h"
#include "services/installation.h"
#include "store/backup.h"
#include "store/backup_schedule.h"

using namespace fyr::app;
using fyr::app::guard::Direction;
using fyr::app::guard::Guard;
using fyr::app::guard::GuardContext;
using fyr::app::guard::Verdict;
using fyr::ui::ChatPage;

namespace {

const QByteArray kPassword = "adminpass123";
const QByteArray kPassphrase = "correct horse battery staple";
const QByteArray kBackupPassphrase = "backup passphrase 42";
const QString kMail = QStringLiteral("write to anna@example.se");

// The built-in policy with personal data in prompts blocked rather than flagged.
bool writeStrictPolicy(const QString& path) {
    QFile builtin(QStringLiteral(":/guard/policy.json"));
    if (!builtin.open(QIODevice::ReadOnly)) return false;
    QJsonObject policy = QJsonDocument::fromJson(builtin.readAll()).object();
    QJsonObject roles = policy.value(QStringLiteral("roles")).toObject();
    QJsonObject def = roles.value(QStringLiteral("default")).toObject();
    QJsonObject input = def.value(QStringLiteral("input")).toObject();
    input.insert(QStringLiteral("pii"), QStringLiteral("block"));
    def.insert(QStringLiteral("input"), input);
    roles.insert(QStringLiteral("default"), def);
    policy.insert(QStringLiteral("roles"), roles);
    policy.remove(QStringLiteral("classifier"));
    QFile out(path);
    return out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(policy).toJson()) > 0;
}

QString verdictOf(const CliResult& r) {
    return QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("verdict")).toString();
}

}  // namespace

class TestInstallationFolder final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // the default installation: not the user's
        initResources();
    }

    void cleanup() {
        for (const char* v : {"FYR_PASSWORD", "FYR_PASSPHRASE", "FYR_BACKUP_PASSPHRASE"}) qunsetenv(v);
        QCoreApplication::setApplicationName(QStringLiteral("tst_installation_folder"));
    }

    void pathsFollowTheDatabaseNotTheProgram() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("site/fyr.db"));
        const QString folder = QFileInfo(dir.filePath(QStringLiteral("site"))).absoluteFilePath();
        for (const QString& program : {QStringLiteral("Fyr"), QStringLiteral("fyr"), QStringLiteral("fyrctl")}) {
            QCoreApplication::setApplicationName(program);
            QCOMPARE(Store::folder(db), folder);
            QCOMPARE(Guard::sitePolicyPath(db), folder + QStringLiteral("/guard/policy.json"));
            QCOMPARE(Backup::defaultDir(db), folder + QStringLiteral("/backups"));
            // The default installation: the same folder for both programs too.
            const QString defaultFolder = QFileInfo(Store::defaultPath()).absolutePath();
            QCOMPARE(Store::folder(), defaultFolder);
            QCOMPARE(Guard::sitePolicyPath(), defaultFolder + QStringLiteral("/guard/policy.json"));
            QCOMPARE(Backup::defaultDir(), defaultFolder + QStringLiteral("/backups"));
        }
    }

    void fyrctlAndTheConsoleUseTheSameFiles() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("site/fyr.db"));
        QCOMPARE(createInstallation(db, QStringLiteral("admin"), kPassword, kPassphrase), QString());
        qputenv("FYR_PASSWORD", kPassword);
        qputenv("FYR_PASSPHRASE", kPassphrase);
        qputenv("FYR_BACKUP_PASSPHRASE", kBackupPassphrase);
        const QStringList as = {QStringLiteral("--db"), db, QStringLiteral("--as"), QStringLiteral("admin")};

        // fyrctl guard install --db puts the site's policy where the console looks.
        const QString site = dir.filePath(QStringLiteral("strict.json"));
        QVERIFY(writeStrictPolicy(site));
        CliResult r = runCli(QStringList{QStringLiteral("guard"), QStringLiteral("install"), site} + as);
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(Guard::sitePolicyPath(db)), qPrintable(r.out));
        QVERIFY(QFile::exists(Guard::sitePolicyPath(db)));

        // fyrctl backup create --db writes into the backups folder beside it.
        r = runCli(QStringList{QStringLiteral("backup"), QStringLiteral("create")} + as);
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(Backup::defaultDir(db) + QStringLiteral("/fyr-")), qPrintable(r.out));
        QCOMPARE(Backup::list(Backup::defaultDir(db)).size(), 1);

        // The console, signed in to the same database, finds both.
        SignedIn in = signIn(db, QStringLiteral("admin"), kPassword, kPassphrase, QStringLiteral("fyr"), {});
        QVERIFY2(in.ok(), qPrintable(in.error));
        AppSession session(std::move(in), std::chrono::milliseconds(0));
        ChatPage page;
        QVERIFY(page.guard()->check(kMail, Direction::Input, GuardContext{}).verdict == Verdict::Flag);  // built-in
        page.setSession(&session);
        QVERIFY(page.guard());
        QVERIFY(page.guard()->check(kMail, Direction::Input, GuardContext{}).verdict == Verdict::Block);
        BackupSchedule schedule(session.store(), {}, kBackupPassphrase);
        QCOMPARE(schedule.dir(), Backup::defaultDir(db));
        QCOMPARE(schedule.runOnce(), QString());
        QCOMPARE(Backup::list(Backup::defaultDir(db)).size(), 2);
        r = runCli({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--db"), db});
        QCOMPARE(r.rc, 0);
        QCOMPARE(r.out.count(Backup::defaultDir(db)), 2);

        // fyrctl guard check --db uses the site's policy; explicit options still win.
        const QStringList check = {QStringLiteral("guard"), QStringLiteral("check"), QStringLiteral("--json"), kMail};
        r = runCli(check + QStringList{QStringLiteral("--db"), db});
        QCOMPARE(verdictOf(r), QStringLiteral("block"));
        r = runCli(check + QStringList{QStringLiteral("--db"), db, QStringLiteral("--policy"),
                                       QStringLiteral(":/guard/policy.json")});
        QCOMPARE(verdictOf(r), QStringLiteral("flag"));
        const QString elsewhere = dir.filePath(QStringLiteral("elsewhere"));
        r = runCli({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--db"), db,
                    QStringLiteral("--dir"), elsewhere});
        QCOMPARE(r.rc, 0);
        QVERIFY2(r.out.contains(QStringLiteral("no backups in %1").arg(elsewhere)), qPrintable(r.out));
    }
};

QTEST_MAIN(TestInstallationFolder)
#include "tst_installation_folder.moc"
