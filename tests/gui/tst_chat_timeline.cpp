// From a chat answer to its request's timeline, offscreen with stories260K: the
// "Timeline" link under the answer (mouse and keyboard) and Ctrl+Shift+T open
// a window whose spans include queue, prefill and decode; a trace the bounded
// store has let go is reported as such; without a store there is no link.
#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>

#include "chat/transcript_view.h"
#include "core/language_manager.h"
#include "core/resources.h"
#include "engine/engine_bridge.h"
#include "pages/chat_page.h"
#include "telemetry/trace_store.h"
#include "telemetry/trace_timeline_dialog.h"
#include "telemetry/trace_timeline_model.h"
#include "telemetry/trace_timeline_view.h"

using fyr::app::EngineBridge;
using fyr::app::GenerationStats;
using fyr::app::telemetry::TraceStore;
using fyr::ui::ChatPage;
using fyr::ui::TraceTimelineModel;
using fyr::ui::TranscriptView;

namespace {

const QString kModel = QStringLiteral(FYR_SHARED_DIR "/models/stories260K.gguf");
constexpr int kTimeoutMs = 60000;

// The document position of the first character of the footer link to this request's timeline, or -1.
int linkPosition(const TranscriptView& view, const QString& requestId) {
    const QString href = TranscriptView::timelineUrl(requestId).toString();
    for (QTextBlock b = view.document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.charFormat().isAnchor() && f.charFormat().anchorHref() == href) return f.position();
        }
    }
    return -1;
}

}  // namespace

class TestChatTimeline : public QObject {
    Q_OBJECT
private:
    static void showAndLoad(ChatPage& page) {
        page.resize(960, 680);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        activate(page);
        QSignalSpy loaded(&page.engineBridge(), &EngineBridge::modelLoaded);
        page.openModel(kModel);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, kTimeoutMs);
        page.findChild<QDoubleSpinBox*>(QStringLiteral("temperatureSpin"))->setValue(0);
        page.findChild<QSpinBox*>(QStringLiteral("maxTokensSpin"))->setValue(16);
    }

    // Back to the page from the timeline window. (A window counts as active while a
    // transient of it has the focus, so wait for the page itself.)
    static void activate(ChatPage& page) {
        page.activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), &page);
    }

    static void ask(ChatPage& page, const QString& text, GenerationStats* stats) {
        QSignalSpy finished(&page.engineBridge(), &EngineBridge::finished);
        auto* input = page.findChild<QPlainTextEdit*>(QStringLiteral("messageInput"));
        input->setFocus();
        QTest::keyClicks(input, text);
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, kTimeoutMs);
        *stats = finished.last().at(1).value<GenerationStats>();
        QTRY_VERIFY(!page.isGenerating());
    }

    // The timeline window shows this request with the engine's phases under its root.
    static void checkTimeline(const ChatPage& page, const QString& requestId) {
        fyr::ui::TraceTimelineDialog* dialog = page.timelineDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->requestId(), requestId);
        fyr::ui::TraceTimelineView* view = dialog->view();
        QVERIFY(view->isShowingTrace());
        const TraceTimelineModel* model = view->model();
        QCOMPARE(model->rowCount(), 1);
        const QModelIndex root = model->index(0, 0);
        for (const char* phase : {"queue", "prefill", "decode", "stream"}) {
            const QModelIndex span = model->findSpan(QLatin1String(phase));
            QVERIFY2(span.isValid(), phase);
            QCOMPARE(span.parent(), root);
            QVERIFY(span.data(TraceTimelineModel::StartMsRole).toDouble() >= 0);
            QVERIFY(span.data(TraceTimelineModel::DurationMsRole).toDouble() >= 0);
        }
        // Queue, then prefill, then decode on the shared axis.
        const double queueStart =
            model->findSpan(QStringLiteral("queue")).data(TraceTimelineModel::StartMsRole).toDouble();
        const double prefillStart =
            model->findSpan(QStringLiteral("prefill")).data(TraceTimelineModel::StartMsRole).toDouble();
        const double decodeStart =
            model->findSpan(QStringLiteral("decode")).data(TraceTimelineModel::StartMsRole).toDouble();
        QVERIFY(queueStart <= prefillStart && prefillStart <= decodeStart);
        const QVariantMap a = root.data(TraceTimelineModel::AttributesRole).toMap();
        QCOMPARE(a.value(fyr::app::telemetry::attr::kRequestId).toString(), requestId);
        QVERIFY(a.contains(fyr::app::telemetry::attr::kGenAiUsageOutputTokens));
        QVERIFY(!view->grab().isNull());
    }

