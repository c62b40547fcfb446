#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

#include "core/build_report.h"
#include "core/engine_status.h"
#include "core/language_manager.h"
#include "engine/engine_bridge.h"
#include "fyr/build_info.h"
#include "pages/chat_page.h"
#include "pages/dashboards_page.h"
#include "pages/deployments_page.h"
#include "pages/models_page.h"
#include "pages/overview_page.h"
#include "pages/security_page.h"
#include "pages/settings_page.h"
#include "services/app_session.h"
#include "services/telemetry_hub.h"
#include "session/sign_in_dialog.h"
#include "telemetry/powercap_energy.h"

namespace fyr::ui {
namespace {

const QString kGeometryKey = QStringLiteral("ui/geometry");
const QString kWindowStateKey = QStringLiteral("ui/windowState");
const QString kPageKey = QStringLiteral("ui/page");
const QString kLanguageKey = QStringLiteral("ui/language");

}  // namespace

MainWindow::MainWindow(app::LanguageManager& language, app::EngineStatus& engine, app::TelemetryHub* telemetry,
                       app::AppSession* session, QWidget* parent)
    : QMainWindow(parent), m_language(language), m_engine(engine), m_session(session) {
    setObjectName(QStringLiteral("mainWindow"));
    setMinimumSize(720, 480);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_rail = new QListWidget(central);
    m_rail->setObjectName(QStringLiteral("navigationRail"));
    m_rail->setFixedWidth(180);
    m_rail->setFrameShape(QFrame::NoFrame);
    m_rail->setSpacing(2);
    m_rail->setStyleSheet(QStringLiteral(
        "QListWidget#navigationRail { background: palette(alternate-base); padding-top: 8px; }"
        "QListWidget#navigationRail::item { padding: 8px 14px; }"));
    layout->addWidget(m_rail);

    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("pageStack"));
    layout->addWidget(m_stack, 1);
    m_screens = new QStackedWidget(this);
    m_screens->setObjectName(QStringLiteral("screens"));
    m_screens->addWidget(central);
    m_lockScreen = new QLabel(m_screens);
    m_lockScreen->setObjectName(QStringLiteral("lockScreen"));
    m_lockScreen->setAlignment(Qt::AlignCenter);
    m_lockScreen->setWordWrap(true);
    m_screens->addWidget(m_lockScreen);
    setCentralWidget(m_screens);

    auto* chat = new ChatPage(m_stack);
    chat->setEngineStatus(&m_engine);
    // The engine's TTFT, tokens and KV figures land in the hub's registry, and
    // each answer's spans in its trace store for the answer's timeline.
    if (telemetry) {
        chat->engineBridge().setMetrics(&telemetry->metrics());
        chat->setTraceStore(&telemetry->traces());
    }
    // Where the kernel lets us read the CPU packages' energy (RAPL), each chat
    // request is charged its measured share of it, not nominal watts.
    if (auto rapl = std::make_shared<app::telemetry::PowercapEnergy>(); rapl->available())
        chat->engineBridge().setEnergyCounter([rapl] { return rapl->totalJoules(); });
    chat->setSession(session);
    auto* security = new SecurityPage(m_stack);
    security->setSession(session);
    auto* settings = new SettingsPage(m_stack);
    settings->setSession(session);
    auto* dashboards = new DashboardsPage(telemetry, m_stack);
    dashboards->setSession(session);
    m_pages = {new OverviewPage(m_stack), chat,       new ModelsPage(m_stack), dashboards,
               new DeploymentsPage(m_stack), security, settings};
    for (Page* p : m_pages) {
        m_stack->addWidget(p);
        auto* item = new QListWidgetItem(m_rail);
        item->setData(Qt::UserRole, p->objectName());
    }
    connect(m_rail, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0) return;
        m_stack->setCurrentIndex(row);
        setWindowTitle(tr("%1 — Fyr").arg(m_pages.at(row)->title()));
    });

    m_engineLabel = new QLabel(this);
    m_engineLabel->setObjectName(QStringLiteral("engineStateLabel"));
    m_backendLabel = new QLabel(this);
    m_backendLabel->setObjectName(QStringLiteral("backendLabel"));
    statusBar()->addWidget(m_engineLabel, 1);
    m_userLabel = new QLabel(this);
    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    statusBar()->addPermanentWidget(m_userLabel);
    if (m_session) {
        // Any key or click in the application counts as activity.
        qApp->installEventFilter(this);
        connect(m_session, &app::AppSession::expired, this, &MainWindow::onSessionExpired);
        connect(m_session, &app::AppSession::resumed, this, &MainWindow::onSessionResumed);
    }
    statusBar()->addPermanentWidget(m_backendLabel);
    connect(&m_engine, &app::EngineStatus::changed, this, &MainWindow::updateStatus);

    buildMenus();
    retranslateUi();
    restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_quitAction = m_fileMenu->addAction(QString());
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(QString());
    for (int i = 0; i < m_pages.size(); ++i) {
        QAction* a = m_viewMenu->addAction(QString());
        a->setObjectName(m_pages.at(i)->objectName() + QStringLiteral("Action"));
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(a, &QAction::triggered, this, [this, i] { setCurrentPage(i); });
        m_pageActions.append(a);
    }

    m_languageMenu = menuBar()->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    for (const QString& code : app::LanguageManager::available()) {
        // Each language is named in itself, so it can be found whatever is showing.
        QAction* a = m_languageMenu->addAction(app::LanguageManager::nativeName(code));
        a->setObjectName(QStringLiteral("language_%1").arg(code));
        a->setData(code);
        a->setCheckable(true);
        a->setChecked(code == m_language.language());
        m_languageGroup->addAction(a);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this, [this](QAction* a) {
        const QString code = a->data().toString();
        if (m_language.setLanguage(code)) QSettings().setValue(kLanguageKey, code);
    });
    connect(&m_language, &app::LanguageManager::languageChanged, this, [this](const QString& code) {
        for (QAction* a : m_languageGroup->actions()) a->setChecked(a->data().toString() == code);
    });

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString());
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = m_helpMenu->addAction(QString());
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::retranslateUi() {
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Fyr"));
    m_aboutQtAction->setText(tr("About &Qt"));
    for (int i = 0; i < m_pages.size(); ++i) {
        m_rail->item(i)->setText(m_pages.at(i)->title());
        m_rail->item(i)->setToolTip(tr("%1 (Ctrl+%2)").arg(m_pages.at(i)->title()).arg(i + 1));
        m_pageActions.at(i)->setText(m_pages.at(i)->title());
    }
    const int row = m_rail->currentRow();
    setWindowTitle(row >= 0 ? tr("%1 — Fyr").arg(m_pages.at(row)->title()) : QStringLiteral("Fyr"));
    updateStatus();
}

