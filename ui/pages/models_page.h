// The Models page. See the empty state for what it will hold.
#pragma once

#include "pages/page.h"

namespace fyr::ui {

class ModelsPage final : public Page {
    Q_OBJECT
public:
    explicit ModelsPage(QWidget* parent = nullptr);
    QString title() const override;

protected:
    void retranslate() override;
};

}  // namespace fyr::ui
