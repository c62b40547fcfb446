// The Chat page: open a GGUF model, talk to it, see each answer stream in with its
// time to first token and tokens per second underneath.
//
//   auto* chat = new fyr::ui::ChatPage(stack);
//   chat->setEngineStatus(&engineStatus);     // optional: the status bar follows it
//   chat->openModel(path);                    // or the "Open model…" button / Ctrl+O
//   chat->setSession(&session);               // optional: every send goes through the RequestGate
//   chat->setTraceStore(&hub.traces());       // optional: each answer's timeline can be shown
//
// All engine work goes through the page's own EngineBridge (its engine thread), so
// nothing here blocks. Keys: Enter sends, Shift+Enter starts a new line, Esc stops
// the answer, Ctrl+O opens a model, Ctrl+L clears the conversation, Ctrl+Shift+T
// shows the latest answer's timeline (with a trace store; each answer's
// statistics line also has a "Timeline" link to its own).
// With a session, each message is admitted by the RequestGate as the signed-in
// user (model access, quota, a request row, the input guard's security events)
// and finished by it (metrics, cost, the output guard's events); without one the
// page chats unrecorded (tests).
// GUI thread only.
#pragma once

#include <QList>
#include <QPointer>

#include <memory>
#include <optional>

#include "chat/chat_entry.h"
#include "engine/chat_message.h"
#include "engine/model_summary.h"
#include "guard/guard.h"
#include "pages/page.h"
#include "services/request_gate.h"

class QAction;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace fyr::app {
namespace telemetry {
class TraceStore;
}
class AppSession;
class EngineBridge;
class EngineStatus;
struct GenerationStats;
}  // namespace fyr::app

namespace fyr::ui {

class MessageInput;
class TraceTimelineDialog;
class TranscriptView;

class ChatPage final : public Page {
    Q_OBJECT
public:
    explicit ChatPage(QWidget* parent = nullptr);
    ~ChatPage() override;

    QString title() const override;

    // The status bar's engine state follows the page (loading, ready, generating, errors).
    void setEngineStatus(app::EngineStatus* status);
    app::EngineBridge& engineBridge() const { return *m_bridge; }
    // The signed-in session the page's requests are attributed to; it must outlive the page.
    // Its installation's guard policy (see Guard::forInstallation) applies from then on.
    void setSession(app::AppSession* session);
    // What every prompt and answer is checked with; null when no policy could be loaded.
    std::shared_ptr<const app::guard::Guard> guard() const { return m_guard; }
    // Where each answer's spans are kept (EngineBridge::setTraceStore), for its
    // timeline; the store must outlive the page.
    void setTraceStore(app::telemetry::TraceStore* store);
    // The window showing a request's timeline (null until one was asked for).
    TraceTimelineDialog* timelineDialog() const;
    // The request row of the answer being generated (0: none).
    int64_t currentRequestId() const { return m_admission.requestId; }

    bool hasModel() const { return m_model.has_value(); }
    bool isLoading() const { return m_loading; }
    // Why the last model could not be loaded (refused or failed); "" otherwise.
    QString loadError() const { return m_loadError; }
    bool isGenerating() const { return m_generatingId != 0; }
    // What the model sees next: the turns so far, failed exchanges left out.
    app::Conversation conversation() const;
    const QList<ChatEntry>& entries() const { return m_entries; }
    // The model line (or "no model") and the last load error, as plain text.
    QString modelStatusText() const;

public slots:
    // Loads `path` on the engine thread; the file dialog ends here too.
    void openModel(const QString& path);
    void chooseModelFile();
    // Sends what the input box holds (nothing while an answer is being generated).
    void send();
    void stop();
    void clearConversation();
    // Shows the timeline of that request's trace in the page's timeline window;
    // false if the trace store no longer has it (the window says so).
    bool showTimeline(const QString& requestId);
    // The same for the latest answer that left a trace (Ctrl+Shift+T).
    void showLatestTimeline();

protected:
    void retranslate() override;

private:
    void onModelLoaded(const app::ModelSummary& summary);
    void onLoadFailed(const QString& path, const QString& message);
    void onTextStreamed(quint64 id, const QString& piece);
    void onFinished(quint64 id, const app::GenerationStats& stats);
    void onFailed(quint64 id, const QString& message);
    void finishAnswer(const ChatEntry& entry);
    // Completes the current request's row (nothing without one).
    void finishRequest(const app::GenerationStats* stats, const QString& finishReason);
    void updateControls();
    void updateModelLabel();
    void updateEmptyState();
    void reportState();
    // The request id of the latest answer that left a trace, or empty.
    QString latestTracedRequest() const;

    std::unique_ptr<app::EngineBridge> m_bridge;
    // Every prompt and answer of this page goes through it (the built-in policy).
    std::shared_ptr<const app::guard::Guard> m_guard;
    app::AppSession* m_session = nullptr;
    std::unique_ptr<app::RequestGate> m_gate;
    app::RequestGate::Admission m_admission;  // the answer being generated
    app::EngineStatus* m_status = nullptr;
    app::telemetry::TraceStore* m_traces = nullptr;
    QPointer<TraceTimelineDialog> m_timelineDialog;

    QPushButton* m_openButton = nullptr;
    QLabel* m_modelLabel = nullptr;
    QPushButton* m_clearButton = nullptr;
    QStackedWidget* m_stack = nullptr;
    TranscriptView* m_transcript = nullptr;
    QLabel* m_maxTokensLabel = nullptr;
    QSpinBox* m_maxTokens = nullptr;
    QLabel* m_temperatureLabel = nullptr;
    QDoubleSpinBox* m_temperature = nullptr;
    MessageInput* m_input = nullptr;
    QPushButton* m_sendButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_clearAction = nullptr;
    QAction* m_timelineAction = nullptr;

    std::optional<app::ModelSummary> m_model;
    bool m_loading = false;
    QString m_loadingPath;
    QString m_loadError;
    quint64 m_generatingId = 0;  // 0: not generating
    QList<ChatEntry> m_entries;
};

}  // namespace fyr::ui
