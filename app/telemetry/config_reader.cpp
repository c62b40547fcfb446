#include "telemetry/config_reader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <limits>

namespace fyr::app::telemetry {

namespace {

QString lineColumn(const QByteArray& json, qsizetype offset) {
    int line = 1, col = 1;
    for (qsizetype i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            line++;
            col = 1;
        } else if ((static_cast<unsigned char>(json[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return QStringLiteral("%1:%2").arg(line).arg(col);
}

}  // namespace

std::optional<QJsonObject> ConfigReader::parse(const QByteArray& bytes) {
    if (bytes.size() > kMaxBytes) {
        error(QStringLiteral("$"),
              QStringLiteral("expected at most %1 bytes, found %2").arg(kMaxBytes).arg(bytes.size()));
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (m_errors.size() < kMaxErrors)
            m_errors << QStringLiteral("%1:%2: %3").arg(m_source, lineColumn(bytes, pe.offset), pe.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        error(QStringLiteral("$"),
              QStringLiteral("expected an object, found %1")
                  .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("something else")));
        return std::nullopt;
    }
    return doc.object();
}

void ConfigReader::error(const QString& path, const QString& what) {
    const QString e = QStringLiteral("%1: %2: %3").arg(m_source, path, what);
    // A missing key is seen by keys() and by the getter that reads it: say it once.
    if (m_errors.size() < kMaxErrors && !m_errors.contains(e)) m_errors << e;
}

QString ConfigReader::typeName(const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::Null: return QStringLiteral("null");
        case QJsonValue::Bool: return QStringLiteral("a boolean");
        case QJsonValue::Double: return QStringLiteral("a number");
        case QJsonValue::String: return QStringLiteral("a string");
        case QJsonValue::Array: return QStringLiteral("an array");
        case QJsonValue::Object: return QStringLiteral("an object");
        case QJsonValue::Undefined: return QStringLiteral("nothing");
    }
    return QStringLiteral("something else");
}

void ConfigReader::keys(const QJsonObject& o, const QString& path, std::initializer_list<const char*> required,
                        std::initializer_list<const char*> optional) {
    for (const char* k : required)
        if (!o.contains(QLatin1String(k))) error(member(path, k), QStringLiteral("missing (required)"));
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const char* k : required) known = known || it.key() == QLatin1String(k);
        for (const char* k : optional) known = known || it.key() == QLatin1String(k);
        if (!known) {
            QStringList all;
            for (const char* k : required) all << QLatin1String(k);
            for (const char* k : optional) all << QLatin1String(k);
            error(path + QLatin1Char('.') + it.key().left(64),
                  QStringLiteral("unknown key (expected one of %1)").arg(all.join(QStringLiteral(", "))));
        }
    }
}

std::optional<QString> ConfigReader::string(const QJsonObject& o, const char* key, const QString& path, bool required,
                                            qsizetype maxLength) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required) error(member(path, key), QStringLiteral("missing (required)"));
        return std::nullopt;
    }
    if (!v.isString()) {
        error(member(path, key), QStringLiteral("expected a string, found %1").arg(typeName(v)));
        return std::nullopt;
    }
    QString s = v.toString();
    if (s.size() > maxLength) {
        error(member(path, key),
              QStringLiteral("expected at most %1 characters, found %2").arg(maxLength).arg(s.size()));
        return std::nullopt;
    }
    return s;
}

std::optional<double> ConfigReader::number(const QJsonObject& o, const char* key, const QString& path, bool required) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required) error(member(path, key), QStringLiteral("missing (required)"));
        return std::nullopt;
    }
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        error(member(path, key), QStringLiteral("expected a number, found %1").arg(typeName(v)));
        return std::nullopt;
    }
    return v.toDouble();
}

