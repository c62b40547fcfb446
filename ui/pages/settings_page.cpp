#include "pages/settings_page.h"

namespace fyr::ui {

SettingsPage::SettingsPage(QWidget* parent) : Page(QStringLiteral("settingsPage"), parent) { finishSetup(); }

QString SettingsPage::title() const { return tr("Settings"); }

void SettingsPage::retranslate() {
    setEmptyState(tr("Default settings in use"),
                  tr("Settings will hold the engine's threads and context size, the storage location, backups, encryption, the API server and the language."));
}

}  // namespace fyr::ui
