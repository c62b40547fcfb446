#include "core/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <mutex>

#include "core/log_categories.h"
#include "fyr/log.h"
#include "telemetry/log_context.h"

namespace fyr::app {
namespace {

LogOptions g_options;
std::mutex g_write_mutex;

int severity(QtMsgType t) {
    switch (t) {
        case QtDebugMsg: return 0;
        case QtInfoMsg: return 1;
        case QtWarningMsg: return 2;
        case QtCriticalMsg: return 3;
        case QtFatalMsg: return 4;
    }
    return 1;
}

void messageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (severity(type) < severity(g_options.minLevel)) return;
    const QByteArray line =
        Logging::formatLine(type, context.category ? context.category : "default", message, g_options.json);
    {
        std::lock_guard lock(g_write_mutex);
        std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), g_options.stream);
        std::fflush(g_options.stream);
    }
    if (type == QtFatalMsg) std::abort();
}

void engineSink(fyr::log::Level level, std::string_view area, std::string_view message) {
    const QString text = QStringLiteral("[%1] %2")
                             .arg(QString::fromUtf8(area.data(), static_cast<qsizetype>(area.size())),
                                  QString::fromUtf8(message.data(), static_cast<qsizetype>(message.size())));
    switch (level) {
        case fyr::log::Level::Debug: qCDebug(lcEngine).noquote() << text; break;
        case fyr::log::Level::Info: qCInfo(lcEngine).noquote() << text; break;
        case fyr::log::Level::Warning: qCWarning(lcEngine).noquote() << text; break;
        case fyr::log::Level::Error: qCCritical(lcEngine).noquote() << text; break;
    }
}

fyr::log::Level engineLevel(QtMsgType t) {
    switch (t) {
        case QtDebugMsg: return fyr::log::Level::Debug;
        case QtInfoMsg: return fyr::log::Level::Info;
        case QtWarningMsg: return fyr::log::Level::Warning;
        default: return fyr::log::Level::Error;
    }
}

}  // namespace

bool Logging::parseLevel(const QString& text, QtMsgType* level) {
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("debug")) *level = QtDebugMsg;
    else if (t == QLatin1String("info")) *level = QtInfoMsg;
    else if (t == QLatin1String("warning") || t == QLatin1String("warn")) *level = QtWarningMsg;
    else if (t == QLatin1String("critical") || t == QLatin1String("error")) *level = QtCriticalMsg;
    else return false;
    return true;
}

bool Logging::takeArguments(QStringList& args, LogOptions& opts, QString* error) {
    for (int i = 0; i < args.size();) {
        const QString& a = args.at(i);
        auto takeValue = [&](const QString& name, QString* value) -> bool {
            if (a.startsWith(name + QLatin1Char('='))) {
                *value = a.mid(name.size() + 1);
                args.removeAt(i);
                return true;
            }
            if (i + 1 >= args.size()) {
                if (error) *error = QCoreApplication::translate("Logging", "%1 needs a value").arg(name);
                return false;
            }
            *value = args.at(i + 1);
            args.remove(i, 2);
            return true;
        };
        if (a == QLatin1String("--log-json")) {
            opts.json = true;
            args.removeAt(i);
        } else if (a == QLatin1String("--log-level") || a.startsWith(QLatin1String("--log-level="))) {
            QString value;
            if (!takeValue(QStringLiteral("--log-level"), &value)) return false;
            if (!parseLevel(value, &opts.minLevel)) {
                if (error)
                    *error = QCoreApplication::translate("Logging", "--log-level: '%1' is not a level (expected debug, info, warning or critical)")
                                 .arg(value);
                return false;
            }
        } else if (a == QLatin1String("--log-rules") || a.startsWith(QLatin1String("--log-rules="))) {
            if (!takeValue(QStringLiteral("--log-rules"), &opts.rules)) return false;
        } else if (a == QLatin1String("--")) {
            break;
        } else {
            ++i;
        }
    }
    return true;
}

void Logging::install(const LogOptions& opts) {
    g_options = opts;
    QStringList rules;
    // Debug output of our own categories follows the chosen level; Qt's own
    // categories stay at their defaults unless the rules say otherwise.
    if (severity(opts.minLevel) <= 0) rules << QStringLiteral("fyr.*.debug=true");
    if (!opts.rules.isEmpty()) rules << opts.rules.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    if (!rules.isEmpty()) QLoggingCategory::setFilterRules(rules.join(QLatin1Char('\n')));
    qInstallMessageHandler(messageHandler);
    fyr::log::set_min_level(engineLevel(opts.minLevel));
    fyr::log::set_sink(engineSink);
}

QString Logging::redact(const QString& text) {
    // key=value / key: value / "key": "value" for names that hold secrets.
    static const QRegularExpression keyValue(
        QStringLiteral(R"((?i)(\b(?:password|passwd|passphrase|secret|client_secret|token|access_token|)"
                       R"(refresh_token|api[_-]?key|apikey|private[_-]?key|authorization|x-api-key)\b"?\s*[:=]\s*"?))"
                       R"((?!Bearer\b|Basic\b)([^\s",;&}]+))"));
    static const QRegularExpression authScheme(QStringLiteral(R"((?i)\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+)"));
    static const QRegularExpression keyLike(
        QStringLiteral(R"(\b(fyr_[A-Za-z0-9]{3,}_|sk-(?:proj-)?)[A-Za-z0-9_-]{12,})"));
    static const QRegularExpression urlPassword(QStringLiteral(R"(\b([a-z][a-z0-9+.-]*://[^\s:/@]+:)[^\s@/]+@)"));
    QString out = text;
    out.replace(keyValue, QStringLiteral("\\1[redacted]"));
    out.replace(authScheme, QStringLiteral("\\1 [redacted]"));
    out.replace(keyLike, QStringLiteral("\\1[redacted]"));
    out.replace(urlPassword, QStringLiteral("\\1[redacted]@"));
    return out;
}

const char* Logging::levelName(QtMsgType type) {
    switch (type) {
        case QtDebugMsg: return "debug";
        case QtInfoMsg: return "info";
        case QtWarningMsg: return "warning";
        case QtCriticalMsg: return "critical";
        case QtFatalMsg: return "fatal";
    }
    return "info";
}

QByteArray Logging::formatLine(QtMsgType type, const char* category, const QString& message, bool json) {
    const QString safe = redact(message);
    const QString ts = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (json) {
        QJsonObject o;
        o.insert(QStringLiteral("ts"), ts);
        o.insert(QStringLiteral("level"), QLatin1String(levelName(type)));
        o.insert(QStringLiteral("category"), QLatin1String(category));
        o.insert(QStringLiteral("msg"), safe);
        // The request this thread is handling (telemetry/log_context.h), if any.
        const telemetry::LogContext& request = telemetry::LogContext::current();
        if (!request.request_id.isEmpty()) o.insert(QStringLiteral("request_id"), redact(request.request_id));
        if (!request.trace_id.isEmpty()) o.insert(QStringLiteral("trace_id"), request.trace_id);
        if (!request.span_id.isEmpty()) o.insert(QStringLiteral("span_id"), request.span_id);
        return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    return QStringLiteral("%1 %2 %3: %4\n")
        .arg(ts, QLatin1String(levelName(type)), QLatin1String(category), safe)
        .toUtf8();
}

}  // namespace fyr::app
