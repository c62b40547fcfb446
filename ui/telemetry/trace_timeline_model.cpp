#include "telemetry/trace_timeline_model.h"

#include <QLocale>
#include <QVariantMap>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace fyr::ui {

using app::telemetry::AttributeValue;
using app::telemetry::Span;
using app::telemetry::SpanStatus;

TraceTimelineModel::TraceTimelineModel(QObject* parent) : QAbstractItemModel(parent) {}

void TraceTimelineModel::clear() {
    setSpans({});
}

void TraceTimelineModel::setSpans(std::vector<Span> spans) {
    beginResetModel();
    m_nodes.clear();
    m_topLevel.clear();
    m_originNs = 0;
    m_endNs = 0;

    const int n = static_cast<int>(spans.size());
    m_nodes.resize(spans.size());
    std::unordered_map<std::string, int> byId;
    for (int i = 0; i < n; ++i) {
        m_nodes[i].span = std::move(spans[i]);
        const Span& s = m_nodes[i].span;
        if (s.span_id.isValid()) byId.emplace(s.span_id.hex(), i);  // the first of a duplicated id
    }
    for (int i = 0; i < n; ++i) {
        const Span& s = m_nodes[i].span;
        if (!s.parent_span_id.isValid()) continue;
        const auto it = byId.find(s.parent_span_id.hex());
        if (it != byId.end() && it->second != i) m_nodes[i].parent = it->second;
    }
    // A span that is its own ancestor would never be reached from the top: cut
    // the cycle where it is first met, so that span becomes a top-level row.
    for (int i = 0; i < n; ++i) {
        int k = m_nodes[i].parent;
        for (int steps = 0; k >= 0 && steps <= n; ++steps) {
            if (k == i) {
                m_nodes[i].parent = -1;
                break;
            }
            k = m_nodes[k].parent;
        }
    }
    for (int i = 0; i < n; ++i) {
        Node& node = m_nodes[i];
        for (int k = node.parent; k >= 0; k = m_nodes[k].parent) ++node.depth;
        if (node.parent >= 0)
            m_nodes[node.parent].children.push_back(i);
        else
            m_topLevel.push_back(i);
    }
    auto byStart = [this](int a, int b) { return m_nodes[a].span.start_unix_ns < m_nodes[b].span.start_unix_ns; };
    auto order = [&](std::vector<int>& rows) {
        std::stable_sort(rows.begin(), rows.end(), byStart);
        for (size_t r = 0; r < rows.size(); ++r) m_nodes[rows[r]].row = static_cast<int>(r);
    };
    order(m_topLevel);
    for (Node& node : m_nodes) order(node.children);

    if (!m_nodes.empty()) {
        m_originNs = m_nodes.front().span.start_unix_ns;
        m_endNs = m_nodes.front().span.end_unix_ns;
        for (const Node& node : m_nodes) {
            m_originNs = std::min(m_originNs, node.span.start_unix_ns);
            m_endNs = std::max({m_endNs, node.span.end_unix_ns, node.span.start_unix_ns});
        }
    }
    endResetModel();
}

double TraceTimelineModel::totalMs() const {
    return static_cast<double>(m_endNs - m_originNs) / 1e6;
}

QString TraceTimelineModel::traceId() const {
    return m_nodes.empty() ? QString() : QString::fromStdString(m_nodes.front().span.trace_id.hex());
}

const TraceTimelineModel::Node* TraceTimelineModel::node(const QModelIndex& index) const {
    if (!index.isValid() || index.model() != this) return nullptr;
    const auto i = static_cast<size_t>(index.internalId());
    return i < m_nodes.size() ? &m_nodes[i] : nullptr;
}

const Span* TraceTimelineModel::spanAt(const QModelIndex& index) const {
    const Node* n = node(index);
    return n ? &n->span : nullptr;
}

QModelIndex TraceTimelineModel::indexOf(int nodeIndex, int column) const {
    return createIndex(m_nodes[nodeIndex].row, column, static_cast<quintptr>(nodeIndex));
}

QModelIndex TraceTimelineModel::findSpan(const QString& name) const {
    std::vector<int> pending(m_topLevel.rbegin(), m_topLevel.rend());
    while (!pending.empty()) {
        const int i = pending.back();
        pending.pop_back();
        if (m_nodes[i].span.name == name) return indexOf(i, NameColumn);
        pending.insert(pending.end(), m_nodes[i].children.rbegin(), m_nodes[i].children.rend());
    }
    return {};
}

QModelIndex TraceTimelineModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (!parent.isValid()) {
        if (row >= static_cast<int>(m_topLevel.size())) return {};
        return indexOf(m_topLevel[row], column);
    }
    const Node* p = node(parent);
    if (!p || parent.column() != 0 || row >= static_cast<int>(p->children.size())) return {};
    return indexOf(p->children[row], column);
}

