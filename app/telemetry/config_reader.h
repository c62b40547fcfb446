// Strict reading of a JSON document against a schema, for files that people
// edit and exchange (observability_config.h): every problem is reported with
// the file, the JSON path and what was expected, and nothing is ignored:
// an unknown key, a wrong type or a value out of range is an error.
//
//   ConfigReader rd(QStringLiteral("slos.json"));
//   const std::optional<QJsonObject> root = rd.parse(bytes);
//   if (root) {
//       rd.keys(*root, QStringLiteral("$"), {"format", "version"}, {"slos"});
//       const auto version = rd.integer(*root, "version", QStringLiteral("$"), true, 1, 1);
//   }
//   if (!rd.ok()) return rd.errors();   // "slos.json: $.version: expected 1, found 2"
//
// Paths are JSONPath-like: $ for the root, .key for a member, [i] for an item.
// Lengths and counts are bounded (kMaxBytes, and the limits each call gives), so
// a hostile file costs bounded time and memory. At most kMaxErrors are kept.
//
// Thread-safety: an instance is used from one thread.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <initializer_list>
#include <optional>

namespace fyr::app::telemetry {

class ConfigReader final {
public:
    static constexpr qsizetype kMaxBytes = 1 << 20;  // 1 MiB
    static constexpr int kMaxErrors = 50;
    static constexpr qsizetype kMaxStringLength = 16 * 1024;

    explicit ConfigReader(QString source) : m_source(std::move(source)) {}

    // The document's root object, or nullopt with an error at "line:column".
    std::optional<QJsonObject> parse(const QByteArray& bytes);

    void error(const QString& path, const QString& what);
    bool ok() const { return m_errors.isEmpty(); }
    const QStringList& errors() const { return m_errors; }
    const QString& source() const { return m_source; }

    // Reports a missing required key and every key that is in neither list.
    void keys(const QJsonObject& o, const QString& path, std::initializer_list<const char*> required,
              std::initializer_list<const char*> optional);

    // Each reads o[key]: nullopt (and an error) when present with a wrong type or
    // out of range, or missing and required; nullopt without an error when
    // missing and optional.
    std::optional<QString> string(const QJsonObject& o, const char* key, const QString& path, bool required,
                                  qsizetype maxLength = kMaxStringLength);
    std::optional<double> number(const QJsonObject& o, const char* key, const QString& path, bool required);
    std::optional<int64_t> integer(const QJsonObject& o, const char* key, const QString& path, bool required,
                                   int64_t min, int64_t max);
    std::optional<bool> boolean(const QJsonObject& o, const char* key, const QString& path, bool required);
    std::optional<QJsonArray> array(const QJsonObject& o, const char* key, const QString& path, bool required,
                                    qsizetype maxItems);
    std::optional<QJsonObject> object(const QJsonObject& o, const char* key, const QString& path, bool required);
    // A duration: "90s", "5m", "1h", "30d" or "2w", from min_s to max_s.
    std::optional<int64_t> duration(const QJsonObject& o, const char* key, const QString& path, bool required,
                                    int64_t min_s, int64_t max_s);
    // One of the choices.
    std::optional<QString> choice(const QJsonObject& o, const char* key, const QString& path, bool required,
                                  const QStringList& choices);

    static QString member(const QString& path, const char* key) { return path + QLatin1Char('.') + QLatin1String(key); }
    static QString item(const QString& path, qsizetype i) { return path + QStringLiteral("[%1]").arg(i); }
    // "a string", "a number", "an array", ... for "found ..." in messages.
    static QString typeName(const QJsonValue& v);
    // The duration text with the largest unit that divides it: 300 -> "5m".
    static QString formatDuration(int64_t s);
    static std::optional<int64_t> parseDuration(const QString& text);

private:
    QString m_source;
    QStringList m_errors;
};

}  // namespace fyr::app::telemetry
