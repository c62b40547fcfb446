#include "telemetry/trace_timeline_dialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QVBoxLayout>

#include "telemetry/trace_store.h"
#include "telemetry/trace_timeline_view.h"

namespace fyr::ui {

TraceTimelineDialog::TraceTimelineDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("traceTimelineDialog"));
    auto* layout = new QVBoxLayout(this);
    m_view = new TraceTimelineView(this);
    layout->addWidget(m_view, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttons->setObjectName(QStringLiteral("traceTimelineButtons"));
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    resize(960, 420);
    retranslate();
}

bool TraceTimelineDialog::showRequest(const app::telemetry::TraceStore& store, const QString& requestId) {
    m_requestId = requestId;
    m_maxTraces = store.limits().max_traces;
    std::optional<std::vector<app::telemetry::Span>> spans = store.find(requestId);
    m_found = spans.has_value() && !spans->empty();
    if (m_found) m_view->setSpans(std::move(*spans));
    retranslate();
    m_view->setFocus();
    return m_found;
}

void TraceTimelineDialog::retranslate() {
    setWindowTitle(m_requestId.isEmpty() ? tr("Request timeline") : tr("Timeline of request %1").arg(m_requestId));
    if (!m_requestId.isEmpty() && !m_found) {
        // The store keeps the latest requests (up to a count and a size): older ones go.
        m_view->showMissing(tr("The trace of request %1 is no longer kept: the console keeps only the traces of the "
                               "most recent requests (at most %2).")
                                .arg(m_requestId)
                                .arg(m_maxTraces));
    }
}

void TraceTimelineDialog::changeEvent(QEvent* event) {
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) retranslate();
}

}  // namespace fyr::ui