std::optional<int64_t> ConfigReader::integer(const QJsonObject& o, const char* key, const QString& path, bool required,
                                             int64_t min, int64_t max) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required) error(member(path, key), QStringLiteral("missing (required)"));
        return std::nullopt;
    }
    const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!v.isDouble() || !(d >= static_cast<double>(min) && d <= static_cast<double>(max)) || d != std::floor(d)) {
        const QString range =
            min == max ? QString::number(min) : QStringLiteral("an integer from %1 to %2").arg(min).arg(max);
        error(member(path, key),
              QStringLiteral("expected %1, found %2").arg(range, v.isDouble() ? QString::number(d) : typeName(v)));
        return std::nullopt;
    }
    return static_cast<int64_t>(d);
}

std::optional<bool> ConfigReader::boolean(const QJsonObject& o, const char* key, const QString& path, bool required) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required) error(member(path, key), QStringLiteral("missing (required)"));
        return std::nullopt;
    }
    if (!v.isBool()) {
        error(member(path, key), QStringLiteral("expected true or false, found %1").arg(typeName(v)));
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<QJsonArray> ConfigReader::array(const QJsonObject& o, const char* key, const QString& path, bool required,
                                              qsizetype maxItems) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required) error(member(path, key), QStringLiteral("missing (required)"));
        return std::nullopt;
    }
    if (!v.isArray()) {
        error(member(path, key), QStringLiteral("expected an array, found %1").arg(typeName(v)));
        return std::nullopt;
    }
    QJsonArray a = v.toArray();
    if (a.size() > maxItems) {
        error(member(path, key), QStringLiteral("expected at most %1 items, found %2").arg(maxItems).arg(a.size()));
        return std::nullopt;
    }
    return a;
}

std::optional<QJsonObject> ConfigReader::object(const QJsonObject& o, const char* key, const QString& path,
                                                bool required) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        if (required) error(member(path, key), QStringLiteral("missing (required)"));
        return std::nullopt;
    }
    if (!v.isObject()) {
        error(member(path, key), QStringLiteral("expected an object, found %1").arg(typeName(v)));
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<int64_t> ConfigReader::parseDuration(const QString& text) {
    if (text.size() < 2 || text.size() > 12) return std::nullopt;
    int64_t unit = 0;
    switch (text.back().unicode()) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        case 'w': unit = 7 * 86400; break;
        default: return std::nullopt;
    }
    const QString digits = text.chopped(1);
    for (const QChar c : digits)
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) return std::nullopt;
    bool ok = false;
    const qlonglong n = digits.toLongLong(&ok);
    if (!ok || n > std::numeric_limits<int64_t>::max() / unit) return std::nullopt;
    return n * unit;
}

QString ConfigReader::formatDuration(int64_t s) {
    if (s > 0 && s % (7 * 86400) == 0) return QStringLiteral("%1w").arg(s / (7 * 86400));
    if (s > 0 && s % 86400 == 0) return QStringLiteral("%1d").arg(s / 86400);
    if (s > 0 && s % 3600 == 0) return QStringLiteral("%1h").arg(s / 3600);
    if (s > 0 && s % 60 == 0) return QStringLiteral("%1m").arg(s / 60);
    return QStringLiteral("%1s").arg(s);
}

std::optional<int64_t> ConfigReader::duration(const QJsonObject& o, const char* key, const QString& path, bool required,
                                              int64_t min_s, int64_t max_s) {
    const std::optional<QString> text = string(o, key, path, required, 32);
    if (!text) return std::nullopt;
    const auto s = parseDuration(*text);
    if (!s || *s < min_s || *s > max_s) {
        error(member(path, key),
              QStringLiteral("expected a duration from %1 to %2 such as \"5m\" (s, m, h, d, w), found \"%3\"")
                  .arg(formatDuration(min_s), formatDuration(max_s), text->left(32)));
        return std::nullopt;
    }
    return s;
}

std::optional<QString> ConfigReader::choice(const QJsonObject& o, const char* key, const QString& path, bool required,
                                            const QStringList& choices) {
    const std::optional<QString> text = string(o, key, path, required, 64);
    if (!text) return std::nullopt;
    if (!choices.contains(*text)) {
        error(
            member(path, key),
            QStringLiteral("expected one of %1, found \"%2\"").arg(choices.join(QStringLiteral(", ")), text->left(64)));
        return std::nullopt;
    }
    return text;
}

}  // namespace fyr::app::telemetry
