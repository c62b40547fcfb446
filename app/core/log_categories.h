// Logging categories, one per subsystem. Enable or silence them with
// QT_LOGGING_RULES or --log-rules, e.g. "fyr.engine.debug=true".
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)        // fyr.app: start-up, configuration
Q_DECLARE_LOGGING_CATEGORY(lcUi)         // fyr.ui: windows and pages
Q_DECLARE_LOGGING_CATEGORY(lcCli)        // fyr.cli: fyrctl commands
Q_DECLARE_LOGGING_CATEGORY(lcEngine)     // fyr.engine: messages from the inference engine
Q_DECLARE_LOGGING_CATEGORY(lcStore)      // fyr.store: the database
Q_DECLARE_LOGGING_CATEGORY(lcSecurity)   // fyr.security: accounts, keys, audit, guards
Q_DECLARE_LOGGING_CATEGORY(lcTelemetry)  // fyr.telemetry: probes and metrics
Q_DECLARE_LOGGING_CATEGORY(lcServer)     // fyr.server: the HTTP API
