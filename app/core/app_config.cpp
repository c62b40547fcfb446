#include "core/app_config.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStandardPaths>

#include <algorithm>

namespace fyr::app {
namespace {

QJsonObject merged(QJsonObject base, const QJsonObject& over) {
    for (auto it = over.begin(); it != over.end(); ++it) {
        const QJsonValue existing = base.value(it.key());
        if (existing.isObject() && it.value().isObject()) {
            base.insert(it.key(), merged(existing.toObject(), it.value().toObject()));
        } else {
            base.insert(it.key(), it.value());
        }
    }
    return base;
}

}  // namespace

AppConfig AppConfig::defaults() {
    AppConfig cfg;
    QFile f(QStringLiteral(":/config/default.json"));
    if (f.open(QIODevice::ReadOnly)) {
        QString error;
        QJsonObject root;
        if (parse(f.readAll(), f.fileName(), &root, &error)) cfg.m_root = root;
    }
    return cfg;
}

QString AppConfig::userConfigPath() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/Fyr/fyr.json");
}

bool AppConfig::parse(const QByteArray& text, const QString& name, QJsonObject* out, QString* error) {
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &pe);
    if (pe.error != QJsonParseError::NoError) {
        // Turn the byte offset into a line and column people can find in an editor.
        const qsizetype offset = std::clamp<qsizetype>(pe.offset, 0, text.size());
        int line = 1;
        qsizetype line_start = 0;
        for (qsizetype i = 0; i < offset; ++i) {
            if (text.at(i) == '\n') {
                ++line;
                line_start = i + 1;
            }
        }
        const qsizetype column = offset - line_start + 1;
        if (error)
            *error = QCoreApplication::translate("AppConfig", "%1:%2:%3: invalid JSON: %4")
                         .arg(name)
                         .arg(line)
                         .arg(column)
                         .arg(pe.errorString());
        return false;
    }
    if (!doc.isObject()) {
        if (error)
            *error = QCoreApplication::translate("AppConfig", "%1:1:1: expected a JSON object at the top level")
                         .arg(name);
        return false;
    }
    *out = doc.object();
    return true;
}

bool AppConfig::overlayFile(const QString& path, QString* error) {
    QFile f(path);
    if (!f.exists()) return true;
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("AppConfig", "%1: cannot read: %2").arg(path, f.errorString());
        return false;
    }
    QJsonObject other;
    if (!parse(f.readAll(), path, &other, error)) return false;
    overlay(other);
    return true;
}

void AppConfig::overlay(const QJsonObject& other) { m_root = merged(m_root, other); }

QVariant AppConfig::value(const QString& dottedKey) const {
    const QStringList parts = dottedKey.split(QLatin1Char('.'));
    QJsonValue v = m_root;
    for (const QString& p : parts) {
        if (!v.isObject()) return {};
        const QJsonObject o = v.toObject();
        if (!o.contains(p)) return {};
        v = o.value(p);
    }
    return v.toVariant();
}

}  // namespace fyr::app
