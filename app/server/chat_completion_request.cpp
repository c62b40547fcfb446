#include "server/chat_completion_request.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

namespace fyr::app {
namespace {

// A JSON number in [lo, hi]; `whole`: without a fractional part.
bool readNumber(const QJsonValue& v, double lo, double hi, bool whole, double* out) {
    if (!v.isDouble()) return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < lo || d > hi) return false;
    if (whole && d != std::floor(d)) return false;
    *out = d;
    return true;
}

}  // namespace

std::optional<ChatCompletionRequest> ChatCompletionRequest::parse(const QByteArray& body, QString* error) {
    const auto fail = [error](const QString& message) -> std::optional<ChatCompletionRequest> {
        if (error) *error = message;
        return std::nullopt;
    };
    if (body.size() > kMaxBodyBytes)
        return fail(tr("the request body has %1 bytes; at most %2 are accepted").arg(body.size()).arg(kMaxBodyBytes));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            tr("the request body is not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject()) return fail(tr("the request body: expected a JSON object"));
    const QJsonObject o = doc.object();

    ChatCompletionRequest r;
    const QJsonValue model = o.value(QLatin1String("model"));
    if (model.isUndefined()) return fail(tr("model: required"));
    if (!model.isString()) return fail(tr("model: expected a string"));
    r.model = model.toString();

    const QJsonValue messages = o.value(QLatin1String("messages"));
    if (messages.isUndefined()) return fail(tr("messages: required"));
    if (!messages.isArray()) return fail(tr("messages: expected a list"));
    const QJsonArray list = messages.toArray();
    if (list.isEmpty()) return fail(tr("messages: expected at least one message"));
    if (list.size() > kMaxMessages)
        return fail(tr("messages: %1 messages; at most %2 are accepted").arg(list.size()).arg(kMaxMessages));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString field = QStringLiteral("messages[%1]").arg(i);
        if (!list.at(i).isObject()) return fail(tr("%1: expected an object").arg(field));
        const QJsonObject m = list.at(i).toObject();
        const QJsonValue role = m.value(QLatin1String("role"));
        if (role.isUndefined()) return fail(tr("%1.role: required").arg(field));
        if (!role.isString()) return fail(tr("%1.role: expected a string").arg(field));
        QString roleName = role.toString();
        if (roleName == QLatin1String("developer")) roleName = QStringLiteral("system");
        if (roleName != QLatin1String("system") && roleName != QLatin1String("user") &&
            roleName != QLatin1String("assistant"))
            return fail(tr("%1.role: expected system, user or assistant, not '%2'").arg(field, roleName.left(40)));
        const QJsonValue content = m.value(QLatin1String("content"));
        if (content.isUndefined()) return fail(tr("%1.content: required").arg(field));
        if (!content.isString()) return fail(tr("%1.content: expected a string").arg(field));
        r.messages.append({roleName, content.toString()});
    }

    double number = 0;
    for (const char* name : {"max_tokens", "max_completion_tokens"}) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull()) continue;
        if (!readNumber(v, 1, kMaxTokensLimit, true, &number))
            return fail(tr("%1: expected a whole number from 1 to %2").arg(QLatin1String(name)).arg(kMaxTokensLimit));
        r.maxTokens = static_cast<int>(number);  // max_completion_tokens, read last, wins
    }
    if (const QJsonValue v = o.value(QLatin1String("temperature")); !v.isUndefined() && !v.isNull()) {
        if (!readNumber(v, 0, 2, false, &number)) return fail(tr("temperature: expected a number from 0 to 2"));
        r.temperature = number;
    }
    if (const QJsonValue v = o.value(QLatin1String("top_p")); !v.isUndefined() && !v.isNull()) {
        if (!readNumber(v, 0, 1, false, &number)) return fail(tr("top_p: expected a number from 0 to 1"));
        r.topP = number;
    }
    if (const QJsonValue v = o.value(QLatin1String("seed")); !v.isUndefined() && !v.isNull()) {
        // Whole numbers a JSON double holds exactly.
        if (!readNumber(v, 0, 9007199254740992.0, true, &number))
            return fail(tr("seed: expected a whole number from 0 to 2^53"));
        r.seed = static_cast<quint64>(number);
    }
    if (const QJsonValue v = o.value(QLatin1String("stop")); !v.isUndefined() && !v.isNull()) {
        if (v.isString()) {
            r.stop << v.toString();
        } else if (v.isArray()) {
            const QJsonArray stops = v.toArray();
            if (stops.size() > kMaxStops)
                return fail(tr("stop: %1 strings; at most %2 are accepted").arg(stops.size()).arg(kMaxStops));
            for (qsizetype i = 0; i < stops.size(); ++i) {
                if (!stops.at(i).isString()) return fail(tr("stop[%1]: expected a string").arg(i));
                r.stop << stops.at(i).toString();
            }
        } else {
            return fail(tr("stop: expected a string or a list of strings"));
        }
        for (qsizetype i = 0; i < r.stop.size(); ++i)
            if (r.stop.at(i).isEmpty()) return fail(tr("stop: expected strings that are not empty"));
    }
    if (const QJsonValue v = o.value(QLatin1String("stream")); !v.isUndefined() && !v.isNull()) {
        if (!v.isBool()) return fail(tr("stream: expected true or false"));
        r.stream = v.toBool();
    }
    return r;
}

}  // namespace fyr::app
