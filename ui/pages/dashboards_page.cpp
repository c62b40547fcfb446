#include "pages/dashboards_page.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTimer>
#include <QTreeView>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

#include "services/alert_acknowledgement.h"
#include "services/app_session.h"
#include "store/permissions.h"
#include "telemetry/recent_requests_view.h"
#include "telemetry/series_key.h"

namespace fyr::ui {
namespace {

using app::telemetry::Alert;
using app::telemetry::Severity;

// Rewrites a cell only when its text changed, so selection, scroll position and
// a screen reader's place survive the once-a-second redraw.
void setTextIfChanged(QStandardItem* item, const QString& text) {
    if (item->text() != text) item->setText(text);
}

constexpr int kRefreshMs = 1000;  // at most one redraw a second
constexpr int kIdRole = Qt::UserRole;
constexpr int kRunbookRole = Qt::UserRole + 1;
constexpr int kAcknowledgedRole = Qt::UserRole + 2;

// The history's columns.
enum HistoryColumn {
    HistoryRule,
    HistorySeverity,
    HistoryOpened,
    HistoryResolved,
    HistoryAcknowledged,
    HistoryColumns
};

const QString kGpuSeries = QStringLiteral("fyr:gpu_utilization_ratio");
const QString kTokensSeries = QStringLiteral("fyr:generation_tokens_total");
const QString kTtftSeries = QStringLiteral("fyr:time_to_first_token_seconds_mean");

// "backend=nvml gpu=0" → "nvml 0": a line's name from its series' labels.
QString lineName(const QString& labels, const QStringList& wanted) {
    const auto pairs = app::telemetry::SeriesKey::parseLabels(labels);
    if (!pairs) return labels;
    QStringList parts;
    for (const QString& w : wanted)
        for (const auto& [name, value] : *pairs)
            if (name == w) parts << value;
    return parts.isEmpty() ? labels : parts.join(QLatin1Char(' '));
}

QLineSeries* lineNamed(QChart* chart, const QString& name) {
    for (QAbstractSeries* s : chart->series())
        if (s->name() == name) return qobject_cast<QLineSeries*>(s);
    return nullptr;
}

QChartView* makeChart(const QString& objectName, QWidget* parent) {
    auto* chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto* x = new QDateTimeAxis(chart);
    auto* y = new QValueAxis(chart);
    y->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    auto* view = new QChartView(chart, parent);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    view->setFocusPolicy(Qt::NoFocus);
    return view;
}

}  // namespace

DashboardsPage::DashboardsPage(app::TelemetryHub* hub, QWidget* parent)
    : Page(QStringLiteral("dashboardsPage"), parent), m_hub(hub) {
    QVBoxLayout* layout = pageLayout();
    layout->removeWidget(emptyStateWidget());
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("dashboardsStack"));
    m_stack->addWidget(emptyStateWidget());
    layout->addWidget(m_stack, 1);

