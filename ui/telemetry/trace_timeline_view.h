// One request's timeline: each span of its trace as a horizontal bar on a shared
// time axis (milliseconds from the request's start, ticks in the header), nested
// under its parent, with its start and duration beside it; the selected span's
// attributes (model, tokens in and out, finish reason, guard verdict, ...) in
// the panel on the right and every span's in its tooltip.
//
//   auto* view = new fyr::ui::TraceTimelineView(this);
//   if (auto spans = store.find(requestId)) view->setSpans(std::move(*spans));
//   else view->showMissing(tr("That request's trace is no longer kept."));
//
// Keyboard: the span list takes focus; arrows move between spans (the panel
// follows), Left/Right fold and unfold, Tab goes on to the attributes.
// Object names for tests: traceTimelineTree, spanAttributesTable,
// spanTitleLabel, traceSummaryLabel, traceMissingLabel.
// GUI thread only.
#pragma once

#include <QWidget>

#include <vector>

#include "telemetry/span.h"

class QLabel;
class QModelIndex;
class QStackedWidget;
class QTableWidget;
class QTreeView;

namespace fyr::ui {

class TraceTimelineModel;

class TraceTimelineView final : public QWidget {
    Q_OBJECT
public:
    explicit TraceTimelineView(QWidget* parent = nullptr);
    ~TraceTimelineView() override;

    // Shows these spans (root first) and selects the root.
    void setSpans(std::vector<app::telemetry::Span> spans);
    // Shows `message` instead of a timeline (the trace is gone, or there is none).
    void showMissing(const QString& message);

    bool isShowingTrace() const;
    QString missingText() const;
    TraceTimelineModel* model() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    // Makes the first span of this name current; false if there is none.
    bool selectSpan(const QString& name);

    // A known attribute's name for people ("Tokens in" for
    // gen_ai.usage.input_tokens); the key itself for others.
    static QString attributeLabel(const QString& key);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showDetails(const QModelIndex& index);
    void retranslate();

    TraceTimelineModel* m_model = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_summary = nullptr;
    QTreeView* m_tree = nullptr;
    QLabel* m_spanTitle = nullptr;
    QTableWidget* m_attributes = nullptr;
    QLabel* m_missing = nullptr;
};

}  // namespace fyr::ui
