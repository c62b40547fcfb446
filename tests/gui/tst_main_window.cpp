// The console's window offscreen: every page, the language switch, remembered
// geometry, the status bar, About, the lock after an idle session. Saves a screenshot of each page per language.
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "core/engine_status.h"
#include "core/language_manager.h"
#include "core/resources.h"
#include "fyr/build_info.h"
#include "main_window.h"
#include "pages/page.h"
#include "services/app_session.h"
#include "services/installation.h"
#include "session/sign_in_dialog.h"

using fyr::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    fyr::app::LanguageManager* m_lang = nullptr;
    fyr::app::EngineStatus* m_engine = nullptr;

    void saveScreenshot(QWidget& w, const QString& name) {
        QDir().mkpath(QStringLiteral(FYR_SCREENSHOT_DIR));
        const QString path = QStringLiteral(FYR_SCREENSHOT_DIR "/%1.png").arg(name);
        const QPixmap shot = w.grab();
        QVERIFY(!shot.isNull());
        QVERIFY2(shot.save(path), qPrintable(path));
        QVERIFY(QFileInfo(path).size() > 1000);
    }

private slots:
    void initTestCase() {
        fyr::app::initResources();
        m_lang = new fyr::app::LanguageManager(this);
        m_engine = new fyr::app::EngineStatus(this);
        QVERIFY(m_lang->setLanguage(QStringLiteral("en")));
    }

    void init() { QSettings().clear(); }

    void everyPageShowsAndSaysWhatItWillHold() {
        MainWindow w(*m_lang, *m_engine);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.pageCount(), 7);
        const QStringList expected{QStringLiteral("overviewPage"),   QStringLiteral("chatPage"),
                                   QStringLiteral("modelsPage"),     QStringLiteral("dashboardsPage"),
                                   QStringLiteral("deploymentsPage"), QStringLiteral("securityPage"),
                                   QStringLiteral("settingsPage")};
        auto* rail = w.findChild<QListWidget*>(QStringLiteral("navigationRail"));
        QVERIFY(rail);
        QCOMPARE(rail->count(), 7);
        for (int i = 0; i < w.pageCount(); ++i) {
            // Click the rail item like a user would.
            const QRect r = rail->visualItemRect(rail->item(i));
            QTest::mouseClick(rail->viewport(), Qt::LeftButton, {}, r.center());
            QCOMPARE(w.currentPage(), i);
            fyr::ui::Page* p = w.page(i);
            QCOMPARE(p->objectName(), expected.at(i));
            QVERIFY(p->isVisible());
            QCOMPARE(rail->item(i)->text(), p->title());
            QVERIFY(!p->emptyHeading().isEmpty());
            QVERIFY(p->emptyBody().size() > 40);
            // The wrapped explanation is shown whole, not cut to one line.
            auto* body = p->findChild<QLabel*>(QStringLiteral("emptyBody"));
            QVERIFY(body);
            QVERIFY2(body->height() >= body->heightForWidth(body->width()),
                     qPrintable(QStringLiteral("%1 < %2").arg(body->height()).arg(body->heightForWidth(body->width()))));
            QVERIFY(w.windowTitle().startsWith(p->title()));
            saveScreenshot(w, QStringLiteral("page_%1_en").arg(p->objectName()));
        }
    }

    void keyboardShortcutsSwitchPages() {
        MainWindow w(*m_lang, *m_engine);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        for (int i = w.pageCount() - 1; i >= 0; --i) {
            auto* action = w.findChild<QAction*>(w.page(i)->objectName() + QStringLiteral("Action"));
            QVERIFY(action);
            QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
            action->trigger();
            QCOMPARE(w.currentPage(), i);
        }
    }

    void languageSwitchesAtRunTime() {
        MainWindow w(*m_lang, *m_engine);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* rail = w.findChild<QListWidget*>(QStringLiteral("navigationRail"));
        auto* engineLabel = w.findChild<QLabel*>(QStringLiteral("engineStateLabel"));
        QCOMPARE(rail->item(0)->text(), QStringLiteral("Overview"));
        const QString englishHeading = w.page(0)->emptyHeading();
        const QString englishStatus = engineLabel->text();

        auto* sv = w.findChild<QAction*>(QStringLiteral("language_sv"));
        QVERIFY(sv);
        QSignalSpy spy(m_lang, &fyr::app::LanguageManager::languageChanged);
        sv->trigger();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(m_lang->language(), QStringLiteral("sv"));
        QTRY_COMPARE(rail->item(0)->text(), QStringLiteral("Översikt"));
        QVERIFY(sv->isChecked());
        QVERIFY(w.page(0)->emptyHeading() != englishHeading);
        QVERIFY(engineLabel->text() != englishStatus);
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("sv"));
        for (int i = 0; i < w.pageCount(); ++i) {
            w.setCurrentPage(i);
            QCOMPARE(rail->item(i)->text(), w.page(i)->title());
            saveScreenshot(w, QStringLiteral("page_%1_sv").arg(w.page(i)->objectName()));
        }

        w.findChild<QAction*>(QStringLiteral("language_en"))->trigger();
        QTRY_COMPARE(rail->item(0)->text(), QStringLiteral("Overview"));
        QCOMPARE(w.page(0)->emptyHeading(), englishHeading);
        QCOMPARE(engineLabel->text(), englishStatus);
    }

    void geometryAndPageAreRemembered() {
        QRect saved;
        {
            MainWindow w(*m_lang, *m_engine);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.resize(900, 640);
            w.setCurrentPage(4);
            saved = w.geometry();
            w.close();
        }
        MainWindow again(*m_lang, *m_engine);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), saved.size());
        QCOMPARE(again.currentPage(), 4);
    }

    void statusBarFollowsTheEngine() {
        MainWindow w(*m_lang, *m_engine);
        auto* label = w.findChild<QLabel*>(QStringLiteral("engineStateLabel"));
        QVERIFY(label);
        QVERIFY(label->text().contains(QStringLiteral("no model")));
        m_engine->setState(fyr::app::EngineStatus::State::Ready, QStringLiteral("stories260K"));
        QCOMPARE(label->text(), QStringLiteral("Engine: ready, stories260K"));
        m_engine->setState(fyr::app::EngineStatus::State::NoModel);
        auto* backends = w.findChild<QLabel*>(QStringLiteral("backendLabel"));
        QVERIFY(backends->text().contains(QStringLiteral("CUDA %1").arg(fyr::build_info().cuda ? "on" : "off")));
    }

    void anIdleSessionLocksTheWindowUntilThePasswordIsGiven() {
        const QByteArray password = "adminpass123";
        const QByteArray passphrase = "correct horse battery staple";
        constexpr int kSlowMs = 60000;  // scrypt on a busy machine
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        QCOMPARE(fyr::app::createInstallation(path, QStringLiteral("admin"), password, passphrase), QString());
        fyr::app::SignedIn in =
            fyr::app::signIn(path, QStringLiteral("admin"), password, passphrase, QStringLiteral("fyr"), {});
        QVERIFY2(in.ok(), qPrintable(in.error));
        fyr::app::AppSession session(std::move(in), std::chrono::milliseconds(0));
        QSignalSpy expired(&session, &fyr::app::AppSession::expired);
        MainWindow w(*m_lang, *m_engine, nullptr, &session);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setCurrentPage(5);
        fyr::ui::Page* security = w.page(5);
        QVERIFY(security->isVisible());
        QVERIFY(!w.isLocked());
        // A short idle timeout instead of security.session_idle_minutes.
        session.setIdleTimeout(std::chrono::milliseconds(300));

        QVERIFY(expired.wait(kSlowMs));
        QVERIFY(w.isLocked());
        QVERIFY(!security->isVisible());
        auto* rail = w.findChild<QListWidget*>(QStringLiteral("navigationRail"));
        auto* lockScreen = w.findChild<QLabel*>(QStringLiteral("lockScreen"));
        QVERIFY(rail && lockScreen);
        QVERIFY(!rail->isVisible());
        QVERIFY(lockScreen->isVisible());
        QVERIFY2(lockScreen->text().contains(QStringLiteral("admin")), qPrintable(lockScreen->text()));
        auto* prompt = w.findChild<fyr::ui::SignInDialog*>();
        QVERIFY(prompt);
        const QPointer<fyr::ui::SignInDialog> promptAlive = prompt;
        QTRY_VERIFY(prompt->isVisible());
        QString error;
        const auto entries = session.audit().entries(1, 1000, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(entries.last().action, QStringLiteral("session.timeout"));

        auto* passwordEdit = prompt->findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
        auto* buttons = prompt->findChild<QDialogButtonBox*>();
        auto* progress = prompt->findChild<QWidget*>(QStringLiteral("progressBar"));
        QVERIFY(passwordEdit && buttons && progress);
        QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
        passwordEdit->setText(QStringLiteral("not the password"));
        ok->click();
        // Checked off the GUI thread: the click returns at once with the busy bar up.
        QVERIFY(prompt->isWorking());
        QVERIFY(progress->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(prompt->errorText(), QStringLiteral("wrong user name or password"), kSlowMs);
        QVERIFY(w.isLocked());
        QVERIFY(session.isExpired());
        QVERIFY(prompt->isVisible());

        // Long enough that the rest of the test runs unlocked.
        session.setIdleTimeout(std::chrono::hours(1));
        passwordEdit->setText(QString::fromLatin1(password));
        ok->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLocked(), kSlowMs);
        QTRY_VERIFY(!promptAlive);  // closed and gone
        QVERIFY(!session.isExpired());
        QCOMPARE(w.currentPage(), 5);
        QVERIFY(security->isVisible());
        QStringList actions;
        for (const auto& e : session.audit().entries(1, 1000, &error)) actions << e.action;
        QCOMPARE(
            actions.mid(actions.size() - 3),
            (QStringList{QStringLiteral("session.timeout"), QStringLiteral("login.failed"), QStringLiteral("login")}));
    }

    void aboutNamesVersionAndBuildFlags() {
        MainWindow w(*m_lang, *m_engine);
        const QString about = w.aboutText();
        QVERIFY(about.contains(QString::fromStdString(fyr::build_info().version)));
        QVERIFY(about.contains(QStringLiteral("CUDA %1").arg(fyr::build_info().cuda ? "on" : "off")));
        QVERIFY(about.contains(QStringLiteral("Vulkan %1").arg(fyr::build_info().vulkan ? "on" : "off")));
        QVERIFY(about.contains(QStringLiteral("AVX2")));
        QVERIFY(w.findChild<QAction*>(QStringLiteral("aboutAction")));
        QCOMPARE(w.findChild<QAction*>(QStringLiteral("quitAction"))->shortcut(), QKeySequence(QKeySequence::Quit));
    }
};

int main(int argc, char** argv) {
    // Settings go to a private folder so tests never touch (or depend on) the user's.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FyrTest"));
    QCoreApplication::setApplicationName(QStringLiteral("FyrTest"));
    TestMainWindow t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_main_window.moc"
