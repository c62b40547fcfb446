// The installation's own settings: what a site decides once for everybody who
// uses it (how long an idle session stays open, where traces and alerts go),
// kept in the store's settings table so the console, fyrctl and the API server
// read the same values, and every change is a signed entry in the audit chain.
// (A user's own preferences — language, window layout — stay in AppConfig.)
//
//   fyr::app::InstallationSettings settings(store);
//   int minutes = settings.value(QStringLiteral("security.session_idle_minutes")).toInt();   // stored or default
//   QString e = settings.set(who, audit, QStringLiteral("alerts.syslog.enabled"), QStringLiteral("true"));
//   if (!e.isEmpty()) ...   // "alerts.syslog.enabled: expected true or false, got "yes please""
//
// The known settings are a fixed table (specs()): a key that is not in it, a
// value of the wrong type or out of range, is refused with the key, what was
// expected and what was given. set() and reset() need settings.manage; each
// change is audited as "settings.change" with the old and the new value (no
// setting holds a secret: a collector's credentials are read from a file the
// setting names, as OpenTelemetry's and Prometheus' own *_file options do). A stored
// value that no longer parses (an older build, an edited database) reads as the
// default and is reported by entries().
//
// Thread-safety: as Store — any thread; value() reads through a reader connection.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <cstdint>
#include <optional>

namespace fyr::app {

class AuditLog;
class Store;
struct Principal;

struct SettingSpec {
    enum class Type { Bool, Int, Url, Text };
    const char* key = "";
    Type type = Type::Text;
    QVariant defaultValue;
    int64_t min = 0, max = 0;    // Int only
    bool emptyAllowed = true;    // Url/Text: "" switches the feature off
    const char* description = "";  // translatable (context "fyr::app::InstallationSettings")

    QString name() const { return QString::fromLatin1(key); }
};

class InstallationSettings final {
public:
    struct Entry {
        const SettingSpec* spec = nullptr;
        QVariant value;          // in force: stored, or the default
        bool isDefault = true;
        int64_t updatedMs = 0;   // 0 when default
        QString problem;         // a stored value that no longer parses
    };

    explicit InstallationSettings(Store& store);

    static const QList<SettingSpec>& specs();
    static const SettingSpec* find(const QString& key);
    // The text as the setting's value, or nullopt with *error naming the key,
    // what was expected and what was given.
    static std::optional<QVariant> parse(const SettingSpec& spec, const QString& text, QString* error);
    // How a value is shown and stored: "true", "30", the URL as given.
    static QString display(const SettingSpec& spec, const QVariant& value);
    // The setting's translated description.
    static QString describe(const SettingSpec& spec);

    // The value in force; the default when none is stored or the store cannot be read.
    QVariant value(const QString& key) const;
    // Every known setting in table order; *error when the store cannot be read.
    QList<Entry> entries(QString* error = nullptr) const;

    // "" once stored and audited, or why not (permission, key, value, store).
    QString set(const Principal& who, AuditLog& audit, const QString& key, const QString& text);
    // Back to the default (the stored row removed); audited the same way.
    QString reset(const Principal& who, AuditLog& audit, const QString& key);

private:
    std::optional<std::pair<QString, int64_t>> storedText(const QString& key, QString* error) const;
    QString change(const Principal& who, AuditLog& audit, const SettingSpec& spec, const std::optional<QString>& text);

    Store& m_store;
};

}  // namespace fyr::app
