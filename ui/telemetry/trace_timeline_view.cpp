#include "telemetry/trace_timeline_view.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "telemetry/trace_timeline_model.h"

namespace fyr::ui {
namespace {

using app::telemetry::SpanStatus;
namespace attr = app::telemetry::attr;

// The bars and the axis ticks leave this much room at either end of the column.
constexpr int kAxisPadding = 8;
constexpr int kPixelsPerTick = 80;

// A 1, 2 or 5 times a power of ten that puts at most `maxTicks` ticks on [0, totalMs].
double tickStep(double totalMs, int maxTicks) {
    if (totalMs <= 0 || maxTicks < 1) return 0;
    const double raw = totalMs / maxTicks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    const double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    return nice * magnitude;
}

const TraceTimelineModel* timelineModel(const QAbstractItemModel* model) {
    return qobject_cast<const TraceTimelineModel*>(model);
}

// x of `ms` on an axis drawn across `area`.
double axisX(const QRect& area, double ms, double totalMs) {
    return area.left() + (totalMs > 0 ? ms / totalMs : 0) * area.width();
}

QColor spanColor(const QString& name, int status) {
    if (status == static_cast<int>(SpanStatus::Error)) return QColor(0xc0, 0x1c, 0x28);
    if (name == QLatin1String("queue")) return QColor(0x9a, 0x99, 0x96);
    if (name.startsWith(QLatin1String("guard."))) return QColor(0xe5, 0xa5, 0x0a);
    if (name == QLatin1String("prefill")) return QColor(0x35, 0x84, 0xe4);
    if (name == QLatin1String("decode")) return QColor(0x2e, 0xc2, 0x7e);
    if (name == QLatin1String("stream")) return QColor(0x91, 0x41, 0xac);
    return QColor(0x62, 0xa0, 0xea);
}

// The Timeline column's header: the time axis, its ticks in milliseconds.
class TimelineHeader final : public QHeaderView {
public:
    explicit TimelineHeader(QWidget* parent) : QHeaderView(Qt::Horizontal, parent) {}

protected:
    void paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const override {
        const TraceTimelineModel* m = timelineModel(model());
        if (logicalIndex != TraceTimelineModel::TimelineColumn || !m || m->spanCount() == 0) {
            QHeaderView::paintSection(painter, rect, logicalIndex);
            return;
        }
        QStyleOptionHeader opt;
        initStyleOption(&opt);
        opt.rect = rect;
        opt.section = logicalIndex;
        style()->drawControl(QStyle::CE_HeaderSection, &opt, painter, this);

        const QRect area = rect.adjusted(kAxisPadding, 0, -kAxisPadding, 0);
        const double total = m->totalMs();
        const double step = tickStep(total, std::max(1, area.width() / kPixelsPerTick));
        if (step <= 0) return;
        painter->save();
        painter->setPen(palette().color(QPalette::ButtonText));
        const QFontMetrics fm(font());
        for (double t = 0; t <= total + step * 1e-9; t += step) {
            const int x = static_cast<int>(std::lround(axisX(area, t, total)));
            painter->drawLine(x, rect.bottom() - 4, x, rect.bottom());
            // As many decimals as the step needs: 0, 50 ms, 100 ms; 0, 0.2 ms, 0.4 ms.
            const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
            const QString label =
                t == 0 ? QStringLiteral("0") : TraceTimelineView::tr("%1 ms").arg(QLocale().toString(t, 'f', decimals));
            const int w = fm.horizontalAdvance(label);
            const int left = std::clamp(x - w / 2, rect.left() + 2, rect.right() - w - 2);
            painter->drawText(QRect(left, rect.top(), w, rect.height() - 4), Qt::AlignCenter, label);
        }
        painter->restore();
    }
};

// A span's bar: from its start to its end on the trace's axis, with the
// axis' ticks as faint lines and its duration beside it where there is room.
class TimelineBarDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        opt.text.clear();
        const QWidget* widget = opt.widget;
        QStyle* style = widget ? widget->style() : nullptr;
        if (style) style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        const TraceTimelineModel* m = timelineModel(index.model());
        if (!m) return;
        const double total = m->totalMs();
        const QRect area = opt.rect.adjusted(kAxisPadding, 3, -kAxisPadding, -3);
        painter->save();
        QColor grid = opt.palette.color(QPalette::Text);
        grid.setAlphaF(0.12f);
        painter->setPen(grid);
        const double step = tickStep(total, std::max(1, area.width() / kPixelsPerTick));
        for (double t = step; step > 0 && t <= total + step * 1e-9; t += step) {
            const int x = static_cast<int>(std::lround(axisX(area, t, total)));
            painter->drawLine(x, opt.rect.top(), x, opt.rect.bottom());
        }

