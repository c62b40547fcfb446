#include "pages/chat_page.h"

namespace fyr::ui {

ChatPage::ChatPage(QWidget* parent) : Page(QStringLiteral("chatPage"), parent) { finishSetup(); }

QString ChatPage::title() const { return tr("Chat"); }

void ChatPage::retranslate() {
    setEmptyState(tr("No conversation yet"),
                  tr("The chat playground will let you talk to a loaded model, compare two models side by side, and see time to first token and tokens per second for every answer."));
}

}  // namespace fyr::ui
