// The Chat page's input box: Enter sends, Shift+Enter starts a new line, Esc asks
// to stop the answer being generated.
//
//   auto* input = new fyr::ui::MessageInput(this);
//   connect(input, &MessageInput::submitted, this, &ChatPage::send);
//   connect(input, &MessageInput::stopRequested, this, &ChatPage::stop);
//
// GUI thread only.
#pragma once

#include <QPlainTextEdit>

namespace fyr::ui {

class MessageInput final : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit MessageInput(QWidget* parent = nullptr);

    QSize sizeHint() const override;

signals:
    void submitted();
    void stopRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;
};

}  // namespace fyr::ui