        const double x0 = area.left() + index.data(TraceTimelineModel::StartFractionRole).toDouble() * area.width();
        const double x1 = area.left() + index.data(TraceTimelineModel::EndFractionRole).toDouble() * area.width();
        const QRectF bar(x0, area.top(), std::max(2.0, x1 - x0), area.height());
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(spanColor(index.data(TraceTimelineModel::SpanNameRole).toString(),
                                    index.data(TraceTimelineModel::StatusRole).toInt()));
        painter->drawRoundedRect(bar, 2, 2);
        if (opt.state & QStyle::State_Selected) {
            painter->setPen(QPen(opt.palette.color(QPalette::HighlightedText), 1.5));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(bar, 2, 2);
        }

        const QString label = TraceTimelineView::tr("%1 ms").arg(
            TraceTimelineModel::formatMs(index.data(TraceTimelineModel::DurationMsRole).toDouble()));
        const int w = opt.fontMetrics.horizontalAdvance(label) + 6;
        painter->setPen(
            opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
        if (bar.right() + w <= opt.rect.right())
            painter->drawText(QRectF(bar.right() + 4, opt.rect.top(), w, opt.rect.height()),
                              Qt::AlignLeft | Qt::AlignVCenter, label);
        else if (bar.left() - w >= opt.rect.left())
            painter->drawText(QRectF(bar.left() - w, opt.rect.top(), w - 4, opt.rect.height()),
                              Qt::AlignRight | Qt::AlignVCenter, label);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        s.setWidth(std::max(s.width(), 320));
        return s;
    }
};

}  // namespace

