// One logging setup for fyr and fyrctl: Qt categories per subsystem, a minimum
// level, plain text or JSON lines on stderr, the engine's log routed in, and
// secrets redacted from every message before it is written. A JSON line written
// while the thread is inside a telemetry::LogContextScope also carries that
// request's request_id, trace_id and span_id.
//
//   fyr::app::LogOptions opts;
//   QString error;
//   if (!fyr::app::Logging::takeArguments(args, opts, &error)) { ... }
//   fyr::app::Logging::install(opts);
//
// install() is called once on the main thread before other threads start; the
// handler it installs is thread-safe.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <cstdio>

namespace fyr::app {

struct LogOptions {
    bool json = false;               // one JSON object per line instead of text
    QtMsgType minLevel = QtInfoMsg;  // debug < info < warning < critical
    QString rules;                   // extra QLoggingCategory filter rules, ';'-separated
    FILE* stream = stderr;           // where lines go
};

class Logging final {
public:
    // Removes --log-json, --log-level LEVEL (or =LEVEL) and --log-rules RULES from
    // args and applies them to opts. Returns false with a message on a bad value.
    static bool takeArguments(QStringList& args, LogOptions& opts, QString* error);

    // Parses "debug", "info", "warning", "critical" (or "error").
    static bool parseLevel(const QString& text, QtMsgType* level);

    static void install(const LogOptions& opts);

    // Masks passwords, API keys, bearer tokens and similar values in text.
    static QString redact(const QString& text);

    // One formatted line (with trailing newline), as install()'s handler writes it.
    static QByteArray formatLine(QtMsgType type, const char* category, const QString& message, bool json);

    static const char* levelName(QtMsgType type);
};

}  // namespace fyr::app
