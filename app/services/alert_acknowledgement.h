// Acknowledging an alert from the console: the signed-in user's action, checked
// and on the audit trail like every other one. Needs dashboards.view (whoever
// may watch the alerts may say they have seen one); a refusal is audited as
// "permission.denied", an acknowledgement as "alert.acknowledge" with the
// alert's rule and series as the target. The alert store (if the hub keeps
// one) records who acknowledged it.
//
//   const QString e = fyr::app::acknowledgeAlert(hub, session, alertId);
//   if (!e.isEmpty()) showError(e);   // locked session, permission, alert gone, audit failed
//
// Thread-safety: the session's thread (the GUI thread); waits for the audit
// entry to be committed.
#pragma once

#include <QString>

#include <cstdint>

namespace fyr::app {

class AppSession;
class TelemetryHub;

// "" once acknowledged and audited (or already acknowledged), else why not.
QString acknowledgeAlert(TelemetryHub& hub, AppSession& session, uint64_t alertId);

// The audit target of an alert: "<rule> <series>{<labels>}".
QString alertAuditTarget(const QString& rule, const QString& series, const QString& labels);

}  // namespace fyr::app