    auto* scroll = new QScrollArea(m_stack);
    scroll->setObjectName(QStringLiteral("dashboardsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_content = new QWidget(scroll);
    m_content->setObjectName(QStringLiteral("dashboardsContent"));
    auto* content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    scroll->setWidget(m_content);
    m_stack->addWidget(scroll);

    // Devices: a tile per GPU and one for the host, then why any probe is missing.
    m_devicesBox = new QGroupBox(m_content);
    m_devicesBox->setObjectName(QStringLiteral("devicesBox"));
    auto* devices = new QVBoxLayout(m_devicesBox);
    m_tiles = new QGridLayout;
    devices->addLayout(m_tiles);
    m_unavailable = new QLabel(m_devicesBox);
    m_unavailable->setObjectName(QStringLiteral("unavailableLabel"));
    m_unavailable->setWordWrap(true);
    m_unavailable->setTextInteractionFlags(Qt::TextSelectableByMouse);
    devices->addWidget(m_unavailable);
    content->addWidget(m_devicesBox);

    // The engine's figures.
    m_engineBox = new QGroupBox(m_content);
    m_engineBox->setObjectName(QStringLiteral("engineBox"));
    auto* engine = new QVBoxLayout(m_engineBox);
    m_engineFigures = new QLabel(m_engineBox);
    m_engineFigures->setObjectName(QStringLiteral("engineFigures"));
    m_engineFigures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    engine->addWidget(m_engineFigures);
    content->addWidget(m_engineBox);

    // Charts over the chosen window.
    m_chartsBox = new QGroupBox(m_content);
    m_chartsBox->setObjectName(QStringLiteral("chartsBox"));
    auto* charts = new QVBoxLayout(m_chartsBox);
    auto* windowRow = new QHBoxLayout;
    m_windowLabel = new QLabel(m_chartsBox);
    m_window = new QComboBox(m_chartsBox);
    m_window->setObjectName(QStringLiteral("chartWindowCombo"));
    m_window->addItem(QString(), 5 * 60);
    m_window->addItem(QString(), 60 * 60);
    m_windowLabel->setBuddy(m_window);
    windowRow->addWidget(m_windowLabel);
    windowRow->addWidget(m_window);
    windowRow->addStretch(1);
    charts->addLayout(windowRow);
    auto* chartRow = new QHBoxLayout;
    m_gpuChart = makeChart(QStringLiteral("gpuChart"), m_chartsBox);
    m_tokensChart = makeChart(QStringLiteral("tokensChart"), m_chartsBox);
    m_ttftChart = makeChart(QStringLiteral("ttftChart"), m_chartsBox);
    chartRow->addWidget(m_gpuChart);
    chartRow->addWidget(m_tokensChart);
    chartRow->addWidget(m_ttftChart);
    charts->addLayout(chartRow);
    content->addWidget(m_chartsBox);

    // Open alerts, the selected one's runbook, and acknowledging it.
    m_alertsBox = new QGroupBox(m_content);
    m_alertsBox->setObjectName(QStringLiteral("alertsBox"));
    auto* alerts = new QVBoxLayout(m_alertsBox);
    m_alertModel = new QStandardItemModel(0, 5, this);
    m_alertModel->setObjectName(QStringLiteral("alertModel"));
    m_alertView = new QTreeView(m_alertsBox);
    m_alertView->setObjectName(QStringLiteral("alertView"));
    m_alertView->setModel(m_alertModel);
    m_alertView->setRootIsDecorated(false);
    m_alertView->setUniformRowHeights(true);
    m_alertView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_alertView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_alertView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_alertView->setMinimumHeight(120);
    m_alertView->header()->setStretchLastSection(true);  // the summary
    for (int c = 0; c < 4; ++c) m_alertView->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    alerts->addWidget(m_alertView);
    auto* runbookRow = new QHBoxLayout;
    m_runbook = new QLabel(m_alertsBox);
    m_runbook->setObjectName(QStringLiteral("runbookLabel"));
    m_runbook->setWordWrap(true);
    m_runbook->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ackButton = new QPushButton(m_alertsBox);
    m_ackButton->setObjectName(QStringLiteral("acknowledgeButton"));
    runbookRow->addWidget(m_runbook, 1);
    runbookRow->addWidget(m_ackButton, 0, Qt::AlignTop);
    alerts->addLayout(runbookRow);
    m_ackStatus = new QLabel(m_alertsBox);
    m_ackStatus->setObjectName(QStringLiteral("acknowledgeStatus"));
    m_ackStatus->setWordWrap(true);
    m_ackStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ackStatus->hide();
    alerts->addWidget(m_ackStatus);
    content->addWidget(m_alertsBox);

    // The alerts' history from the store: the latest, whether open or long resolved.
    m_historyBox = new QGroupBox(m_content);
    m_historyBox->setObjectName(QStringLiteral("alertHistoryBox"));
    auto* history = new QVBoxLayout(m_historyBox);
    m_historyModel = new QStandardItemModel(0, HistoryColumns, this);
    m_historyModel->setObjectName(QStringLiteral("alertHistoryModel"));
    m_historyView = new QTreeView(m_historyBox);
    m_historyView->setObjectName(QStringLiteral("alertHistoryView"));
    m_historyView->setModel(m_historyModel);
    m_historyView->setRootIsDecorated(false);
    m_historyView->setUniformRowHeights(true);
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setMinimumHeight(160);
    m_historyView->header()->setStretchLastSection(true);
    for (int c = 0; c < HistoryAcknowledged; ++c)
        m_historyView->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    history->addWidget(m_historyView);
    m_historyStatus = new QLabel(m_historyBox);
    m_historyStatus->setObjectName(QStringLiteral("alertHistoryStatus"));
    m_historyStatus->setWordWrap(true);
    m_historyStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    history->addWidget(m_historyStatus);
    m_historyBox->setVisible(m_hub && m_hub->alertStore());
    content->addWidget(m_historyBox);

    // The latest requests' traces, each opening its timeline.
    m_requestsBox = new QGroupBox(m_content);
    m_requestsBox->setObjectName(QStringLiteral("recentRequestsBox"));
    auto* requests = new QVBoxLayout(m_requestsBox);
    m_requests = new RecentRequestsView(m_hub ? &m_hub->traces() : nullptr, m_requestsBox);
    requests->addWidget(m_requests);
    m_requestsBox->setVisible(m_hub != nullptr);
    content->addWidget(m_requestsBox);
    content->addStretch(1);

    m_ackAction = new QAction(this);
    m_ackAction->setObjectName(QStringLiteral("acknowledgeAction"));
    m_ackAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_ackAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_ackAction);

    connect(m_ackAction, &QAction::triggered, this, &DashboardsPage::acknowledgeSelected);
    connect(m_ackButton, &QPushButton::clicked, this, &DashboardsPage::acknowledgeSelected);
    connect(m_alertView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DashboardsPage::updateAcknowledge);
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] {
        if (m_hub) startChartQuery();
    });

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    connect(m_refreshTimer, &QTimer::timeout, this, &DashboardsPage::refresh);
    m_chartWatcher = new QFutureWatcher<ChartData>(this);
    connect(m_chartWatcher, &QFutureWatcher<ChartData>::finished, this, [this] {
        showCharts(m_chartWatcher->result());
        if (std::exchange(m_chartQueryPending, false)) startChartQuery();
    });
    m_historyWatcher = new QFutureWatcher<HistoryData>(this);
    connect(m_historyWatcher, &QFutureWatcher<HistoryData>::finished, this, [this] {
        showHistory(m_historyWatcher->result());
        if (std::exchange(m_historyQueryPending, false)) startHistoryQuery();
    });

    if (m_hub) {
        // Emitted on the telemetry thread; `this` as the context makes them queued.
        connect(m_hub, &app::TelemetryHub::sampled, this, [this](const app::TelemetryHubSample& s) {
            m_sample = s;
            scheduleRefresh();
        });
        connect(m_hub, &app::TelemetryHub::alertChanged, this, &DashboardsPage::scheduleRefresh);
        // Once the change is queued for the store (not before, or the read could miss it).
        if (app::AlertStore* store = m_hub->alertStore())
            connect(store, &app::AlertStore::recorded, this, &DashboardsPage::startHistoryQuery);
        const app::TelemetryHubSample latest = m_hub->latest();
        if (latest.probes.sequence > 0) m_sample = latest;
    }

    finishSetup();
    if (m_hub) refresh();
    updateAcknowledge();
    startHistoryQuery();
}

