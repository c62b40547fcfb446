#include "core/log_categories.h"

Q_LOGGING_CATEGORY(lcApp, "fyr.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "fyr.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "fyr.cli", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "fyr.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "fyr.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecurity, "fyr.security", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTelemetry, "fyr.telemetry", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "fyr.server", QtInfoMsg)
