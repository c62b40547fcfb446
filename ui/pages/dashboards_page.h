// The Dashboards page. See the empty state for what it will hold.
#pragma once

#include "pages/page.h"

namespace fyr::ui {

class DashboardsPage final : public Page {
    Q_OBJECT
public:
    explicit DashboardsPage(QWidget* parent = nullptr);
    QString title() const override;

protected:
    void retranslate() override;
};

}  // namespace fyr::ui