TraceTimelineView::TraceTimelineView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("traceTimelineView"));
    m_model = new TraceTimelineModel(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    auto* content = new QWidget(m_stack);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("traceSummaryLabel"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    contentLayout->addWidget(m_summary);

    auto* splitter = new QSplitter(Qt::Horizontal, content);
    m_tree = new QTreeView(splitter);
    m_tree->setObjectName(QStringLiteral("traceTimelineTree"));
    m_tree->setHeader(new TimelineHeader(m_tree));
    m_tree->setModel(m_model);
    m_tree->setItemDelegateForColumn(TraceTimelineModel::TimelineColumn, new TimelineBarDelegate(m_tree));
    m_tree->setColumnHidden(TraceTimelineModel::AttributesColumn, true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setExpandsOnDoubleClick(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(TraceTimelineModel::TimelineColumn, QHeaderView::Stretch);
    m_tree->header()->setMinimumSectionSize(60);
    m_tree->setColumnWidth(TraceTimelineModel::NameColumn, 140);
    m_tree->setMinimumWidth(420);

    auto* details = new QWidget(splitter);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    m_spanTitle = new QLabel(details);
    m_spanTitle->setObjectName(QStringLiteral("spanTitleLabel"));
    m_spanTitle->setWordWrap(true);
    m_spanTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attributes = new QTableWidget(0, 2, details);
    m_attributes->setObjectName(QStringLiteral("spanAttributesTable"));
    m_attributes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_attributes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_attributes->verticalHeader()->setVisible(false);
    m_attributes->verticalHeader()->setDefaultSectionSize(m_attributes->fontMetrics().height() + 6);
    m_attributes->horizontalHeader()->setStretchLastSection(true);
    m_attributes->setWordWrap(false);
    m_spanTitle->setBuddy(m_attributes);
    detailsLayout->addWidget(m_spanTitle);
    detailsLayout->addWidget(m_attributes, 1);
    splitter->addWidget(m_tree);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    contentLayout->addWidget(splitter, 1);
    m_stack->addWidget(content);

    m_missing = new QLabel(m_stack);
    m_missing->setObjectName(QStringLiteral("traceMissingLabel"));
    m_missing->setAlignment(Qt::AlignCenter);
    m_missing->setWordWrap(true);
    m_missing->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_missing->setFocusPolicy(Qt::StrongFocus);
    m_stack->addWidget(m_missing);

    setFocusProxy(m_tree);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showDetails(current); });
    retranslate();
}

TraceTimelineView::~TraceTimelineView() = default;

void TraceTimelineView::setSpans(std::vector<app::telemetry::Span> spans) {
    m_model->setSpans(std::move(spans));
    m_tree->expandAll();
    for (int c :
         {TraceTimelineModel::StartColumn, TraceTimelineModel::DurationColumn, TraceTimelineModel::StatusColumn})
        m_tree->resizeColumnToContents(c);
    m_stack->setCurrentIndex(0);
    setFocusProxy(m_tree);
    if (m_model->rowCount() > 0)
        m_tree->setCurrentIndex(m_model->index(0, 0));
    else
        showDetails({});
    retranslate();
}

void TraceTimelineView::showMissing(const QString& message) {
    m_model->clear();
    showDetails({});
    m_missing->setText(message);
    m_stack->setCurrentWidget(m_missing);
    setFocusProxy(m_missing);
}

bool TraceTimelineView::isShowingTrace() const {
    return m_stack->currentIndex() == 0;
}

QString TraceTimelineView::missingText() const {
    return isShowingTrace() ? QString() : m_missing->text();
}

bool TraceTimelineView::selectSpan(const QString& name) {
    const QModelIndex index = m_model->findSpan(name);
    if (!index.isValid()) return false;
    m_tree->setCurrentIndex(index);
    return true;
}

QString TraceTimelineView::attributeLabel(const QString& key) {
    struct Known {
        const QString& key;
        const char* label;
    };
    static const Known known[] = {
        {attr::kGenAiOperationName, QT_TR_NOOP("Operation")},
        {attr::kGenAiSystem, QT_TR_NOOP("System")},
        {attr::kGenAiRequestModel, QT_TR_NOOP("Model asked for")},
        {attr::kGenAiResponseModel, QT_TR_NOOP("Model that answered")},
        {attr::kGenAiRequestMaxTokens, QT_TR_NOOP("Max tokens")},
        {attr::kGenAiRequestTemperature, QT_TR_NOOP("Temperature")},
        {attr::kGenAiRequestTopP, QT_TR_NOOP("Top-p")},
        {attr::kGenAiResponseId, QT_TR_NOOP("Response id")},
        {attr::kGenAiResponseFinishReasons, QT_TR_NOOP("Finish reason")},
        {attr::kGenAiUsageInputTokens, QT_TR_NOOP("Tokens in")},
        {attr::kGenAiUsageOutputTokens, QT_TR_NOOP("Tokens out")},
        {attr::kErrorType, QT_TR_NOOP("Error type")},
        {attr::kServerAddress, QT_TR_NOOP("Server address")},
        {attr::kRequestId, QT_TR_NOOP("Request id")},
        {attr::kGuardDirection, QT_TR_NOOP("Guard direction")},
        {attr::kGuardVerdict, QT_TR_NOOP("Guard verdict")},
        {attr::kBatchTokens, QT_TR_NOOP("Batch tokens")},
        {attr::kReusedPrefixTokens, QT_TR_NOOP("Reused prefix tokens")},
        {attr::kKvPeakBytes, QT_TR_NOOP("KV cache peak (bytes)")},
    };
    for (const Known& k : known)
        if (k.key == key) return tr(k.label);
    return key;
}

void TraceTimelineView::showDetails(const QModelIndex& index) {
    const app::telemetry::Span* span = m_model->spanAt(index);
    m_attributes->setRowCount(0);
    if (!span) {
        m_spanTitle->clear();
        return;
    }
    const QModelIndex row = index.siblingAtColumn(TraceTimelineModel::NameColumn);
    QString title =
        tr("%1: starts at %2 ms, takes %3 ms")
            .arg(span->name, TraceTimelineModel::formatMs(row.data(TraceTimelineModel::StartMsRole).toDouble()),
                 TraceTimelineModel::formatMs(row.data(TraceTimelineModel::DurationMsRole).toDouble()));
    const QString status = row.siblingAtColumn(TraceTimelineModel::StatusColumn).data().toString();
    if (!status.isEmpty()) title += QLatin1Char('\n') + status;
    m_spanTitle->setText(title);

    m_attributes->setRowCount(static_cast<int>(span->attributes.size()));
    int r = 0;
    for (const auto& a : span->attributes) {
        auto* key = new QTableWidgetItem(attributeLabel(a.key));
        key->setToolTip(a.key);
        key->setData(Qt::UserRole, a.key);
        const QString text = TraceTimelineModel::attributeText(a.value);
        auto* value = new QTableWidgetItem(text);
        value->setToolTip(text);
        m_attributes->setItem(r, 0, key);
        m_attributes->setItem(r, 1, value);
        ++r;
    }
    m_attributes->resizeColumnToContents(0);
}

void TraceTimelineView::retranslate() {
    m_attributes->setHorizontalHeaderLabels({tr("Attribute"), tr("Value")});
    m_tree->setAccessibleName(tr("Spans of the request"));
    m_attributes->setAccessibleName(tr("Attributes of the selected span"));
    if (m_model->spanCount() == 0) {
        m_summary->clear();
        return;
    }
    QStringList parts;
    const QModelIndex root = m_model->index(0, 0);
    const QString requestId = root.data(TraceTimelineModel::AttributesRole).toMap().value(attr::kRequestId).toString();
    if (!requestId.isEmpty()) parts << tr("Request %1").arg(requestId);
    parts << tr("trace %1").arg(m_model->traceId()) << tr("%n span(s)", nullptr, m_model->spanCount())
          << tr("%1 ms in all").arg(TraceTimelineModel::formatMs(m_model->totalMs()));
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    showDetails(m_tree->currentIndex());
}

void TraceTimelineView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) retranslate();
}

}  // namespace fyr::ui
