// The console's configuration: defaults compiled in from resources/config/default.json,
// overlaid by the user's file (fyr.json in the configuration folder) when present.
//
//   QString error;
//   fyr::app::AppConfig cfg = fyr::app::AppConfig::defaults();
//   if (!cfg.overlayFile(path, &error)) qCWarning(lcApp) << error;  // "file:3:14: ..."
//   int threads = cfg.value(QStringLiteral("engine.threads")).toInt();
//
// Not thread-safe for writes; read-only use from several threads is fine.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QVariant>

namespace fyr::app {

class AppConfig final {
public:
    // The built-in defaults. Never fails: the default file is tested at build time.
    static AppConfig defaults();

    // The user's file: $XDG_CONFIG_HOME/Fyr/fyr.json (or the platform's equivalent).
    static QString userConfigPath();

    // Parses JSON text; on error fills `error` with "<name>:<line>:<column>: <what>".
    static bool parse(const QByteArray& text, const QString& name, QJsonObject* out, QString* error);

    // Merges the file's keys over the current ones (objects merge recursively).
    // A missing file is not an error; unreadable or invalid JSON is.
    bool overlayFile(const QString& path, QString* error);
    void overlay(const QJsonObject& other);

    // Dotted path lookup: "engine.threads". Invalid QVariant when absent.
    QVariant value(const QString& dottedKey) const;
    const QJsonObject& json() const { return m_root; }

private:
    QJsonObject m_root;
};

}  // namespace fyr::app
