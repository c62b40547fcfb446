// The Dashboards page: the live telemetry of this machine at a glance. A tile
// per GPU (utilization, memory, temperature, power) and for CPU and memory,
// with a line for each probe that could not load and why; the engine's figures
// (requests running and waiting, KV cache use, tokens per second, TTFT p95 over
// the last 5 minutes); charts of GPU utilization, tokens per second and mean
// TTFT over the last 5 minutes or hour, read from the hub's ring; the open
// alerts, each with its runbook, which the operator can acknowledge; and, when
// the hub keeps them in the store, the latest alerts' history (opened, resolved
// or still open, acknowledged by whom and when); the latest requests' traces,
// each opening its timeline.
//
//   auto* page = new fyr::ui::DashboardsPage(&hub, stack);   // nullptr: "telemetry is off"
//   page->setSession(&session);   // acknowledging as the signed-in user, audited
//
// Redrawn at most once a second, on the hub's rounds and alert changes; the
// charts' range queries and the history's reads run on worker threads, one at
// a time each. Keys: Ctrl+K acknowledges the selected alert. GUI thread only.
#pragma once

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QPointF>
#include <QVector>

#include <map>
#include <optional>
#include <vector>

#include "pages/page.h"
#include "services/alert_store.h"
#include "services/telemetry_hub.h"

class QAction;
class QChart;
class QChartView;
class QComboBox;
class QGridLayout;
class QGroupBox;
class QLabel;
class QLineSeries;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTimer;
class QTreeView;

namespace fyr::app {
class AppSession;
}

namespace fyr::ui {

class RecentRequestsView;

class DashboardsPage final : public Page {
    Q_OBJECT
public:
    // The windows the charts can show.
    enum class Window { FiveMinutes, OneHour };

    // The alerts' history shows this many, newest first.
    static constexpr int kHistoryLimit = 100;

    explicit DashboardsPage(app::TelemetryHub* hub = nullptr, QWidget* parent = nullptr);
    ~DashboardsPage() override;

    // Who acknowledges: the signed-in user, with dashboards.view, on the audit
    // trail. Without a session the account's name is noted, unaudited.
    void setSession(app::AppSession* session);

    QString title() const override;

    bool hasTelemetry() const { return m_hub != nullptr; }
    Window chartWindow() const;
    void setChartWindow(Window window);
    // The points each chart line holds, by the line's name (for tests).
    std::map<QString, qsizetype> chartPoints(const QString& chartObjectName) const;
    // The selected alert's id, if any.
    std::optional<uint64_t> selectedAlert() const;

public slots:
    // Acknowledges the selected alert (the button and Ctrl+K).
    void acknowledgeSelected();
    // Redraws from the hub now, whatever the last redraw's time.
    void refresh();

protected:
    void retranslate() override;
    void showEvent(QShowEvent* event) override;

private:
    struct ChartLine {
        QString name;
        QVector<QPointF> points;  // x: Unix milliseconds
    };
    struct ChartData {
        int64_t from_s = 0;
        int64_t to_s = 0;
        std::vector<ChartLine> gpu, tokens, ttft;
    };
    struct HistoryData {
        std::vector<app::StoredAlert> alerts;  // newest opened first
        QString error;
    };

    void scheduleRefresh();
    void showSample(const app::TelemetryHubSample& sample);
    void showAlerts();
    void startChartQuery();
    void showCharts(const ChartData& charts);
    void updateAcknowledge();
    void startHistoryQuery();
    void showHistory(const HistoryData& history);
    QString severityText(app::telemetry::Severity severity) const;
    QLabel* tileLabel(int index);
    static ChartData queryCharts(const app::TelemetryHub* hub, int64_t now_s, int64_t window_s);

    app::TelemetryHub* m_hub = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_content = nullptr;

    QGroupBox* m_devicesBox = nullptr;
    QGridLayout* m_tiles = nullptr;
    QList<QLabel*> m_tileLabels;  // GPUs, then the system tile
    QLabel* m_unavailable = nullptr;

    QGroupBox* m_engineBox = nullptr;
    QLabel* m_engineFigures = nullptr;

    QGroupBox* m_chartsBox = nullptr;
    QLabel* m_windowLabel = nullptr;
    QComboBox* m_window = nullptr;
    QChartView* m_gpuChart = nullptr;
    QChartView* m_tokensChart = nullptr;
    QChartView* m_ttftChart = nullptr;
    QFutureWatcher<ChartData>* m_chartWatcher = nullptr;
    bool m_chartQueryPending = false;

    QGroupBox* m_alertsBox = nullptr;
    QStandardItemModel* m_alertModel = nullptr;
    QTreeView* m_alertView = nullptr;
    QLabel* m_runbook = nullptr;
    QPushButton* m_ackButton = nullptr;
    QAction* m_ackAction = nullptr;
    QLabel* m_ackStatus = nullptr;
    app::AppSession* m_session = nullptr;

    QGroupBox* m_historyBox = nullptr;
    QStandardItemModel* m_historyModel = nullptr;
    QTreeView* m_historyView = nullptr;
    QLabel* m_historyStatus = nullptr;
    QFutureWatcher<HistoryData>* m_historyWatcher = nullptr;
    bool m_historyQueryPending = false;
    std::optional<HistoryData> m_history;  // as last read, for retranslation

    QGroupBox* m_requestsBox = nullptr;
    RecentRequestsView* m_requests = nullptr;

    QTimer* m_refreshTimer = nullptr;
    QElapsedTimer m_sinceRefresh;
    std::optional<app::TelemetryHubSample> m_sample;
};

}  // namespace fyr::ui