// A chart or history query still running reads the hub: let it finish first.
DashboardsPage::~DashboardsPage() {
    m_chartWatcher->waitForFinished();
    m_historyWatcher->waitForFinished();
}

void DashboardsPage::setSession(app::AppSession* session) {
    m_session = session;
    m_ackStatus->clear();
    m_ackStatus->hide();
    updateAcknowledge();
}

QString DashboardsPage::title() const { return tr("Dashboards"); }

void DashboardsPage::retranslate() {
    if (!m_hub)
        setEmptyState(tr("Telemetry is off"),
                      tr("This window was started without its telemetry service, so there are no GPU, host or engine "
                         "figures to show and no alerts to raise."));
    else
        setEmptyState(tr("Waiting for the first reading"),
                      tr("The dashboards show each GPU, the host and the engine as soon as the probes have taken their "
                         "first reading, which happens within a second or two of starting."));
    m_devicesBox->setTitle(tr("Devices"));
    m_engineBox->setTitle(tr("Engine"));
    m_chartsBox->setTitle(tr("Charts"));
    m_alertsBox->setTitle(tr("Alerts"));
    m_windowLabel->setText(tr("&Window:"));
    m_window->setItemText(0, tr("Last 5 minutes"));
    m_window->setItemText(1, tr("Last hour"));
    m_window->setAccessibleName(tr("Chart window"));
    m_gpuChart->chart()->setTitle(tr("GPU utilization (%)"));
    m_gpuChart->setAccessibleName(tr("GPU utilization chart"));
    m_tokensChart->chart()->setTitle(tr("Generated tokens per second"));
    m_tokensChart->setAccessibleName(tr("Tokens per second chart"));
    m_ttftChart->chart()->setTitle(tr("Mean time to first token (s)"));
    m_ttftChart->setAccessibleName(tr("Time to first token chart"));
    m_alertModel->setHorizontalHeaderLabels(
        {tr("Severity"), tr("Rule"), tr("Since"), tr("Acknowledged by"), tr("Summary")});
    m_alertView->setAccessibleName(tr("Open alerts"));
    m_runbook->setAccessibleName(tr("Runbook"));
    m_ackButton->setText(tr("&Acknowledge"));
    m_ackButton->setToolTip(tr("Acknowledge the selected alert (%1)")
                                .arg(m_ackAction->shortcut().toString(QKeySequence::NativeText)));
    m_ackAction->setText(tr("Acknowledge alert"));
    m_engineFigures->setAccessibleName(tr("Engine figures"));
    m_unavailable->setAccessibleName(tr("Probes not available"));
    m_historyBox->setTitle(tr("Alert history"));
    m_requestsBox->setTitle(tr("Recent requests"));
    m_historyModel->setHorizontalHeaderLabels(
        {tr("Rule"), tr("Severity"), tr("Opened"), tr("Resolved"), tr("Acknowledged")});
    m_historyView->setAccessibleName(tr("Alert history"));
    if (m_hub) {
        if (m_sample) showSample(*m_sample);
        showAlerts();
    }
    if (m_history) showHistory(*m_history);
}

