#include "pages/dashboards_page.h"

namespace fyr::ui {

DashboardsPage::DashboardsPage(QWidget* parent) : Page(QStringLiteral("dashboardsPage"), parent) { finishSetup(); }

QString DashboardsPage::title() const { return tr("Dashboards"); }

void DashboardsPage::retranslate() {
    setEmptyState(tr("No data to chart yet"),
                  tr("The dashboards will chart GPU utilization and memory, latency, throughput, token cost and security events in real time, with alerts when something drifts."));
}

}  // namespace fyr::ui
