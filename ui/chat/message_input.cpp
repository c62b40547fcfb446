#include "chat/message_input.h"

#include <QKeyEvent>

namespace fyr::ui {

MessageInput::MessageInput(QWidget* parent) : QPlainTextEdit(parent) {
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize MessageInput::sizeHint() const {
    // Three lines of text: room to see a short paragraph without taking the page.
    const int lines = 3;
    const int height = fontMetrics().lineSpacing() * lines + 2 * (frameWidth() + 4) +
                       static_cast<int>(document()->documentMargin() * 2);
    return {QPlainTextEdit::sizeHint().width(), height};
}

void MessageInput::keyPressEvent(QKeyEvent* event) {
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && (event->modifiers() & Qt::ShiftModifier)) {
        textCursor().insertText(QStringLiteral("\n"));
        ensureCursorVisible();
        return;
    }
    if (enter && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        emit submitted();
        return;
    }
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        emit stopRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

}  // namespace fyr::ui