QString DashboardsPage::severityText(Severity severity) const {
    switch (severity) {
    case Severity::Critical: return tr("Critical");
    case Severity::Warning: return tr("Warning");
    case Severity::Info: return tr("Info");
    }
    return {};
}

void DashboardsPage::showEvent(QShowEvent* event) {
    Page::showEvent(event);
    // Charts and the recent requests are not refreshed while hidden; catch up now.
    if (m_hub) {
        m_requests->refresh();
        startChartQuery();
    }
}

DashboardsPage::Window DashboardsPage::chartWindow() const {
    return m_window->currentIndex() == 1 ? Window::OneHour : Window::FiveMinutes;
}

void DashboardsPage::setChartWindow(Window window) {
    m_window->setCurrentIndex(window == Window::OneHour ? 1 : 0);
}

void DashboardsPage::scheduleRefresh() {
    if (m_refreshTimer->isActive()) return;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : kRefreshMs;
    m_refreshTimer->start(int(std::clamp<qint64>(kRefreshMs - since, 0, kRefreshMs)));
}

void DashboardsPage::refresh() {
    if (!m_hub) return;
    m_refreshTimer->stop();
    m_sinceRefresh.restart();
    if (m_sample) showSample(*m_sample);
    showAlerts();
    if (isVisible()) {
        m_requests->refresh();
        startChartQuery();
    }
}

QLabel* DashboardsPage::tileLabel(int index) {
    while (m_tileLabels.size() <= index) {
        auto* tile = new QLabel(m_devicesBox);
        tile->setFrameShape(QFrame::StyledPanel);
        tile->setMargin(8);
        tile->setMinimumWidth(220);
        tile->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        tile->setTextInteractionFlags(Qt::TextSelectableByMouse);
        const int n = int(m_tileLabels.size());
        m_tiles->addWidget(tile, n / 3, n % 3);
        m_tileLabels.append(tile);
    }
    return m_tileLabels[index];
}

