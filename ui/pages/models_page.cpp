#include "pages/models_page.h"

namespace fyr::ui {

ModelsPage::ModelsPage(QWidget* parent) : Page(QStringLiteral("modelsPage"), parent) { finishSetup(); }

QString ModelsPage::title() const { return tr("Models"); }

void ModelsPage::retranslate() {
    setEmptyState(tr("No models in the registry"),
                  tr("The model registry will list the GGUF models imported from disk, with their architecture, size, quantization and memory needs, and let you load, unload and check them."));
}

}  // namespace fyr::ui
