// The Chat page's conversation: one bubble per message (the user's on the right,
// answers on the left), the answer being generated growing in place, and under
// each finished answer its statistics line or what went wrong.
//
//   auto* view = new fyr::ui::TranscriptView(this);
//   view->appendEntry(userEntry);
//   view->appendEntry(answerEntry);        // empty answer, text still to come
//   view->appendToLast(piece);             // as textStreamed() delivers it
//   view->finishLast(answerEntry);         // with entry.stats or entry.error set
//   connect(view, &TranscriptView::timelineRequested, page, &Page::showTimeline);
//
// An answer whose request left a trace (stats.requestId set) has a "Timeline"
// link after its statistics; following it (click, or Tab to it and Enter)
// emits timelineRequested() with that request's id.
// Follows the end while the reader is there; scrolling up to read stops that.
// GUI thread only.
#pragma once

#include <QList>
#include <QPointer>
#include <QTextBrowser>
#include <QUrl>

#include "chat/chat_entry.h"

class QTextFrame;

namespace fyr::ui {

class TranscriptView final : public QTextBrowser {
    Q_OBJECT
public:
    explicit TranscriptView(QWidget* parent = nullptr);

    // Shows exactly these entries (after a clear or a language change).
    void setEntries(const QList<ChatEntry>& entries);
    void appendEntry(const ChatEntry& entry);
    void appendToLast(const QString& text);
    // Adds the last entry's statistics or error line under its text.
    void finishLast(const ChatEntry& entry);

    // The statistics or error line of the last finished answer, as shown.
    QString lastFooter() const { return m_lastFooter; }
    // The link to an answer's timeline, as its footer holds it (href and text).
    static QUrl timelineUrl(const QString& requestId);

signals:
    void timelineRequested(const QString& requestId);

protected:
    void changeEvent(QEvent* event) override;

private:
    // Runs `edit` and keeps the view at the end if it was there before.
    template <typename Edit>
    void editKeepingEnd(Edit edit);
    void insertFooter(QTextFrame* frame, const ChatEntry& entry);

    QList<ChatEntry> m_entries;  // what is shown, to rebuild on palette or language changes
    QPointer<QTextFrame> m_last;
    QString m_lastFooter;
};

}  // namespace fyr::ui