void DashboardsPage::showSample(const app::TelemetryHubSample& sample) {
    m_stack->setCurrentIndex(1);
    const QLocale locale;
    const QString none = tr("not reported");
    auto bytes = [&](const std::optional<uint64_t>& b) {
        return b ? locale.formattedDataSize(qint64(*b), 1) : none;
    };
    auto percent = [&](const std::optional<double>& v) {
        return v ? tr("%1 %").arg(locale.toString(*v, 'f', 0)) : none;
    };
    auto watts = [&](const std::optional<double>& v) { return v ? tr("%1 W").arg(locale.toString(*v, 'f', 0)) : none; };

    int tile = 0;
    for (const app::telemetry::GpuSample& g : sample.probes.gpus) {
        QLabel* label = tileLabel(tile);
        label->setObjectName(QStringLiteral("gpuTile%1").arg(tile));
        const QString name = g.name.isEmpty() ? tr("GPU %1 (%2)").arg(g.index).arg(g.backend) : g.name;
        QStringList lines{name};
        if (g.lost) {
            lines << tr("Not answering: %1").arg(g.errors.join(QStringLiteral("; ")));
        } else {
            lines << tr("Utilization: %1")
                         .arg(percent(g.gpuUtilPct ? std::optional<double>(*g.gpuUtilPct) : std::nullopt));
            lines << (g.memoryUsedBytes || g.memoryTotalBytes
                          ? tr("Memory: %1 of %2").arg(bytes(g.memoryUsedBytes), bytes(g.memoryTotalBytes))
                          : tr("Memory: %1").arg(none));
            lines << tr("Temperature: %1")
                         .arg(g.temperatureC ? tr("%1 °C").arg(locale.toString(*g.temperatureC, 'f', 0)) : none);
            lines << (g.powerW || g.powerLimitW ? tr("Power: %1 of %2").arg(watts(g.powerW), watts(g.powerLimitW))
                                                : tr("Power: %1").arg(none));
            const auto perToken = sample.energyPerToken_J.find({g.backend, g.index});
            if (perToken != sample.energyPerToken_J.end())
                lines << tr("Energy per token: %1 J").arg(locale.toString(perToken->second, 'g', 3));
            for (const QString& e : g.errors) lines << e;
        }
        label->setText(lines.join(QLatin1Char('\n')));
        label->setAccessibleName(name);
        label->setAccessibleDescription(label->text());
        label->show();
        ++tile;
    }
    QLabel* host = tileLabel(tile);
    host->setObjectName(QStringLiteral("systemTile"));
    QStringList hostLines{tr("This computer")};
    if (sample.probes.system) {
        const app::telemetry::SystemSample& s = *sample.probes.system;
        hostLines << tr("CPU: %1").arg(percent(s.cpuUtilPct));
        std::optional<uint64_t> used;
        if (s.ramTotalBytes && s.ramAvailableBytes) used = *s.ramTotalBytes - std::min(*s.ramTotalBytes, *s.ramAvailableBytes);
        hostLines << (s.ramTotalBytes ? tr("Memory: %1 of %2").arg(bytes(used), bytes(s.ramTotalBytes))
                                      : tr("Memory: %1").arg(none));
        if (s.processRssBytes)
            hostLines << tr("Fyr: %1 in %n thread(s)", nullptr, int(s.processThreads.value_or(0)))
                             .arg(bytes(s.processRssBytes));
    } else {
        hostLines << none;
    }
    host->setText(hostLines.join(QLatin1Char('\n')));
    host->setAccessibleName(hostLines.front());
    host->setAccessibleDescription(host->text());
    host->show();
    for (int i = tile + 1; i < m_tileLabels.size(); ++i) m_tileLabels[i]->hide();

    QStringList missing;
    for (const QString& reason : sample.probes.unavailable) missing << tr("Not available: %1").arg(reason);
    for (const QString& error : m_hub->configErrors()) missing << tr("Alert rules not loaded: %1").arg(error);
    m_unavailable->setText(missing.join(QLatin1Char('\n')));
    m_unavailable->setVisible(!missing.isEmpty());

    const app::EngineFigures& e = sample.engine;
    QStringList engine;
    engine << tr("Requests running: %1, waiting: %2")
                  .arg(locale.toString(e.requestsRunning, 'f', 0), locale.toString(e.requestsWaiting, 'f', 0));
    engine << (e.kvCacheUsage ? tr("KV cache in use: %1 %").arg(locale.toString(*e.kvCacheUsage * 100.0, 'f', 1))
                              : tr("KV cache in use: no model loaded"));
    engine << tr("Generated tokens per second: %1").arg(locale.toString(e.tokensPerSecond, 'f', 1));
    // Beside the GPUs' utilization, which reads near 100 % whenever a kernel runs:
    // how much of the memory bandwidth the weights' reads actually use.
    if (e.bandwidthBytesPerSecond) {
        const QString rate = tr("%1/s").arg(locale.formattedDataSize(qint64(*e.bandwidthBytesPerSecond), 1,
                                                                      QLocale::DataSizeSIFormat));
        engine << (e.bandwidthRatio ? tr("Memory bandwidth achieved: %1 (%2 % of the peak)")
                                          .arg(rate, locale.toString(*e.bandwidthRatio * 100.0, 'f', 0))
                                    : tr("Memory bandwidth achieved: %1").arg(rate));
    }
    engine << (e.ttftP95_s ? tr("Time to first token, p95 over 5 min: %1 s (%n answer(s))", nullptr, int(e.answers5m))
                                 .arg(locale.toString(*e.ttftP95_s, 'f', 2))
                           : tr("Time to first token, p95 over 5 min: no answers"));
    m_engineFigures->setText(engine.join(QLatin1Char('\n')));
    m_engineFigures->setAccessibleDescription(m_engineFigures->text());
}