private slots:
    void initTestCase() {
        fyr::app::initResources();
        auto* lang = new fyr::app::LanguageManager(this);
        QVERIFY(lang->setLanguage(QStringLiteral("en")));
        if (!QFile::exists(kModel)) QSKIP("stories260K.gguf missing from " FYR_SHARED_DIR "/models");
    }

    void answerOpensItsTimeline() {
        TraceStore traces;
        ChatPage page;
        page.setTraceStore(&traces);
        showAndLoad(page);
        auto* timelineAction = page.findChild<QAction*>(QStringLiteral("showTimelineAction"));
        QVERIFY(timelineAction);
        QVERIFY(!timelineAction->isEnabled());  // no answer yet

        GenerationStats stats;
        ask(page, QStringLiteral("Once upon a time"), &stats);
        QVERIFY(!stats.requestId.isEmpty());
        QCOMPARE(stats.traceId.size(), 32);
        QVERIFY(timelineAction->isEnabled());

        // The link after the statistics line, clicked.
        auto* transcript = page.findChild<TranscriptView*>(QStringLiteral("transcriptView"));
        QVERIFY(transcript->toPlainText().contains(transcript->lastFooter() + QStringLiteral(" · Timeline")));
        const int at = linkPosition(*transcript, stats.requestId);
        QVERIFY(at >= 0);
        QTextCursor c(transcript->document());
        c.setPosition(at + 2);
        const QPoint point = transcript->cursorRect(c).center();
        QCOMPARE(transcript->anchorAt(point), TranscriptView::timelineUrl(stats.requestId).toString());
        QSignalSpy requested(transcript, &TranscriptView::timelineRequested);
        QTest::mouseClick(transcript->viewport(), Qt::LeftButton, {}, point);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), stats.requestId);
        checkTimeline(page, stats.requestId);
        QCOMPARE(page.timelineDialog()->view()->model()->traceId(), stats.traceId);
        QDir().mkpath(QStringLiteral(FYR_SCREENSHOT_DIR));
        QVERIFY(page.grab().save(QStringLiteral(FYR_SCREENSHOT_DIR "/chat_timeline_link.png")));
        QVERIFY(page.timelineDialog()->grab().save(QStringLiteral(FYR_SCREENSHOT_DIR "/chat_timeline.png")));

        // The timeline's spans take the keyboard.
        QTreeView* tree = page.timelineDialog()->view()->tree();
        QTRY_VERIFY(tree->hasFocus());
        QTest::keyClick(tree, Qt::Key_Down);
        QCOMPARE(tree->currentIndex().parent(), page.timelineDialog()->view()->model()->index(0, 0));
        page.timelineDialog()->close();

        // The link is reached with Tab (or Shift+Tab from the end) and followed with Enter, too.
        activate(page);
        transcript->setFocus();
        transcript->moveCursor(QTextCursor::Start);
        QTest::keyClick(transcript, Qt::Key_Tab);
        QVERIFY(transcript->hasFocus());
        QCOMPARE(transcript->textCursor().selectionStart(), at);
        QCOMPARE(transcript->textCursor().selectedText(), QStringLiteral("Timeline"));
        transcript->moveCursor(QTextCursor::End);
        QTest::keyClick(transcript, Qt::Key_Backtab, Qt::ShiftModifier);
        QVERIFY(transcript->hasFocus());
        QCOMPARE(transcript->textCursor().selectionStart(), at);
        QCOMPARE(transcript->textCursor().selectedText(), QStringLiteral("Timeline"));
        QTest::keyClick(transcript, Qt::Key_Return);
        QCOMPARE(requested.count(), 2);
        checkTimeline(page, stats.requestId);
        page.timelineDialog()->close();

        // A second answer; Ctrl+Shift+T shows the latest one's.
        GenerationStats second;
        ask(page, QStringLiteral("The dog"), &second);
        QVERIFY(second.requestId != stats.requestId);
        activate(page);
        page.findChild<QPlainTextEdit*>(QStringLiteral("messageInput"))->setFocus();
        QTest::keyClick(page.findChild<QPlainTextEdit*>(QStringLiteral("messageInput")), Qt::Key_T,
                        Qt::ControlModifier | Qt::ShiftModifier);
        checkTimeline(page, second.requestId);

        // The first answer's link still leads to its own.
        QVERIFY(page.showTimeline(stats.requestId));
        checkTimeline(page, stats.requestId);

        // Clearing the conversation leaves nothing to show.
        page.clearConversation();
        QVERIFY(!timelineAction->isEnabled());
    }

    void aTraceTheStoreLetGoIsReported() {
        TraceStore::Limits limits;
        limits.max_traces = 1;
        TraceStore traces(limits);
        ChatPage page;
        page.setTraceStore(&traces);
        showAndLoad(page);
        GenerationStats first, second;
        ask(page, QStringLiteral("Once upon a time"), &first);
        ask(page, QStringLiteral("The dog"), &second);
        QVERIFY(!traces.find(first.requestId));

        QVERIFY(!page.showTimeline(first.requestId));
        fyr::ui::TraceTimelineDialog* dialog = page.timelineDialog();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(!dialog->view()->isShowingTrace());
        const QString text = dialog->view()->missingText();
        QVERIFY2(text.contains(first.requestId) && text.contains(QStringLiteral("no longer kept")), qPrintable(text));

        QVERIFY(page.showTimeline(second.requestId));
        checkTimeline(page, second.requestId);
    }

    void withoutAStoreThereIsNoLink() {
        ChatPage page;
        showAndLoad(page);
        GenerationStats stats;
        ask(page, QStringLiteral("Once upon a time"), &stats);
        QVERIFY(stats.requestId.isEmpty());
        auto* transcript = page.findChild<TranscriptView*>(QStringLiteral("transcriptView"));
        QVERIFY(!transcript->toPlainText().contains(QStringLiteral(" · Timeline")));
        QVERIFY(!page.findChild<QAction*>(QStringLiteral("showTimelineAction"))->isEnabled());
        QVERIFY(!page.showTimeline(QStringLiteral("chat-1")));
        QVERIFY(!page.timelineDialog());
    }
};

int main(int argc, char** argv) {
    // Settings go to a private folder so tests never touch (or depend on) the user's.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FyrTest"));
    QCoreApplication::setApplicationName(QStringLiteral("FyrTest"));
    TestChatTimeline t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_chat_timeline.moc"
