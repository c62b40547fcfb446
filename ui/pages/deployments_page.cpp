#include "pages/deployments_page.h"

namespace fyr::ui {

DeploymentsPage::DeploymentsPage(QWidget* parent) : Page(QStringLiteral("deploymentsPage"), parent) { finishSetup(); }

QString DeploymentsPage::title() const { return tr("Deployments"); }

void DeploymentsPage::retranslate() {
    setEmptyState(tr("No deployment plans"),
                  tr("The deployment wizards will plan cloud, on-premises and hybrid deployments: hardware, capacity, cost and the configuration to hand over."));
}

}  // namespace fyr::ui
