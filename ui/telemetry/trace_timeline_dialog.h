// A window with one request's timeline (trace_timeline_view.h), read from the
// console's trace store; if the bounded store has let the trace go, it says so.
//
//   auto* dialog = new fyr::ui::TraceTimelineDialog(this);
//   dialog->showRequest(store, stats.requestId);   // false: the trace is gone (the dialog says so)
//   dialog->show();
//
// Not modal; Esc or Close closes it. GUI thread only.
#pragma once

#include <QDialog>
#include <QString>

class QDialogButtonBox;

namespace fyr::app::telemetry {
class TraceStore;
}

namespace fyr::ui {

class TraceTimelineView;

class TraceTimelineDialog final : public QDialog {
    Q_OBJECT
public:
    explicit TraceTimelineDialog(QWidget* parent = nullptr);

    // Shows the request's trace as the store holds it now; false (and a line
    // saying the trace is no longer kept) when the store has none.
    bool showRequest(const app::telemetry::TraceStore& store, const QString& requestId);

    QString requestId() const { return m_requestId; }
    TraceTimelineView* view() const { return m_view; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    TraceTimelineView* m_view = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QString m_requestId;
    bool m_found = false;
    size_t m_maxTraces = 0;
};

}  // namespace fyr::ui
