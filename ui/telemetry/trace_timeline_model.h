// One request's trace as a tree of spans for the timeline view
// (trace_timeline_view.h): the root span at the top, each span under its
// parent, siblings in the order they started.
//
//   fyr::ui::TraceTimelineModel model;
//   if (auto spans = store.find(requestId)) model.setSpans(*spans);
//   const QModelIndex root = model.index(0, 0);
//   model.data(model.index(0, TraceTimelineModel::DurationColumn, root));   // "12.40" (ms)
//   model.data(root, TraceTimelineModel::AttributesRole).toMap();          // {"gen_ai.request.model": ...}
//
// Times are shown in milliseconds from the start of the trace (the root's start,
// or the earliest span's when a span started before its root). A span whose
// parent is not in the trace (the root continuing a caller's trace) is a top-level
// row; a parent cycle in a malformed trace is cut so that every span shows once.
// GUI thread only (a plain QAbstractItemModel).
#pragma once

#include <QAbstractItemModel>
#include <QString>

#include <vector>

#include "telemetry/span.h"

namespace fyr::ui {

class TraceTimelineModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,        // the span's name ("prefill")
        TimelineColumn,    // a bar on the trace's time axis (StartFractionRole, EndFractionRole)
        StartColumn,       // ms after the trace's start
        DurationColumn,    // ms
        StatusColumn,      // "OK", "Error: <message>" or empty (unset)
        AttributesColumn,  // "key=value; ..."
        ColumnCount
    };
    enum Role {
        StartMsRole = Qt::UserRole + 1,  // double: ms after the trace's start
        DurationMsRole,                  // double: ms
        StartFractionRole,               // double in [0, 1]: where the bar starts on the axis
        EndFractionRole,                 // double in [0, 1]: where it ends
        StatusRole,                      // int: telemetry::SpanStatus
        AttributesRole,                  // QVariantMap: attribute key -> value as text
        DepthRole,                       // int: 0 for a top-level span
        SpanIdRole,                      // QString: 16 hex digits
        SpanNameRole,                    // QString: the span's name, in every column
    };

    explicit TraceTimelineModel(QObject* parent = nullptr);

    // Shows these spans (root first, as TraceStore keeps them; any order works).
    void setSpans(std::vector<app::telemetry::Span> spans);
    void clear();

    int spanCount() const { return static_cast<int>(m_nodes.size()); }
    // From the trace's start to its last span's end.
    double totalMs() const;
    // The trace id of the spans shown (empty without spans).
    QString traceId() const;
    // The span a row shows, nullptr for an invalid index.
    const app::telemetry::Span* spanAt(const QModelIndex& index) const;
    // The first row (depth first) whose span has this name, or an invalid index.
    QModelIndex findSpan(const QString& name) const;

    // An attribute's value as text: lists joined with ", ", doubles as written.
    static QString attributeText(const app::telemetry::AttributeValue& value);
    // "12.40", "123.4" (ms), in the UI's locale.
    static QString formatMs(double ms);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        app::telemetry::Span span;
        int parent = -1;  // index in m_nodes, -1: top level
        int row = 0;      // among its parent's children (or the top level)
        int depth = 0;
        std::vector<int> children;
    };
    const Node* node(const QModelIndex& index) const;
    QModelIndex indexOf(int nodeIndex, int column) const;
    QString toolTip(const Node& n) const;
    QString statusText(const app::telemetry::Span& s) const;

    std::vector<Node> m_nodes;
    std::vector<int> m_topLevel;
    int64_t m_originNs = 0;
    int64_t m_endNs = 0;
};

}  // namespace fyr::ui
