// Where alert changes go: AlertManager hands every sink each opened,
// escalated, acknowledged and resolved alert, after its tick, outside its lock.
//
//   manager.addSink(std::make_shared<CallbackAlertSink>([this](const AlertEvent& e) {
//       QMetaObject::invokeMethod(model, [model, e] { model->update(e); }, Qt::QueuedConnection);
//   }));
//
// Sinks: CallbackAlertSink (in process, for the UI: cross into the UI thread as
// a queued call), SyslogAlertSink (syslog(3)), WebhookAlertSink (an HTTP POST
// to a local URL, library fyr_telemetry_webhook, QtNetwork).
//
// Thread-safety: notify() is called on the thread that runs AlertManager::tick()
// or acknowledge(), one call at a time per manager.
#pragma once

#include <functional>
#include <utility>

#include "telemetry/alert.h"

namespace fyr::app::telemetry {

enum class AlertChange { Opened, Escalated, Acknowledged, Resolved };

// "opened", "escalated", "acknowledged", "resolved".
QString alertChangeName(AlertChange c);

struct AlertEvent {
    AlertChange change = AlertChange::Opened;
    Alert alert;  // as it is after the change
};

class AlertSink {
public:
    virtual ~AlertSink() = default;
    virtual void notify(const AlertEvent& event) = 0;
};

class CallbackAlertSink final : public AlertSink {
public:
    explicit CallbackAlertSink(std::function<void(const AlertEvent&)> callback) : m_callback(std::move(callback)) {}
    void notify(const AlertEvent& event) override {
        if (m_callback) m_callback(event);
    }

private:
    std::function<void(const AlertEvent&)> m_callback;
};

}  // namespace fyr::app::telemetry