QModelIndex TraceTimelineModel::parent(const QModelIndex& child) const {
    const Node* n = node(child);
    if (!n || n->parent < 0) return {};
    return indexOf(n->parent, 0);
}

int TraceTimelineModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(m_topLevel.size());
    if (parent.column() != 0) return 0;
    const Node* n = node(parent);
    return n ? static_cast<int>(n->children.size()) : 0;
}

int TraceTimelineModel::columnCount(const QModelIndex& parent) const {
    Q_UNUSED(parent)
    return ColumnCount;
}

QString TraceTimelineModel::formatMs(double ms) {
    return QLocale().toString(ms, 'f', ms < 100 ? 2 : 1);
}

QString TraceTimelineModel::attributeText(const AttributeValue& value) {
    if (const auto* s = std::get_if<QString>(&value)) return *s;
    if (const auto* b = std::get_if<bool>(&value)) return *b ? QStringLiteral("true") : QStringLiteral("false");
    if (const auto* i = std::get_if<int64_t>(&value)) return QString::number(*i);
    if (const auto* d = std::get_if<double>(&value)) return QString::number(*d, 'g', 10);
    if (const auto* l = std::get_if<QStringList>(&value)) return l->join(QStringLiteral(", "));
    return {};
}

QString TraceTimelineModel::statusText(const Span& s) const {
    switch (s.status) {
        case SpanStatus::Ok: return tr("OK");
        case SpanStatus::Error: return s.status_message.isEmpty() ? tr("Error") : tr("Error: %1").arg(s.status_message);
        case SpanStatus::Unset: break;
    }
    return {};
}

QString TraceTimelineModel::toolTip(const Node& n) const {
    const Span& s = n.span;
    QStringList lines{s.name, tr("Starts at %1 ms, takes %2 ms")
                                  .arg(formatMs(static_cast<double>(s.start_unix_ns - m_originNs) / 1e6),
                                       formatMs(static_cast<double>(std::max<int64_t>(s.durationNs(), 0)) / 1e6))};
    if (const QString status = statusText(s); !status.isEmpty()) lines << status;
    for (const auto& a : s.attributes) lines << QStringLiteral("%1: %2").arg(a.key, attributeText(a.value));
    return lines.join(QLatin1Char('\n'));
}

QVariant TraceTimelineModel::data(const QModelIndex& index, int role) const {
    const Node* n = node(index);
    if (!n) return {};
    const Span& s = n->span;
    const double startMs = static_cast<double>(s.start_unix_ns - m_originNs) / 1e6;
    const double durationMs = static_cast<double>(std::max<int64_t>(s.durationNs(), 0)) / 1e6;
    const double total = static_cast<double>(m_endNs - m_originNs);
    auto fraction = [&](int64_t t) {
        return total > 0 ? std::clamp(static_cast<double>(t - m_originNs) / total, 0.0, 1.0) : 0.0;
    };

    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case NameColumn: return s.name;
                case TimelineColumn: return QString();  // drawn as a bar by the view
                case StartColumn: return formatMs(startMs);
                case DurationColumn: return formatMs(durationMs);
                case StatusColumn: return statusText(s);
                case AttributesColumn: {
                    QStringList parts;
                    for (const auto& a : s.attributes)
                        parts << QStringLiteral("%1=%2").arg(a.key, attributeText(a.value));
                    return parts.join(QStringLiteral("; "));
                }
                default: return {};
            }
        case Qt::AccessibleTextRole:
            if (index.column() == TimelineColumn)
                return tr("from %1 ms to %2 ms").arg(formatMs(startMs), formatMs(startMs + durationMs));
            return data(index, Qt::DisplayRole);
        case Qt::ToolTipRole: return toolTip(*n);
        case Qt::TextAlignmentRole:
            if (index.column() == StartColumn || index.column() == DurationColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case StartMsRole: return startMs;
        case DurationMsRole: return durationMs;
        case StartFractionRole: return fraction(s.start_unix_ns);
        case EndFractionRole: return fraction(std::max(s.end_unix_ns, s.start_unix_ns));
        case StatusRole: return static_cast<int>(s.status);
        case AttributesRole: {
            QVariantMap map;
            for (const auto& a : s.attributes) map.insert(a.key, attributeText(a.value));
            return map;
        }
        case DepthRole: return n->depth;
        case SpanIdRole: return QString::fromStdString(s.span_id.hex());
        case SpanNameRole: return s.name;
        default: return {};
    }
}

QVariant TraceTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case NameColumn: return tr("Span");
        case TimelineColumn: return tr("Timeline");
        case StartColumn: return tr("Start (ms)");
        case DurationColumn: return tr("Duration (ms)");
        case StatusColumn: return tr("Status");
        case AttributesColumn: return tr("Attributes");
        default: return {};
    }
}

}  // namespace fyr::ui
