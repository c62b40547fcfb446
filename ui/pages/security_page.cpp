#include "pages/security_page.h"

namespace fyr::ui {

SecurityPage::SecurityPage(QWidget* parent) : Page(QStringLiteral("securityPage"), parent) { finishSetup(); }

QString SecurityPage::title() const { return tr("Security"); }

void SecurityPage::retranslate() {
    setEmptyState(tr("Access control is not set up"),
                  tr("Security will manage users, roles and API keys, show the tamper-evident audit trail and verify it, and list the events raised by the guards."));
}

}  // namespace fyr::ui
