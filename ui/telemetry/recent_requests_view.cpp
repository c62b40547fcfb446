#include "telemetry/recent_requests_view.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <variant>

#include "telemetry/trace_store.h"
#include "telemetry/trace_timeline_dialog.h"
#include "telemetry/trace_timeline_model.h"

namespace fyr::ui {
namespace {

namespace attr = app::telemetry::attr;

QString attributeText(const app::telemetry::Span& span, const QString& key) {
    const app::telemetry::AttributeValue* v = span.attribute(key);
    return v ? TraceTimelineModel::attributeText(*v) : QString();
}

// The KV-cache memory the request held at its peak, in MiB; "" where the engine
// did not report it (a request that ended before it ran).
QString kvPeakMib(const app::telemetry::Span& span) {
    const app::telemetry::AttributeValue* v = span.attribute(attr::kKvPeakBytes);
    const int64_t* bytes = v ? std::get_if<int64_t>(v) : nullptr;
    return bytes ? QLocale().toString(static_cast<double>(*bytes) / (1024.0 * 1024.0), 'f', 2) : QString();
}

}  // namespace

RecentRequestsView::RecentRequestsView(const app::telemetry::TraceStore* store, QWidget* parent)
    : QWidget(parent), m_store(store) {
    setObjectName(QStringLiteral("recentRequestsView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("recentRequestsTree"));
    m_tree->setModel(m_model);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setMinimumHeight(160);
    m_tree->header()->setStretchLastSection(true);
    for (int c = 0; c < FinishColumn; ++c) m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("recentRequestsEmptyLabel"));
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);
    auto* buttons = new QHBoxLayout;
    m_showButton = new QPushButton(this);
    m_showButton->setObjectName(QStringLiteral("showTimelineButton"));
    buttons->addWidget(m_showButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_tree, &QTreeView::activated, this, [this] { showCurrentTimeline(); });
    connect(m_showButton, &QPushButton::clicked, this, &RecentRequestsView::showCurrentTimeline);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RecentRequestsView::updateButton);
    retranslate();
    refresh();
}

TraceTimelineDialog* RecentRequestsView::timelineDialog() const {
    return m_dialog;
}

void RecentRequestsView::refresh() {
    const QStringList ids = m_store ? m_store->recentRequestIds(kMaxRows) : QStringList();
    if (ids == m_shown && m_model->rowCount() == ids.size()) {
        m_empty->setVisible(ids.isEmpty());
        updateButton();
        return;
    }
    const QModelIndex current = m_tree->currentIndex();
    const QString currentId =
        current.isValid() ? current.siblingAtColumn(0).data(kRequestIdRole).toString() : QString();

    m_model->removeRows(0, m_model->rowCount());
    m_shown.clear();
    int currentRow = -1;
    for (const QString& id : ids) {
        const auto spans = m_store->find(id);  // gone since recentRequestIds(): left out
        if (!spans || spans->empty()) continue;
        const app::telemetry::Span& root = spans->front();
        QString model = attributeText(root, attr::kGenAiResponseModel);
        if (model.isEmpty()) model = attributeText(root, attr::kGenAiRequestModel);
        const QDateTime started = QDateTime::fromMSecsSinceEpoch(root.start_unix_ns / 1'000'000);
        QList<QStandardItem*> row{
            new QStandardItem(QLocale().toString(started.time(), QStringLiteral("HH:mm:ss"))),
            new QStandardItem(id),
            new QStandardItem(model),
            new QStandardItem(TraceTimelineModel::formatMs(static_cast<double>(root.durationNs()) / 1e6)),
            new QStandardItem(attributeText(root, attr::kGenAiUsageInputTokens)),
            new QStandardItem(attributeText(root, attr::kGenAiUsageOutputTokens)),
            new QStandardItem(root.status == app::telemetry::SpanStatus::Error
                                  ? tr("error: %1").arg(root.status_message)
                                  : attributeText(root, attr::kGenAiResponseFinishReasons)),
            new QStandardItem(kvPeakMib(root))};
        row[0]->setData(id, kRequestIdRole);
        row[0]->setToolTip(QLocale().toString(started, QLocale::LongFormat));
        for (int c : {DurationColumn, InputColumn, OutputColumn, KvPeakColumn})
            row[c]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (id == currentId) currentRow = m_model->rowCount();
        m_model->appendRow(row);
        m_shown << id;
    }
    if (currentRow >= 0) m_tree->setCurrentIndex(m_model->index(currentRow, 0));
    m_empty->setVisible(m_model->rowCount() == 0);
    updateButton();
}

bool RecentRequestsView::showCurrentTimeline() {
    const QModelIndex current = m_tree->currentIndex();
    if (!m_store || !current.isValid()) return false;
    if (!m_dialog) m_dialog = new TraceTimelineDialog(this);
    m_dialog->showRequest(*m_store, current.siblingAtColumn(0).data(kRequestIdRole).toString());
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return true;
}

void RecentRequestsView::updateButton() {
    m_showButton->setEnabled(m_tree->currentIndex().isValid());
}

void RecentRequestsView::retranslate() {
    m_model->setHorizontalHeaderLabels({tr("Started"), tr("Request"), tr("Model"), tr("Duration (ms)"), tr("Tokens in"),
                                        tr("Tokens out"), tr("Finish"), tr("KV peak (MiB)")});
    m_tree->setAccessibleName(tr("Recent requests"));
    m_empty->setText(tr("No requests yet. Each answer from the Chat page appears here with its timeline."));
    m_showButton->setText(tr("Show timeline"));
    m_showButton->setToolTip(tr("Show the selected request's spans on a time axis (Enter)"));
    m_shown.clear();  // the next refresh writes the rows again, in the new language
    refresh();
}

void RecentRequestsView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) retranslate();
}

}  // namespace fyr::ui
