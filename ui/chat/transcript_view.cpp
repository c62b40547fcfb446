#include "chat/transcript_view.h"

#include <QEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextFrame>

#include "chat/chat_format.h"

namespace fyr::ui {
namespace {

const QString kTimelineScheme = QStringLiteral("fyr-timeline");

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

}  // namespace

TranscriptView::TranscriptView(QWidget* parent) : QTextBrowser(parent) {
    setObjectName(QStringLiteral("transcriptView"));
    setOpenLinks(false);
    setUndoRedoEnabled(false);
    document()->setDocumentMargin(10);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == kTimelineScheme) emit timelineRequested(url.path());
    });
}

QUrl TranscriptView::timelineUrl(const QString& requestId) {
    QUrl url;
    url.setScheme(kTimelineScheme);
    url.setPath(requestId);
    return url;
}

template <typename Edit>
void TranscriptView::editKeepingEnd(Edit edit) {
    QScrollBar* bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 4;
    edit();
    if (atEnd) bar->setValue(bar->maximum());
}

void TranscriptView::setEntries(const QList<ChatEntry>& entries) {
    clear();
    m_entries.clear();
    m_last = nullptr;
    m_lastFooter.clear();
    for (const ChatEntry& e : entries) {
        appendEntry(e);
        if (e.isFinished()) finishLast(e);
    }
}

void TranscriptView::appendEntry(const ChatEntry& entry) {
    m_entries.append(entry);
    editKeepingEnd([&] {
        const QPalette pal = palette();
        QTextFrameFormat bubble;
        bubble.setPadding(8);
        bubble.setBorder(0);
        bubble.setTopMargin(m_entries.size() > 1 ? 10 : 0);
        if (entry.isUser()) {
            bubble.setBackground(mix(pal.color(QPalette::Base), pal.color(QPalette::Highlight), 0.18));
            bubble.setLeftMargin(80);
        } else {
            bubble.setBackground(mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.06));
            bubble.setRightMargin(80);
        }

        QTextCursor c(document());
        if (m_entries.size() == 1) {
            // A document starts with an empty block, and the first bubble goes after
            // it: keep that block from pushing the bubble down.
            QTextBlockFormat none;
            none.setLineHeight(0, QTextBlockFormat::FixedHeight);
            c.setBlockFormat(none);
        }
        c.movePosition(QTextCursor::End);
        m_last = c.insertFrame(bubble);

        QTextCharFormat speakerFormat;
        speakerFormat.setFontWeight(QFont::Bold);
        speakerFormat.setForeground(pal.color(QPalette::PlaceholderText));
        c.setCharFormat(speakerFormat);
        c.insertText(entry.isUser() ? tr("You") : entry.speaker);
        c.insertBlock(QTextBlockFormat(), QTextCharFormat());
        c.insertText(entry.message.content);
    });
}

void TranscriptView::appendToLast(const QString& text) {
    if (!m_last || m_entries.isEmpty()) return;
    m_entries.last().message.content += text;
    editKeepingEnd([&] {
        QTextCursor c = m_last->lastCursorPosition();
        c.insertText(text, QTextCharFormat());
    });
}

void TranscriptView::finishLast(const ChatEntry& entry) {
    if (!m_last || m_entries.isEmpty()) return;
    m_entries.last() = entry;
    editKeepingEnd([&] { insertFooter(m_last, entry); });
}

void TranscriptView::insertFooter(QTextFrame* frame, const ChatEntry& entry) {
    QTextCharFormat footer;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    footer.setFont(small);
    if (!entry.error.isEmpty()) {
        footer.setForeground(QColor(0xc0, 0x1c, 0x28));
        m_lastFooter = entry.error;
    } else if (entry.stats) {
        footer.setForeground(palette().color(QPalette::PlaceholderText));
        m_lastFooter = ChatFormat::statsLine(*entry.stats);
    } else {
        return;
    }
    QTextCursor c = frame->lastCursorPosition();
    QTextBlockFormat block;
    block.setTopMargin(6);
    c.insertBlock(block, footer);
    c.insertText(m_lastFooter, footer);
    if (entry.error.isEmpty() && !entry.stats->requestId.isEmpty()) {
        QTextCharFormat link = footer;
        link.setAnchor(true);
        link.setAnchorHref(timelineUrl(entry.stats->requestId).toString());
        link.setForeground(palette().color(QPalette::Link));
        link.setFontUnderline(true);
        link.setToolTip(tr("Show how this request went: queue, prefill, decode and streaming, with their times"));
        c.insertText(QStringLiteral(" · "), footer);
        c.insertText(tr("Timeline"), link);
    }
}

void TranscriptView::changeEvent(QEvent* event) {
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange) {
        const QList<ChatEntry> entries = m_entries;
        setEntries(entries);
    }
}

}  // namespace fyr::ui