// Updated in place, row by row, so that the selection, the scroll position and
// a screen reader's place survive the once-a-second redraw: resolved alerts'
// rows go, changed cells are rewritten, new alerts are appended (ids increase).
void DashboardsPage::showAlerts() {
    const std::vector<Alert> active = m_hub->alerts().active();
    const QLocale locale;
    std::map<uint64_t, const Alert*> byId;
    for (const Alert& a : active) byId[a.id] = &a;
    for (int r = m_alertModel->rowCount() - 1; r >= 0; --r)
        if (!byId.count(m_alertModel->item(r, 0)->data(kIdRole).value<quint64>())) m_alertModel->removeRow(r);

    const bool wasEmpty = m_alertModel->rowCount() == 0;
    for (const Alert& a : active) {
        int row = -1;
        for (int r = 0; r < m_alertModel->rowCount() && row < 0; ++r)
            if (m_alertModel->item(r, 0)->data(kIdRole).value<quint64>() == a.id) row = r;
        if (row < 0) {
            QList<QStandardItem*> items;
            for (int c = 0; c < m_alertModel->columnCount(); ++c) items << new QStandardItem;
            items[0]->setData(QVariant::fromValue<quint64>(a.id), kIdRole);
            m_alertModel->appendRow(items);
            row = m_alertModel->rowCount() - 1;
        }
        QStandardItem* first = m_alertModel->item(row, 0);
        setTextIfChanged(first, severityText(a.severity));
        setTextIfChanged(m_alertModel->item(row, 1), a.rule);
        setTextIfChanged(m_alertModel->item(row, 2),
                         locale.toString(QDateTime::fromSecsSinceEpoch(a.start_s), QLocale::ShortFormat));
        setTextIfChanged(m_alertModel->item(row, 3), a.acknowledged_by);
        setTextIfChanged(m_alertModel->item(row, 4), a.summary);
        m_alertModel->item(row, 4)->setToolTip(a.summary);
        if (first->data(kRunbookRole).toString() != a.runbook) first->setData(a.runbook, kRunbookRole);
        if (first->data(kAcknowledgedRole).toBool() != a.isAcknowledged())
            first->setData(a.isAcknowledged(), kAcknowledgedRole);
    }
    // The first alert to appear is selected, so that Ctrl+K has something to act on.
    if (wasEmpty && m_alertModel->rowCount() > 0 && !m_alertView->selectionModel()->currentIndex().isValid())
        m_alertView->selectionModel()->setCurrentIndex(m_alertModel->index(0, 0),
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateAcknowledge();
}

std::optional<uint64_t> DashboardsPage::selectedAlert() const {
    const QModelIndex current = m_alertView->selectionModel()->currentIndex();
    if (!current.isValid()) return std::nullopt;
    return m_alertModel->index(current.row(), 0).data(kIdRole).value<quint64>();
}

void DashboardsPage::updateAcknowledge() {
    const QModelIndex current = m_alertView->selectionModel()->currentIndex();
    const QModelIndex first = current.isValid() ? m_alertModel->index(current.row(), 0) : QModelIndex();
    const bool open = first.isValid() && !first.data(kAcknowledgedRole).toBool();
    // As the Security page does: no button for what the role may not do.
    const bool may = !m_session || m_session->may(app::Permission::DashboardsView);
    m_ackButton->setEnabled(m_hub && open && may);
    m_ackAction->setEnabled(m_hub && open && may);
    if (!m_hub)
        m_runbook->setText(QString());
    else if (!first.isValid())
        m_runbook->setText(m_alertModel->rowCount() ? QString() : tr("No open alerts."));
    else
        m_runbook->setText(tr("Runbook: %1").arg(first.data(kRunbookRole).toString()));
}

void DashboardsPage::acknowledgeSelected() {
    const std::optional<uint64_t> id = selectedAlert();
    if (!m_hub || !id) return;
    if (m_session) {
        const QString error = app::acknowledgeAlert(*m_hub, *m_session, *id);
        m_ackStatus->setText(error);
        m_ackStatus->setVisible(!error.isEmpty());
    } else {
        // A window without a signed-in session (tests, tools): the account's name, not audited.
        QString by = qEnvironmentVariable("USER");
        if (by.isEmpty()) by = QStringLiteral("console");
        m_hub->acknowledge(*id, by);
    }
    showAlerts();  // at once: the operator's own action
}

void DashboardsPage::startHistoryQuery() {
    app::AlertStore* store = m_hub ? m_hub->alertStore() : nullptr;
    if (!store) return;
    if (m_historyWatcher->isRunning()) {
        m_historyQueryPending = true;
        return;
    }
    m_historyWatcher->setFuture(QtConcurrent::run([store] {
        HistoryData d;
        // What was just recorded, on disk and readable.
        if (const QString e = store->flush(); !e.isEmpty()) d.error = tr("An alert could not be recorded: %1").arg(e);
        QString error;
        d.alerts = store->latest(kHistoryLimit, &error);
        if (!error.isEmpty()) d.error = tr("The alert history could not be read: %1").arg(error);
        return d;
    }));
}

// Updated in place like the open alerts: rows of alerts no longer among the
// latest go, new ones are inserted where they belong (newest opened first).
void DashboardsPage::showHistory(const HistoryData& history) {
    m_history = history;
    const QLocale locale;
    auto time = [&](int64_t ms) { return locale.toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat); };
    std::map<qint64, const app::StoredAlert*> byId;
    for (const app::StoredAlert& a : history.alerts) byId[a.id] = &a;
    for (int r = m_historyModel->rowCount() - 1; r >= 0; --r)
        if (!byId.count(m_historyModel->item(r, 0)->data(kIdRole).toLongLong())) m_historyModel->removeRow(r);
    for (int row = 0; row < int(history.alerts.size()); ++row) {
        const app::StoredAlert& a = history.alerts[size_t(row)];
        if (row >= m_historyModel->rowCount() || m_historyModel->item(row, 0)->data(kIdRole).toLongLong() != a.id) {
            QList<QStandardItem*> items;
            for (int c = 0; c < HistoryColumns; ++c) items << new QStandardItem;
            items[0]->setData(QVariant::fromValue<qint64>(a.id), kIdRole);
            m_historyModel->insertRow(row, items);
        }
        const QString series =
            a.labels.isEmpty() ? a.series : a.series + QLatin1Char('{') + a.labels + QLatin1Char('}');
        QStandardItem* rule = m_historyModel->item(row, HistoryRule);
        setTextIfChanged(rule, a.rule);
        const QString tip = series.isEmpty() ? a.summary : series + QLatin1Char('\n') + a.summary;
        if (rule->toolTip() != tip) rule->setToolTip(tip);
        setTextIfChanged(m_historyModel->item(row, HistorySeverity),
                         a.lastSeverity == a.severity
                             ? severityText(a.lastSeverity)
                             : tr("%1 (opened as %2)").arg(severityText(a.lastSeverity), severityText(a.severity)));
        setTextIfChanged(m_historyModel->item(row, HistoryOpened), time(a.opened_ms));
        QString resolved = tr("open");
        if (a.resolved_ms)
            resolved =
                a.closedAtRestart() ? tr("%1, closed at restart").arg(time(*a.resolved_ms)) : time(*a.resolved_ms);
        setTextIfChanged(m_historyModel->item(row, HistoryResolved), resolved);
        setTextIfChanged(
            m_historyModel->item(row, HistoryAcknowledged),
            a.isAcknowledged() ? tr("%1 at %2").arg(a.acknowledgedBy, time(*a.acknowledged_ms)) : QString());
    }
    if (!history.error.isEmpty())
        m_historyStatus->setText(history.error);
    else if (history.alerts.empty())
        m_historyStatus->setText(tr("No alerts so far."));
    else
        m_historyStatus->setText(tr("The latest %n alert(s), newest first.", nullptr, int(history.alerts.size())));
}

