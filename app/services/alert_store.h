// The alerts' history in the installation's store: an AlertSink that writes
// every opened, escalated, acknowledged and resolved alert to the `alerts`
// table, so that alerts survive a restart and an operator can see what fired,
// how bad it got, who acknowledged it and when it cleared.
//
//   auto alerts = std::make_shared<fyr::app::AlertStore>(session.store());  // closes stale open rows
//   hub.setAlertStore(alerts);                       // a sink of the hub's AlertManager
//   connect(alerts.get(), &AlertStore::recorded, page, &Page::reloadHistory);  // queued
//   // off the GUI thread:
//   alerts->flush();                                 // every event so far is on disk
//   std::vector<fyr::app::StoredAlert> last = alerts->latest(100);
//
// notify() only queues a write on the store's writer thread (never waits for
// it), so the sampler's thread is not held up by the disk. Each write stores
// the alert's whole state as of the event (an upsert keyed by this run and the
// manager's alert id), so a lost or late event is made good by the next one.
//
// At construction, alerts still open from an earlier run (the console was
// stopped or killed while they were open) are closed as of `startup_ms` with
// the note "closed at restart" in their details; the alert manager opens them
// again if their condition still holds. A second console on the same database
// would close the first one's open alerts: one console per installation.
//
// Thread-safety: notify(), flush() and the queries may be called from any
// thread; recorded() is emitted on the thread that called notify().
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "telemetry/alert.h"
#include "telemetry/alert_sink.h"

namespace fyr::app {

class Store;

// One row of the alerts table.
struct StoredAlert {
    int64_t id = 0;  // the row
    QString rule;
    QString series;
    QString labels;
    telemetry::Severity severity = telemetry::Severity::Warning;      // as opened
    telemetry::Severity lastSeverity = telemetry::Severity::Warning;  // the highest reached
    QString summary;
    QString runbook;
    int64_t opened_ms = 0;
    std::optional<int64_t> acknowledged_ms;
    QString acknowledgedBy;  // the user's name; empty until acknowledged
    std::optional<int64_t> resolved_ms;
    QJsonObject details;  // Alert::toJson(), "escalations" [{"time_ms", "severity"}], "note"

    bool isOpen() const { return !resolved_ms.has_value(); }
    bool isAcknowledged() const { return acknowledged_ms.has_value(); }
    // Closed by a later start of the console, not by its condition clearing.
    bool closedAtRestart() const;
};

class AlertStore final : public QObject, public telemetry::AlertSink {
    Q_OBJECT
public:
    // details["note"] of an alert closed because the console started again.
    static const QString kClosedAtRestart;

    // Precondition: store outlives this object. startup_ms < 0: now. Queues
    // the closing of alerts left open by an earlier run.
    explicit AlertStore(Store& store, int64_t startup_ms = -1, QObject* parent = nullptr);
    ~AlertStore() override;

    void notify(const telemetry::AlertEvent& event) override;

    // Waits until every event handed in so far is committed; "" or the first
    // write error since the previous flush().
    QString flush();

    // Queries on a read-only connection of the calling thread; on an error
    // *error says why and the list is empty.
    std::vector<StoredAlert> open(QString* error = nullptr) const;               // oldest first
    std::vector<StoredAlert> latest(int limit, QString* error = nullptr) const;  // newest opened first
    // Those open at any time in [from_ms, to_ms), oldest first.
    std::vector<StoredAlert> between(int64_t from_ms, int64_t to_ms, QString* error = nullptr) const;

signals:
    // An event was queued for writing (flush() before reading it back).
    void recorded();

private:
    void track(std::future<QString> write);
    void collect();

    Store& m_store;
    const int64_t m_runId;  // this run, random
    std::mutex m_mutex;
    std::vector<std::future<QString>> m_writes;  // guarded by m_mutex: not yet looked at
    QString m_error;                             // guarded by m_mutex: the first since flush()
};

}  // namespace fyr::app
