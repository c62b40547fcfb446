// The console's first start and sign-in, offscreen: the first-start dialog makes an
// installation that fyrctl accepts, sign-in reports a wrong password or passphrase
// and the lockout after repeated failures (each audited), a damaged database names
// its path and the way back, and an expired session asks for the password again.
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "../unit/cli_runner.h"
#include "services/app_session.h"
#include "services/installation.h"
#include "session/first_start_dialog.h"
#include "session/sign_in_dialog.h"
#include "store/audit_log.h"

using namespace fyr::app;
using fyr::ui::FirstStartDialog;
using fyr::ui::SignInDialog;

namespace {

const QByteArray kPassword = "adminpass123";
const QByteArray kPassphrase = "correct horse battery staple";
constexpr int kSlowMs = 60000;  // scrypt on a busy machine

void fill(QDialog& d, const char* name, const QString& text) {
    auto* e = d.findChild<QLineEdit*>(QString::fromLatin1(name));
    QVERIFY2(e, name);
    e->setText(text);
}

void clickOk(QDialog& d) {
    d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
}

QStringList auditActions(Store& store, const QByteArray& passphrase) {
    QString error;
    const auto ring = KeyRing::unlock(store, passphrase, &error);
    if (!ring) return {error};
    QStringList out;
    for (const auto& e : AuditLog(store, auditKey(*ring)).entries(1, 1000, &error)) out << e.action;
    return out;
}

}  // namespace

class TestSessionDialogs final : public QObject {
    Q_OBJECT

private slots:
    void firstStartCreatesAnInstallationFyrctlAccepts() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        FirstStartDialog d(path);
        fill(d, "adminEdit", QStringLiteral("boss"));
        fill(d, "passwordEdit", QString::fromLatin1(kPassword));
        fill(d, "passwordAgainEdit", QStringLiteral("something else"));
        fill(d, "passphraseEdit", QString::fromLatin1(kPassphrase));
        fill(d, "passphraseAgainEdit", QString::fromLatin1(kPassphrase));
        clickOk(d);
        QCOMPARE(d.errorText(), QStringLiteral("the passwords do not match"));
        QVERIFY(!QFile::exists(path));

        // The same rules and messages as fyrctl init, before the file exists.
        fill(d, "passwordEdit", QStringLiteral("short"));
        fill(d, "passwordAgainEdit", QStringLiteral("short"));
        clickOk(d);
        QCOMPARE(d.errorText(), Identity::accountProblem(QStringLiteral("boss"), "short"));
        QVERIFY(d.errorText().contains(QStringLiteral("at least 8 characters")));
        fill(d, "passwordEdit", QString::fromLatin1(kPassword));
        fill(d, "passwordAgainEdit", QString::fromLatin1(kPassword));
        fill(d, "passphraseEdit", QStringLiteral("too short"));
        fill(d, "passphraseAgainEdit", QStringLiteral("too short"));
        clickOk(d);
        QCOMPARE(d.errorText(), passphraseProblem("too short"));
        QVERIFY(!QFile::exists(path));