void DashboardsPage::startChartQuery() {
    if (!m_hub || m_hub->nowSeconds() == 0) return;
    if (m_chartWatcher->isRunning()) {
        m_chartQueryPending = true;
        return;
    }
    const int64_t window_s = m_window->currentData().toLongLong();
    m_chartWatcher->setFuture(QtConcurrent::run(&DashboardsPage::queryCharts, m_hub, m_hub->nowSeconds(), window_s));
}

DashboardsPage::ChartData DashboardsPage::queryCharts(const app::TelemetryHub* hub, int64_t now_s, int64_t window_s) {
    ChartData d;
    d.to_s = now_s + 1;
    d.from_s = d.to_s - window_s;
    auto toLines = [&](const QString& series, const QStringList& labels, double scale) {
        std::vector<ChartLine> lines;
        for (const app::telemetry::SeriesRange& r : hub->range(series, d.from_s, d.to_s)) {
            ChartLine line{lineName(r.key.labels, labels), {}};
            line.points.reserve(qsizetype(r.points.size()));
            for (const auto& p : r.points) line.points.append(QPointF(double(p.time_s) * 1000.0, p.mean * scale));
            lines.push_back(std::move(line));
        }
        return lines;
    };
    d.gpu = toLines(kGpuSeries, {QStringLiteral("backend"), QStringLiteral("gpu")}, 100.0);
    d.ttft = toLines(kTtftSeries, {QStringLiteral("model"), QStringLiteral("endpoint")}, 1.0);
    // Tokens per second: every model and user together. The steps are aligned
    // alike for every series of one query, so equal times add up.
    std::map<double, double> total;
    for (const ChartLine& line : toLines(kTokensSeries, {}, 1.0))
        for (const QPointF& p : line.points) total[p.x()] += p.y();
    if (!total.empty()) {
        ChartLine all{QStringLiteral("tokens/s"), {}};
        for (const auto& [x, y] : total) all.points.append(QPointF(x, y));
        d.tokens.push_back(std::move(all));
    }
    return d;
}

