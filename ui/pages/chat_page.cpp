#include "pages/chat_page.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "chat/chat_format.h"
#include "chat/message_input.h"
#include "chat/transcript_view.h"
#include "core/engine_status.h"
#include "core/log_categories.h"
#include "engine/engine_bridge.h"
#include "services/app_session.h"
#include "store/audit_log.h"
#include "store/model_access.h"
#include "telemetry/trace_store.h"
#include "telemetry/trace_timeline_dialog.h"

namespace fyr::ui {
namespace {

const QString kModelDirKey = QStringLiteral("chat/modelDirectory");
const QString kErrorColor = QStringLiteral("#c01c28");

}  // namespace

ChatPage::ChatPage(QWidget* parent)
    : Page(QStringLiteral("chatPage"), parent), m_bridge(std::make_unique<app::EngineBridge>()) {
    QVBoxLayout* layout = pageLayout();
    layout->removeWidget(emptyStateWidget());

    // Model: open, what is loaded, clear.
    auto* modelRow = new QHBoxLayout;
    m_openButton = new QPushButton(this);
    m_openButton->setObjectName(QStringLiteral("openModelButton"));
    m_modelLabel = new QLabel(this);
    m_modelLabel->setObjectName(QStringLiteral("modelStatusLabel"));
    m_modelLabel->setWordWrap(true);
    m_modelLabel->setTextFormat(Qt::RichText);
    m_modelLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clearButton = new QPushButton(this);
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    modelRow->addWidget(m_openButton, 0, Qt::AlignTop);
    modelRow->addWidget(m_modelLabel, 1);
    modelRow->addWidget(m_clearButton, 0, Qt::AlignTop);
    layout->addLayout(modelRow);

    // The transcript, or the empty state until there is one.
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("chatStack"));
    m_stack->addWidget(emptyStateWidget());
    m_transcript = new TranscriptView(m_stack);
    m_stack->addWidget(m_transcript);
    layout->addWidget(m_stack, 1);