void MainWindow::updateStatus() {
    m_engineLabel->setText(m_engine.summary());
    m_userLabel->setText(m_session ? tr("Signed in as %1 (%2)").arg(m_session->who().user, m_session->who().role)
                                   : tr("Not signed in"));
    const BuildInfo& b = build_info();
    m_backendLabel->setText(tr("CPU: %1 · CUDA %2 · Vulkan %3")
                                .arg(app::BuildReport::keyCpuFeatures(), b.cuda ? tr("on") : tr("off"),
                                     b.vulkan ? tr("on") : tr("off")));
}

QString MainWindow::aboutText() const {
    return tr("<h3>Fyr %1</h3><p>A console for running AI chatbots on your own hardware.</p><pre>%2</pre>")
        .arg(QString::fromStdString(build_info().version), app::BuildReport::text(QStringLiteral("fyr")).toHtmlEscaped());
}

void MainWindow::showAbout() { QMessageBox::about(this, tr("About Fyr"), aboutText()); }

int MainWindow::pageCount() const { return static_cast<int>(m_pages.size()); }
int MainWindow::currentPage() const { return m_rail->currentRow(); }
Page* MainWindow::page(int index) const { return m_pages.value(index); }

void MainWindow::setCurrentPage(int index) {
    if (index < 0 || index >= m_pages.size()) return;
    m_rail->setCurrentRow(index);
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QMainWindow::changeEvent(event);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        if (m_session) m_session->touch();
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::isLocked() const {
    return m_screens->currentWidget() == m_lockScreen;
}

void MainWindow::onSessionExpired() {
    // Nothing of the user's stays in sight, and nothing is reset: the pages wait
    // behind the lock screen as they were.
    m_focusBeforeLock = QApplication::focusWidget();
    m_lockScreen->setText(tr("Locked. Sign in as %1 again to go on.").arg(m_session->who().user));
    m_screens->setCurrentWidget(m_lockScreen);
    for (QAction* a : m_pageActions) a->setEnabled(false);
    auto* dialog = new SignInDialog(*m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::rejected, this, &QWidget::close);
    dialog->open();
}

void MainWindow::onSessionResumed() {
    m_screens->setCurrentIndex(0);
    for (QAction* a : m_pageActions) a->setEnabled(true);
    if (m_focusBeforeLock && isAncestorOf(m_focusBeforeLock)) m_focusBeforeLock->setFocus();
    updateStatus();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveState();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveState() const {
    QSettings s;
    s.setValue(kGeometryKey, saveGeometry());
    s.setValue(kWindowStateKey, QMainWindow::saveState());
    s.setValue(kPageKey, m_rail->currentItem() ? m_rail->currentItem()->data(Qt::UserRole) : QVariant());
}

void MainWindow::restoreState() {
    QSettings s;
    if (!restoreGeometry(s.value(kGeometryKey).toByteArray())) resize(1100, 720);
    QMainWindow::restoreState(s.value(kWindowStateKey).toByteArray());
    const QString pageName = s.value(kPageKey).toString();
    int index = 0;
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i)->objectName() == pageName) index = i;
    }
    setCurrentPage(index);
}

}  // namespace fyr::ui
