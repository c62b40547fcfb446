// fyr: the console. Wires the services (fyr_app) to the window (fyr_ui).
#include <QApplication>
#include <QGuiApplication>
#include <QIcon>
#include <QSettings>

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "core/app_config.h"
#include "core/engine_status.h"
#include "core/language_manager.h"
#include "core/log_categories.h"
#include "core/logging.h"
#include "core/resources.h"
#include "fyr/build_info.h"
#include "main_window.h"
#include "pages/settings_page.h"
#include "services/alert_store.h"
#include "services/app_session.h"
#include "services/housekeeping.h"
#include "services/installation_settings.h"
#include "services/telemetry_outputs.h"
#include "services/telemetry_hub.h"
#include "session/first_start_dialog.h"
#include "session/sign_in_dialog.h"

namespace {

// Without a display Qt would abort inside QApplication; say what to do instead.
bool displayAvailable() {
#if defined(Q_OS_LINUX)
    const bool hasPlatform = !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    const bool hasDisplay = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    return hasPlatform || hasDisplay;
#else
    return true;
#endif
}

}  // namespace

int main(int argc, char* argv[]) {
    if (!displayAvailable()) {
        std::fprintf(stderr,
                     "fyr: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                     "  Under a virtual X server:   xvfb-run -a fyr\n"
                     "  Without any display:        QT_QPA_PLATFORM=offscreen fyr\n"
                     "  Headless use:               fyrctl --help\n");
        return 2;
    }

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Fyr"));
    QCoreApplication::setApplicationName(QStringLiteral("Fyr"));
    QCoreApplication::setApplicationVersion(QString::fromStdString(fyr::build_info().version));
    QGuiApplication::setDesktopFileName(QStringLiteral("fyr"));
    fyr::app::initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/fyr.svg")));

    QStringList args = QCoreApplication::arguments();
    fyr::app::AppConfig config = fyr::app::AppConfig::defaults();
    QString configError;
    const bool configOk = config.overlayFile(fyr::app::AppConfig::userConfigPath(), &configError);

    fyr::app::LogOptions logOptions;
    logOptions.json = config.value(QStringLiteral("logging.json")).toBool();
    fyr::app::Logging::parseLevel(config.value(QStringLiteral("logging.level")).toString(), &logOptions.minLevel);
    QString error;
    if (!fyr::app::Logging::takeArguments(args, logOptions, &error)) {
        std::fprintf(stderr, "fyr: %s\n", qPrintable(error));
        return 2;
    }
    fyr::app::Logging::install(logOptions);
    if (!configOk) qCWarning(lcApp).noquote() << configError << "- using the built-in defaults for the rest";

    fyr::app::LanguageManager language;
    QSettings settings;
    language.setLanguage(
        settings.value(QStringLiteral("ui/language"), config.value(QStringLiteral("ui.language"))).toString());

    // Nobody gets past here unsigned: the first start creates the installation
    // (as fyrctl init does), every later one signs in (as fyrctl --as does).
    QString storePath = config.value(QStringLiteral("store.path")).toString();
    if (storePath.isEmpty()) storePath = fyr::app::Store::defaultPath();
    fyr::app::SignedIn signedIn;
    QByteArray passphrase;  // for the scheduled backups; kept in memory only
    // A file that was never set up (created empty, a set-up interrupted before its
    // admin) is offered the first start too; a damaged one goes to sign-in, which
    // explains it and never writes to it.
    const fyr::app::InstallationState state = fyr::app::installationState(storePath);
    if (state == fyr::app::InstallationState::Missing || state == fyr::app::InstallationState::NotSetUp) {
        fyr::ui::FirstStartDialog dialog(storePath);
        if (dialog.exec() != QDialog::Accepted) return 0;
        signedIn = dialog.takeSignedIn();
        passphrase = dialog.passphrase();
    } else {
        fyr::ui::SignInDialog dialog(storePath, qEnvironmentVariable("FYR_USER"));
        if (dialog.exec() != QDialog::Accepted) return 0;
        signedIn = dialog.takeSignedIn();
        passphrase = dialog.passphrase();
    }
    qCInfo(lcApp).noquote() << "signed in as" << signedIn.who.user << "to" << storePath;
    // The site's settings (fyrctl settings, the Settings page) are the installation's, in its store.
    fyr::app::InstallationSettings installationSettings(*signedIn.store);
    const int idleMinutes = installationSettings.value(QStringLiteral("security.session_idle_minutes")).toInt();
    fyr::app::AppSession session(std::move(signedIn), std::chrono::minutes(idleMinutes));

    // Conversation retention and scheduled backups, as the settings say (both off by default).
    fyr::app::Housekeeping housekeeping(session.store(), session.keyRing(), session.audit(), session.who().user,
                                        std::exchange(passphrase, {}));
    housekeeping.apply(installationSettings);

    fyr::app::EngineStatus engineStatus;
    // The probes, the metrics and the alerts, on the telemetry thread; it
    // outlives the window, whose engine feeds its metrics.
    fyr::app::TelemetryHubOptions telemetryOptions;
    const int intervalMs = config.value(QStringLiteral("telemetry.sample_interval_ms")).toInt();
    if (intervalMs > 0) telemetryOptions.interval = std::chrono::milliseconds(intervalMs);
    fyr::app::TelemetryHub telemetry(telemetryOptions);
    // Alerts are kept in the installation's store: their history survives a restart.
    telemetry.setAlertStore(std::make_shared<fyr::app::AlertStore>(session.store()));
    // Trace export and alert outputs, as the settings say (all off by default).
    fyr::app::TelemetryOutputs outputs(telemetry.alerts());
    outputs.apply(installationSettings);
    telemetry.traces().setFinishedListener(
        [&outputs](const std::vector<fyr::app::telemetry::Span>& spans) { outputs.exportTrace(spans); });
    fyr::ui::MainWindow window(language, engineStatus, &telemetry, &session);
    if (auto* settingsPage = window.findChild<fyr::ui::SettingsPage*>()) {
        settingsPage->setOutputs(&outputs);
        settingsPage->setHousekeeping(&housekeeping);
    }
    window.show();
    telemetry.start();
    qCInfo(lcApp).noquote() << "Fyr" << QCoreApplication::applicationVersion() << "started";
    return QApplication::exec();
}
