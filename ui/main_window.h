// The console's main window: a navigation rail on the left, one page per area,
// menus (File, View, Language, Help) and a status bar with the engine's state.
// Remembers its geometry and the last page. GUI thread only.
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QVector>

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace fyr::app {
class AppSession;
class EngineStatus;
class LanguageManager;
class TelemetryHub;
}  // namespace fyr::app

namespace fyr::ui {

class Page;

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    // telemetry: the console's telemetry (the Dashboards page and the engine's
    // metrics); nullptr leaves it off. It must outlive the window.
    // session: who is signed in (chat goes through the request gate, the Security
    // page reads the store); nullptr: not signed in. It must outlive the window;
    // activity in the application keeps it alive, and when it expires the window
    // locks: the pages are hidden (left as they were) behind a lock screen and the
    // password is asked for again, checked off the GUI thread; the right one shows
    // them again where the user was, Cancel closes the window.
    MainWindow(app::LanguageManager& language, app::EngineStatus& engine, app::TelemetryHub* telemetry = nullptr,
               app::AppSession* session = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    int pageCount() const;
    int currentPage() const;
    Page* page(int index) const;
    void setCurrentPage(int index);
    // Locked after the session's idle timeout, until the password is given again.
    bool isLocked() const;

    // The About box's text: version, commit, build flags, CPU features.
    QString aboutText() const;

public slots:
    void showAbout();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void retranslateUi();
    void updateStatus();
    void saveState() const;
    void restoreState();
    void onSessionExpired();
    void onSessionResumed();

    app::LanguageManager& m_language;
    app::EngineStatus& m_engine;
    app::AppSession* m_session = nullptr;
    QLabel* m_userLabel = nullptr;
    QStackedWidget* m_screens = nullptr;  // the pages, or the lock screen
    QLabel* m_lockScreen = nullptr;
    QPointer<QWidget> m_focusBeforeLock;
    QListWidget* m_rail = nullptr;
    QStackedWidget* m_stack = nullptr;
    QVector<Page*> m_pages;
    QLabel* m_engineLabel = nullptr;
    QLabel* m_backendLabel = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
    QVector<QAction*> m_pageActions;
    QActionGroup* m_languageGroup = nullptr;
};

}  // namespace fyr::ui