        fill(d, "passphraseEdit", QString::fromLatin1(kPassphrase));
        fill(d, "passphraseAgainEdit", QString::fromLatin1(kPassphrase));
        clickOk(d);
        QVERIFY(d.isWorking());
        QVERIFY(d.findChild<QWidget*>(QStringLiteral("progressBar"))->isVisibleTo(&d));
        QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), kSlowMs);
        QVERIFY2(d.errorText().isEmpty(), qPrintable(d.errorText()));
        SignedIn s = d.takeSignedIn();
        QVERIFY(s.ok());
        QCOMPARE(s.who.user, QStringLiteral("boss"));
        QCOMPARE(s.who.role, QStringLiteral("admin"));
        const QStringList actions = auditActions(*s.store, kPassphrase);
        QCOMPARE(actions, (QStringList{QStringLiteral("install.init"), QStringLiteral("login")}));
        s = {};

        // fyrctl logs in to what the dialog made.
        qputenv("FYR_PASSWORD", kPassword);
        qputenv("FYR_PASSPHRASE", kPassphrase);
        const CliResult r = runCli({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--db"), path,
                                    QStringLiteral("--as"), QStringLiteral("boss")});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("boss")));
        // And refuses to make it again.
        const CliResult again = runCli(
            {QStringLiteral("init"), QStringLiteral("--db"), path, QStringLiteral("--admin"), QStringLiteral("other")});
        QVERIFY(again.rc != 0);
        QVERIFY2(again.err.contains(QStringLiteral("already an installation")), qPrintable(again.err));
    }

    void signInReportsWrongSecretsAndLocksOut() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        QCOMPARE(createInstallation(path, QStringLiteral("admin"), kPassword, kPassphrase), QString());

        SignInDialog d(path, QStringLiteral("admin"));
        fill(d, "passwordEdit", QString::fromLatin1(kPassword));
        fill(d, "passphraseEdit", QStringLiteral("not the passphrase at all"));
        clickOk(d);
        QTRY_VERIFY_WITH_TIMEOUT(!d.errorText().isEmpty(), kSlowMs);
        QVERIFY2(d.errorText().contains(QStringLiteral("wrong passphrase")), qPrintable(d.errorText()));
        QCOMPARE(d.result(), int(QDialog::Rejected));

        // Wrong passwords until the account locks; the message then says until when.
        QString last;
        int attempts = 0;
        while (!last.contains(QStringLiteral("locked")) && attempts < 8) {
            fill(d, "passwordEdit", QStringLiteral("wrong password %1").arg(attempts));
            fill(d, "passphraseEdit", QString::fromLatin1(kPassphrase));
            clickOk(d);
            QTRY_VERIFY_WITH_TIMEOUT(!d.errorText().isEmpty(), kSlowMs);
            last = d.errorText();
            if (!last.contains(QStringLiteral("locked"))) QCOMPARE(last, QStringLiteral("wrong user name or password"));
            ++attempts;
        }
        QVERIFY2(last.contains(QStringLiteral("locked until")), qPrintable(last));
        QCOMPARE(attempts, 5);
        // Locked means locked: the right password does not get in either.
        fill(d, "passwordEdit", QString::fromLatin1(kPassword));
        clickOk(d);
        QTRY_VERIFY_WITH_TIMEOUT(!d.errorText().isEmpty(), kSlowMs);
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QVERIFY2(d.errorText().contains(QStringLiteral("is locked after repeated failed sign-ins until")),
                 qPrintable(d.errorText()));

        Store::Opened o = Store::open(path);
        QVERIFY(o.store);
        const QStringList actions = auditActions(*o.store, kPassphrase);
        QVERIFY(actions.count(QStringLiteral("login.failed")) >= 5);
        QVERIFY(!actions.contains(QStringLiteral("login")));
    }

    void signInSucceedsAndTheSessionExpires() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        QCOMPARE(createInstallation(path, QStringLiteral("admin"), kPassword, kPassphrase), QString());
        SignInDialog d(path);
        fill(d, "userEdit", QStringLiteral("admin"));
        fill(d, "passwordEdit", QString::fromLatin1(kPassword));
        fill(d, "passphraseEdit", QString::fromLatin1(kPassphrase));
        clickOk(d);
        QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), kSlowMs);

        AppSession session(d.takeSignedIn(), std::chrono::milliseconds(200));
        QSignalSpy expired(&session, &AppSession::expired);
        QVERIFY(session.may(Permission::AuditView));
        QVERIFY(expired.wait(5000));
        QVERIFY(session.isExpired());
        QVERIFY(!session.may(Permission::AuditView));

        SignInDialog again(session);
        QVERIFY(!again.findChild<QLineEdit*>(QStringLiteral("userEdit"))->isEnabled());
        fill(again, "passwordEdit", QStringLiteral("wrong password"));
        clickOk(again);
        // The password is checked on the thread pool, the busy bar up meanwhile.
        QVERIFY(again.isWorking());
        QVERIFY(again.findChild<QWidget*>(QStringLiteral("progressBar"))->isVisibleTo(&again));
        QTRY_COMPARE_WITH_TIMEOUT(again.errorText(), QStringLiteral("wrong user name or password"), kSlowMs);
        QVERIFY(!again.isWorking());
        QVERIFY(session.isExpired());
        fill(again, "passwordEdit", QString::fromLatin1(kPassword));
        clickOk(again);
        QVERIFY(again.isWorking());
        QTRY_COMPARE_WITH_TIMEOUT(again.result(), int(QDialog::Accepted), kSlowMs);
        QVERIFY(!session.isExpired());
        QVERIFY(session.may(Permission::AuditView));
        const QStringList actions = auditActions(session.store(), kPassphrase);
        QVERIFY(actions.contains(QStringLiteral("session.timeout")));
        QCOMPARE(actions.last(), QStringLiteral("login"));
    }

    void whatIsAtThePathIsToldApartWithoutWritingToIt() {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("none.db"));
        QCOMPARE(installationState(missing), InstallationState::Missing);
        QVERIFY(!QFile::exists(missing));

        const QString empty = dir.filePath(QStringLiteral("empty.db"));
        QVERIFY(QFile(empty).open(QIODevice::WriteOnly));
        QCOMPARE(installationState(empty), InstallationState::NotSetUp);
        QCOMPARE(QFileInfo(empty).size(), qint64(0));

        // The schema made (a store opened once) but no data key and no admin.
        const QString bare = dir.filePath(QStringLiteral("bare.db"));
        QVERIFY(Store::open(bare).store);
        QCOMPARE(installationState(bare), InstallationState::NotSetUp);

        const QString damaged = dir.filePath(QStringLiteral("damaged.db"));
        {
            QFile f(damaged);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("SQLite format 3") + QByteArray(1, '\0') + QByteArray(4096, 'x'));
        }
        QCOMPARE(installationState(damaged), InstallationState::Unreadable);
        QCOMPARE(QFileInfo(damaged).size(), qint64(16 + 4096));
        const QString text = dir.filePath(QStringLiteral("notes.db"));
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a database at all\n");
        }
        QCOMPARE(installationState(text), InstallationState::Unreadable);

        const QString ready = dir.filePath(QStringLiteral("fyr.db"));
        QCOMPARE(createInstallation(ready, QStringLiteral("admin"), kPassword, kPassphrase), QString());
        QCOMPARE(installationState(ready), InstallationState::Ready);
    }

    void aFileNeverSetUpGetsTheFirstStart() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        QVERIFY(QFile(path).open(QIODevice::WriteOnly));  // created empty
        QCOMPARE(installationState(path), InstallationState::NotSetUp);
        FirstStartDialog d(path);
        fill(d, "passwordEdit", QString::fromLatin1(kPassword));
        fill(d, "passwordAgainEdit", QString::fromLatin1(kPassword));
        fill(d, "passphraseEdit", QString::fromLatin1(kPassphrase));
        fill(d, "passphraseAgainEdit", QString::fromLatin1(kPassphrase));
        clickOk(d);
        QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), kSlowMs);
        SignedIn s = d.takeSignedIn();
        QVERIFY(s.ok());
        QCOMPARE(auditActions(*s.store, kPassphrase),
                 (QStringList{QStringLiteral("install.init"), QStringLiteral("login")}));
        s = {};
        QCOMPARE(installationState(path), InstallationState::Ready);
    }

    void anInterruptedSetUpIsFinishedWithItsPassphrase() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        {
            // fyrctl init stopped after the data key was committed, before the admin.
            Store::Opened o = Store::open(path);
            QVERIFY(o.store);
            QCOMPARE(KeyRing::initialize(*o.store, kPassphrase), QString());
        }
        QCOMPARE(installationState(path), InstallationState::NotSetUp);
        FirstStartDialog d(path);
        fill(d, "passwordEdit", QString::fromLatin1(kPassword));
        fill(d, "passwordAgainEdit", QString::fromLatin1(kPassword));
        fill(d, "passphraseEdit", QStringLiteral("another long passphrase"));
        fill(d, "passphraseAgainEdit", QStringLiteral("another long passphrase"));
        clickOk(d);
        QTRY_VERIFY_WITH_TIMEOUT(!d.errorText().isEmpty(), kSlowMs);
        QVERIFY2(d.errorText().contains(QStringLiteral("half set up")), qPrintable(d.errorText()));
        QVERIFY2(d.errorText().contains(path), qPrintable(d.errorText()));
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QCOMPARE(installationState(path), InstallationState::NotSetUp);

        fill(d, "passphraseEdit", QString::fromLatin1(kPassphrase));
        fill(d, "passphraseAgainEdit", QString::fromLatin1(kPassphrase));
        clickOk(d);
        QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), kSlowMs);
        SignedIn s = d.takeSignedIn();
        QVERIFY(s.ok());
        QCOMPARE(s.who.role, QStringLiteral("admin"));
        s = {};
        QCOMPARE(installationState(path), InstallationState::Ready);
    }

    void aDamagedDatabaseNamesTheWayBack() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("SQLite format 3") + QByteArray(1, '\0') + QByteArray(4096, 'x'));
        }
        const QByteArray before = [&] {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        SignInDialog d(path, QStringLiteral("admin"));
        fill(d, "passwordEdit", QString::fromLatin1(kPassword));
        fill(d, "passphraseEdit", QString::fromLatin1(kPassphrase));
        clickOk(d);
        QTRY_VERIFY_WITH_TIMEOUT(!d.errorText().isEmpty(), kSlowMs);
        QVERIFY2(d.errorText().contains(path), qPrintable(d.errorText()));
        QVERIFY2(d.errorText().contains(QStringLiteral("fyrctl backup restore")), qPrintable(d.errorText()));
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);  // never silently replaced
    }
};

QTEST_MAIN(TestSessionDialogs)
#include "tst_session_dialogs.moc"