    // Sampling: enough to try things; everything else keeps the engine's defaults.
    auto* settingsRow = new QHBoxLayout;
    m_maxTokensLabel = new QLabel(this);
    m_maxTokens = new QSpinBox(this);
    m_maxTokens->setObjectName(QStringLiteral("maxTokensSpin"));
    m_maxTokens->setRange(1, 100000);
    m_maxTokens->setValue(512);
    m_maxTokens->setAccelerated(true);
    m_maxTokensLabel->setBuddy(m_maxTokens);
    m_temperatureLabel = new QLabel(this);
    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setObjectName(QStringLiteral("temperatureSpin"));
    m_temperature->setRange(0.0, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(2);
    m_temperature->setValue(0.7);
    m_temperatureLabel->setBuddy(m_temperature);
    settingsRow->addWidget(m_maxTokensLabel);
    settingsRow->addWidget(m_maxTokens);
    settingsRow->addSpacing(16);
    settingsRow->addWidget(m_temperatureLabel);
    settingsRow->addWidget(m_temperature);
    settingsRow->addStretch(1);
    layout->addLayout(settingsRow);

    // What to say, and the buttons to send or stop it.
    auto* inputRow = new QHBoxLayout;
    m_input = new MessageInput(this);
    m_input->setObjectName(QStringLiteral("messageInput"));
    auto* buttons = new QVBoxLayout;
    m_sendButton = new QPushButton(this);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_stopButton = new QPushButton(this);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    buttons->addWidget(m_sendButton);
    buttons->addWidget(m_stopButton);
    buttons->addStretch(1);
    inputRow->addWidget(m_input, 1);
    inputRow->addLayout(buttons);
    layout->addLayout(inputRow);

    // Keys that work anywhere on the page.
    auto pageAction = [this](const QString& name, const QKeySequence& key, auto slot) {
        auto* a = new QAction(this);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    m_openAction = pageAction(QStringLiteral("openModelAction"), QKeySequence::Open, &ChatPage::chooseModelFile);
    m_stopAction = pageAction(QStringLiteral("stopAction"), QKeySequence(Qt::Key_Escape), &ChatPage::stop);
    m_clearAction =
        pageAction(QStringLiteral("clearAction"), QKeySequence(Qt::CTRL | Qt::Key_L), &ChatPage::clearConversation);
    m_timelineAction = pageAction(QStringLiteral("showTimelineAction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                                  &ChatPage::showLatestTimeline);

    connect(m_openButton, &QPushButton::clicked, this, &ChatPage::chooseModelFile);
    connect(m_clearButton, &QPushButton::clicked, this, &ChatPage::clearConversation);
    connect(m_sendButton, &QPushButton::clicked, this, &ChatPage::send);
    connect(m_stopButton, &QPushButton::clicked, this, &ChatPage::stop);
    connect(m_input, &MessageInput::submitted, this, &ChatPage::send);
    connect(m_input, &MessageInput::stopRequested, this, &ChatPage::stop);
    connect(m_input, &QPlainTextEdit::textChanged, this, &ChatPage::updateControls);
    connect(m_transcript, &TranscriptView::timelineRequested, this, &ChatPage::showTimeline);

    connect(m_bridge.get(), &app::EngineBridge::modelLoaded, this, &ChatPage::onModelLoaded);
    connect(m_bridge.get(), &app::EngineBridge::loadFailed, this, &ChatPage::onLoadFailed);
    connect(m_bridge.get(), &app::EngineBridge::textStreamed, this, &ChatPage::onTextStreamed);
    connect(m_bridge.get(), &app::EngineBridge::finished, this, &ChatPage::onFinished);
    connect(m_bridge.get(), &app::EngineBridge::failed, this, &ChatPage::onFailed);

    QString guardError;
    m_guard = app::guard::Guard::create({}, &guardError);
    if (!m_guard) qCWarning(lcUi).noquote() << "the guard could not start, prompts go unchecked:" << guardError;

    finishSetup();
    updateControls();
}

// The bridge goes first: it stops any generation and joins the engine thread
// while the page's widgets are still whole.
ChatPage::~ChatPage() {
    m_bridge.reset();
    finishRequest(nullptr, QStringLiteral("cancelled"));
}

void ChatPage::setSession(app::AppSession* session) {
    finishRequest(nullptr, QStringLiteral("cancelled"));
    m_session = session;
    if (session) {
        // The signed-in installation's own guard policy (beside its database, where
        // fyrctl guard install --db puts it), else the built-in one.
        QString guardError;
        if (auto g = app::guard::Guard::forInstallation(session->store().path(), {}, &guardError))
            m_guard = std::move(g);
        else
            qCWarning(lcUi).noquote() << "the installation's guard policy could not be loaded:" << guardError;
    }
    m_gate = session ? std::make_unique<app::RequestGate>(session->store(), m_guard) : nullptr;
}

void ChatPage::finishRequest(const app::GenerationStats* stats, const QString& finishReason) {
    if (!m_gate || m_admission.requestId == 0) return;
    app::RequestGate::Outcome o;
    if (stats) {
        o = app::RequestGate::outcomeOf(*stats, finishReason);
    } else {
        o.finishReason = finishReason;
    }
    if (const QString e = m_gate->finish(m_admission, o); !e.isEmpty())
        qCWarning(lcUi).noquote() << "chat: the request could not be recorded:" << e;
    m_admission = {};
}

void ChatPage::setTraceStore(app::telemetry::TraceStore* store) {
    m_traces = store;
    m_bridge->setTraceStore(store);
    updateControls();
}

TraceTimelineDialog* ChatPage::timelineDialog() const {
    return m_timelineDialog;
}

QString ChatPage::latestTracedRequest() const {
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it)
        if (it->stats && !it->stats->requestId.isEmpty()) return it->stats->requestId;
    return {};
}

bool ChatPage::showTimeline(const QString& requestId) {
    if (!m_traces || requestId.isEmpty()) return false;
    if (!m_timelineDialog) m_timelineDialog = new TraceTimelineDialog(this);
    const bool found = m_timelineDialog->showRequest(*m_traces, requestId);
    m_timelineDialog->show();
    m_timelineDialog->raise();
    m_timelineDialog->activateWindow();
    return found;
}

void ChatPage::showLatestTimeline() {
    showTimeline(latestTracedRequest());
}

QString ChatPage::title() const {
    return tr("Chat");
}

void ChatPage::setEngineStatus(app::EngineStatus* status) {
    m_status = status;
    reportState();
}

void ChatPage::retranslate() {
    m_openButton->setText(tr("Open model…"));
    m_openButton->setToolTip(
        tr("Load a GGUF model file (%1)").arg(m_openAction->shortcut().toString(QKeySequence::NativeText)));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(
        tr("Start a new conversation (%1)").arg(m_clearAction->shortcut().toString(QKeySequence::NativeText)));
    m_maxTokensLabel->setText(tr("&Max tokens:"));
    m_maxTokens->setToolTip(tr("The most tokens an answer may have."));
    m_temperatureLabel->setText(tr("&Temperature:"));
    m_temperature->setSpecialValueText(tr("greedy"));
    m_temperature->setToolTip(
        tr("Higher values give more varied answers; at 0 (greedy) the most likely token is always taken."));
    m_input->setPlaceholderText(tr("Message the model. Enter sends, Shift+Enter starts a new line."));
    m_sendButton->setText(tr("Send"));
    m_stopButton->setText(tr("Stop"));
    m_stopButton->setToolTip(tr("Stop the answer (Esc)"));
    updateModelLabel();
    updateEmptyState();
}

void ChatPage::updateEmptyState() {
    if (m_model) {
        setEmptyState(tr("Ready when you are"),
                      tr("Type a message below and press Enter to send it; Shift+Enter starts a new line. Esc stops "
                         "an answer and Ctrl+L clears the conversation."));
    } else {
        setEmptyState(tr("No model loaded"),
                      tr("Open a GGUF model file with “Open model…” or Ctrl+O to chat with it here. Answers stream in "
                         "as they are generated, with the time to first token and tokens per second under each one."));
    }
}

QString ChatPage::modelStatusText() const {
    QString text;
    if (m_loading)
        text = tr("Loading %1…").arg(QFileInfo(m_loadingPath).fileName());
    else if (m_model)
        text = ChatFormat::modelLine(*m_model);
    else
        text = tr("No model loaded.");
    if (!m_loadError.isEmpty()) text += QLatin1Char('\n') + tr("Could not load the model: %1").arg(m_loadError);
    return text;
}

void ChatPage::updateModelLabel() {
    const QStringList lines = modelStatusText().split(QLatin1Char('\n'));
    QString html = lines.first().toHtmlEscaped();
    if (lines.size() > 1) {
        html += QStringLiteral("<br><span style=\"color:%1\">%2</span>")
                    .arg(kErrorColor, lines.mid(1).join(QLatin1Char('\n')).toHtmlEscaped());
    }
    m_modelLabel->setText(html);
}

void ChatPage::updateControls() {
    const bool generating = isGenerating();
    m_openButton->setEnabled(!m_loading);
    m_openAction->setEnabled(!m_loading);
    m_sendButton->setEnabled(m_model && !m_loading && !generating && !m_input->toPlainText().trimmed().isEmpty());
    m_stopButton->setEnabled(generating);
    m_stopAction->setEnabled(generating);
    m_clearButton->setEnabled(!m_entries.isEmpty());
    m_clearAction->setEnabled(!m_entries.isEmpty());
    m_timelineAction->setEnabled(m_traces && !latestTracedRequest().isEmpty());
    m_stack->setCurrentWidget(m_entries.isEmpty() ? emptyStateWidget() : static_cast<QWidget*>(m_transcript));
}

void ChatPage::reportState() {
    if (!m_status) return;
    using State = app::EngineStatus::State;
    const QString name = m_model ? m_model->name : QString();
    if (m_loading)
        m_status->setState(State::Loading, QFileInfo(m_loadingPath).completeBaseName());
    else if (isGenerating())
        m_status->setState(State::Generating, name);
    else if (!m_loadError.isEmpty())
        m_status->setState(State::Error, name, m_loadError);
    else if (m_model)
        m_status->setState(State::Ready, name);
    else
        m_status->setState(State::NoModel);
}

void ChatPage::chooseModelFile() {
    if (m_loading) return;
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a model"), settings.value(kModelDirKey).toString(),
                                                      tr("GGUF models (*.gguf);;All files (*)"));
    if (path.isEmpty()) return;
    settings.setValue(kModelDirKey, QFileInfo(path).absolutePath());
    openModel(path);
}

void ChatPage::openModel(const QString& path) {
    if (m_loading) return;
    if (m_session) {
        // As `fyrctl generate --as`: a role loads only the models it may use, and
        // every load (or refusal) is on record.
        const app::Principal& who = m_session->who();
        const QFileInfo file(path);
        const app::ModelAccess::Decision access =
            app::ModelAccess(m_session->store()).check(who, {file.completeBaseName(), file.fileName()});
        if (!access.allowed) {
            m_session->audit().append(who.user, QStringLiteral("model.load.refused"), path, access.reason);
            m_loadError = access.reason;
            updateModelLabel();
            updateEmptyState();
            updateControls();
            reportState();
            return;
        }
    }
    m_loading = true;
    m_loadingPath = path;
    m_loadError.clear();
    qCInfo(lcUi).noquote() << "chat: opening" << path;
    m_bridge->loadModel(path);  // also stops an answer being generated
    updateModelLabel();
    updateControls();
    reportState();
}

void ChatPage::onModelLoaded(const app::ModelSummary& summary) {
    m_loading = false;
    m_model = summary;
    if (m_session) {
        const QString e = m_session->audit().append(m_session->who().user, QStringLiteral("model.load"), summary.path,
                                                    summary.name);
        if (!e.isEmpty()) qCWarning(lcUi).noquote() << "chat: the model load could not be recorded:" << e;
    }
    m_loadError.clear();
    updateModelLabel();
    updateEmptyState();
    updateControls();
    reportState();
    m_input->setFocus();
}

void ChatPage::onLoadFailed(const QString& path, const QString& message) {
    Q_UNUSED(path)
    m_loading = false;
    m_loadError = message;
    updateModelLabel();
    updateControls();
    reportState();
}

app::Conversation ChatPage::conversation() const {
    app::Conversation out;
    for (const ChatEntry& e : m_entries) {
        if (!e.error.isEmpty()) {
            // A failed answer takes its question with it: the model never saw the pair.
            if (!out.isEmpty() && out.last().role == QLatin1String("user")) out.removeLast();
            continue;
        }
        out.append(e.message);
    }
    return out;
}

void ChatPage::send() {
    const QString text = m_input->toPlainText().trimmed();
    if (!m_model || m_loading || isGenerating() || text.isEmpty()) return;
    m_input->clear();
    m_loadError.clear();
    updateModelLabel();

    ChatEntry question;
    question.message = {QStringLiteral("user"), text};
    m_entries.append(question);
    m_transcript->appendEntry(question);

    if (m_session) {
        // As `fyrctl generate --as`: who may, how much is left, what the guard says, on record.
        QString refusal;
        const app::Principal& who = m_session->who();
        if (m_session->isExpired()) {
            refusal = tr("The session is locked; sign in again to send.");
        } else if (!m_session->may(app::Permission::ChatUse)) {
            m_session->audit().append(who.user, QStringLiteral("permission.denied"), app::permissionName(app::Permission::ChatUse),
                                      QStringLiteral("chat"));
            refusal = tr("%1 (role %2) lacks the permission %3")
                          .arg(who.user, who.role, app::permissionName(app::Permission::ChatUse));
        } else {
            m_session->touch();
            m_admission = m_gate->admit(who, {m_model->name, QFileInfo(m_model->path).fileName()}, text,
                                        static_cast<int64_t>(text.size() / 4 + m_maxTokens->value()));
            if (!m_admission.allowed) {
                refusal = m_admission.reason;
                m_admission = {};
            }
        }
        if (!refusal.isEmpty()) {
            ChatEntry refused;
            refused.message = {QStringLiteral("assistant"), QString()};
            refused.speaker = m_model->name;
            refused.error = refusal;
            m_entries.append(refused);
            m_transcript->appendEntry(refused);
            m_transcript->finishLast(refused);
            updateControls();
            return;
        }
        if (m_admission.prompt != text) {
            // What the model reads, and what later turns send again: the redacted text.
            m_entries.last().message.content = m_admission.prompt;
            m_transcript->setEntries(m_entries);
        }
    }

    app::GenerationRequest request;
    request.messages = conversation();
    request.maxTokens = m_maxTokens->value();
    request.temperature = static_cast<float>(m_temperature->value());
    request.guard = m_guard;
    if (m_admission.requestId != 0) {
        request.messages = app::RequestGate::withSystemPrompt(request.messages, m_admission.systemPrompt);
        request.guardContext = m_admission.guardContext;
        request.checkedInput = m_admission.input;  // the gate checked and recorded it
        request.requestId = QStringLiteral("request-%1").arg(m_admission.requestId);
    }

    ChatEntry answer;
    answer.message = {QStringLiteral("assistant"), QString()};
    answer.speaker = m_model->name;
    m_entries.append(answer);
    m_transcript->appendEntry(answer);

    m_generatingId = m_bridge->generate(request);
    updateControls();
    reportState();
}

void ChatPage::stop() {
    if (isGenerating()) m_bridge->stop();
}

void ChatPage::clearConversation() {
    if (isGenerating()) {
        m_bridge->stop();
        m_generatingId = 0;  // what is still on its way for it is ignored
        finishRequest(nullptr, QStringLiteral("cancelled"));
    }
    m_entries.clear();
    m_transcript->setEntries({});
    updateControls();
    reportState();
    m_input->setFocus();
}

void ChatPage::onTextStreamed(quint64 id, const QString& piece) {
    if (id != m_generatingId || m_entries.isEmpty()) return;
    QString text = piece;
    // Answers often start with the space that followed the prompt's last token; a
    // bubble does not need it.
    if (m_entries.last().message.content.isEmpty()) {
        const auto start = std::find_if(text.cbegin(), text.cend(), [](QChar c) { return !c.isSpace(); });
        text.remove(0, start - text.cbegin());
        if (text.isEmpty()) return;
    }
    m_entries.last().message.content += text;
    m_transcript->appendToLast(text);
}

void ChatPage::onFinished(quint64 id, const app::GenerationStats& stats) {
    if (id != m_generatingId || m_entries.isEmpty()) return;
    finishRequest(&stats, stats.finishReason);
    ChatEntry e = m_entries.last();
    if (stats.guarded && stats.guardInput.verdict == app::guard::Verdict::Block) {
        // The model never saw the question: it leaves the conversation with its answer.
        e.error = stats.guardInput.reason();
        finishAnswer(e);
        return;
    }
    e.stats = stats;
    bool rewritten = false;
    if (stats.guarded && stats.guardInput.verdict == app::guard::Verdict::Redact && m_entries.size() >= 2) {
        // What the model read, and what later turns send again.
        m_entries[m_entries.size() - 2].message.content = stats.guardInput.text;
        rewritten = true;
    }
    if (stats.guarded && stats.guardOutput.verdict >= app::guard::Verdict::Redact && e.message.content != stats.text) {
        e.message.content = stats.text;
        rewritten = true;
    }
    finishAnswer(e);
    if (rewritten) m_transcript->setEntries(m_entries);
}

void ChatPage::onFailed(quint64 id, const QString& message) {
    if (id != m_generatingId || m_entries.isEmpty()) return;
    finishRequest(nullptr, QStringLiteral("error"));
    ChatEntry e = m_entries.last();
    e.error = message;
    finishAnswer(e);
}

void ChatPage::finishAnswer(const ChatEntry& entry) {
    m_entries.last() = entry;
    m_transcript->finishLast(entry);
    m_generatingId = 0;
    updateControls();
    reportState();
}

}  // namespace fyr::ui
