#include "pages/overview_page.h"

namespace fyr::ui {

OverviewPage::OverviewPage(QWidget* parent) : Page(QStringLiteral("overviewPage"), parent) { finishSetup(); }

QString OverviewPage::title() const { return tr("Overview"); }

void OverviewPage::retranslate() {
    setEmptyState(tr("Nothing is running yet"),
                  tr("The overview will show the engine's state, the loaded models, requests per minute, time to first token, GPU use and the latest alerts and security events, at a glance."));
}

}  // namespace fyr::ui
