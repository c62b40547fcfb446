// The latest requests whose traces the console keeps, newest first, one row
// each (when it started, its id, model, duration, tokens in and out, how it
// ended); Enter, a double-click or "Show timeline" opens the row's timeline
// (trace_timeline_dialog.h).
//
//   auto* recent = new fyr::ui::RecentRequestsView(&hub.traces(), box);
//   recent->refresh();   // on each telemetry round; cheap when nothing changed
//
// Object names for tests: recentRequestsTree, showTimelineButton,
// recentRequestsEmptyLabel. GUI thread only; the store must outlive the view.
#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTreeView;

namespace fyr::app::telemetry {
class TraceStore;
}

namespace fyr::ui {

class TraceTimelineDialog;

class RecentRequestsView final : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxRows = 50;
    enum Column {
        StartedColumn,
        RequestColumn,
        ModelColumn,
        DurationColumn,
        InputColumn,
        OutputColumn,
        FinishColumn,
        KvPeakColumn,  // the most KV-cache memory the request held, MiB
        ColumnCount
    };
    static constexpr int kRequestIdRole = Qt::UserRole + 1;  // on every row's first item

    explicit RecentRequestsView(const app::telemetry::TraceStore* store, QWidget* parent = nullptr);

    // Reads the store again, keeping the current request current.
    void refresh();
    // Opens the timeline of the current row's request; false without a current row.
    bool showCurrentTimeline();

    QStandardItemModel* model() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    TraceTimelineDialog* timelineDialog() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateButton();

    const app::telemetry::TraceStore* m_store = nullptr;
    QStandardItemModel* m_model = nullptr;
    QTreeView* m_tree = nullptr;
    QLabel* m_empty = nullptr;
    QPushButton* m_showButton = nullptr;
    TraceTimelineDialog* m_dialog = nullptr;
    QStringList m_shown;  // the request ids in the rows, to skip a refresh that changes nothing
};

}  // namespace fyr::ui