void DashboardsPage::showCharts(const ChartData& charts) {
    const bool hour = charts.to_s - charts.from_s > 600;
    auto fill = [&](QChartView* view, const std::vector<ChartLine>& lines, std::optional<double> yMax) {
        QChart* chart = view->chart();
        std::vector<QString> names;
        double highest = 0.0;
        for (const ChartLine& line : lines) {
            names.push_back(line.name);
            QLineSeries* s = lineNamed(chart, line.name);
            if (!s) {
                s = new QLineSeries(chart);
                s->setName(line.name);
                chart->addSeries(s);
                for (QAbstractAxis* axis : chart->axes()) s->attachAxis(axis);
            }
            s->replace(line.points);
            for (const QPointF& p : line.points) highest = std::max(highest, p.y());
        }
        for (QAbstractSeries* s : chart->series())
            if (std::find(names.begin(), names.end(), s->name()) == names.end()) {
                chart->removeSeries(s);
                delete s;
            }
        const auto xs = chart->axes(Qt::Horizontal);
        if (auto* x = xs.isEmpty() ? nullptr : qobject_cast<QDateTimeAxis*>(xs.front())) {
            x->setRange(QDateTime::fromSecsSinceEpoch(charts.from_s), QDateTime::fromSecsSinceEpoch(charts.to_s));
            x->setFormat(hour ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
            x->setTickCount(4);  // room for each label in a third of the page
        }
        const auto ys = chart->axes(Qt::Vertical);
        if (auto* y = ys.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(ys.front())) {
            y->setRange(0.0, yMax.value_or(highest > 0.0 ? highest * 1.1 : 1.0));
            if (!yMax) y->applyNiceNumbers();  // ticks at round values
        }
        chart->legend()->setVisible(lines.size() > 1);
    };
    fill(m_gpuChart, charts.gpu, 100.0);
    fill(m_tokensChart, charts.tokens, std::nullopt);
    fill(m_ttftChart, charts.ttft, std::nullopt);
}

std::map<QString, qsizetype> DashboardsPage::chartPoints(const QString& chartObjectName) const {
    std::map<QString, qsizetype> out;
    const auto* view = findChild<QChartView*>(chartObjectName);
    if (!view) return out;
    for (QAbstractSeries* s : view->chart()->series())
        if (auto* xy = qobject_cast<QXYSeries*>(s)) out[xy->name()] = xy->count();
    return out;
}

}  // namespace fyr::ui
