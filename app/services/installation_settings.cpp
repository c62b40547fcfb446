#include "services/installation_settings.h"

#include <QCoreApplication>
#include <QUrl>

#include <map>

#include "store/audit_log.h"
#include "store/clock.h"
#include "store/identity.h"
#include "store/permissions.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

const QList<SettingSpec>& InstallationSettings::specs() {
    using T = SettingSpec::Type;
    static const QList<SettingSpec> table = {
        {"security.session_idle_minutes", T::Int, 30, 1, 24 * 60, false,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings",
                           "Minutes without a key press or click before the console locks and asks for the password again")},
        {"retention.conversation_days", T::Int, 0, 0, 36500, false,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings",
                           "Delete conversations (and their messages) not updated for this many days; 0: keep them")},
        {"backup.interval_hours", T::Int, 0, 0, 24 * 366, false,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings",
                           "While the console runs, make an encrypted backup (with the data passphrase) into the "
                           "installation's backups folder every this many hours; 0: off")},
        {"backup.keep", T::Int, 7, 1, 1000, false,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings",
                           "How many of the newest scheduled backups to keep; older ones are deleted")},
        {"telemetry.otlp.enabled", T::Bool, false, 0, 0, true,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings",
                           "Send each request's trace to the site's OpenTelemetry collector (OTLP/HTTP JSON)")},
        {"telemetry.otlp.endpoint", T::Url, QStringLiteral("http://127.0.0.1:4318/v1/traces"), 0, 0, false,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings", "The collector's OTLP/HTTP traces URL")},
        {"telemetry.otlp.headers_file", T::Text, QString(), 0, 0, true,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings",
                           "A file of \"Name: value\" lines sent as request headers to the collector (its credentials); "
                           "read when the exporter starts, never logged; empty: none")},
        {"alerts.syslog.enabled", T::Bool, false, 0, 0, true,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings", "Write every alert change to the system log (facility daemon)")},
        {"alerts.webhook.url", T::Url, QString(), 0, 0, true,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings",
                           "POST every alert change as JSON to this URL (on this machine unless remote hosts are allowed); "
                           "empty: off")},
        {"alerts.webhook.allow_remote", T::Bool, false, 0, 0, true,
         QT_TRANSLATE_NOOP("fyr::app::InstallationSettings",
                           "Allow the alert webhook to be on another host of the site, not only on this machine")},
    };
    return table;
}

const SettingSpec* InstallationSettings::find(const QString& key) {
    for (const SettingSpec& s : specs())
        if (s.name() == key) return &s;
    return nullptr;
}

QString InstallationSettings::describe(const SettingSpec& spec) { return QCoreApplication::translate("fyr::app::InstallationSettings", spec.description); }

std::optional<QVariant> InstallationSettings::parse(const SettingSpec& spec, const QString& text, QString* error) {
    auto fail = [&](const QString& expected) -> std::optional<QVariant> {
        if (error)
            *error = QCoreApplication::translate("fyr::app::InstallationSettings", "%1: expected %2, got \"%3\"").arg(spec.name(), expected, text.left(200));
        return std::nullopt;
    };
    const QString t = text.trimmed();
    switch (spec.type) {
    case SettingSpec::Type::Bool:
        if (t == QLatin1String("true") || t == QLatin1String("on") || t == QLatin1String("1")) return QVariant(true);
        if (t == QLatin1String("false") || t == QLatin1String("off") || t == QLatin1String("0")) return QVariant(false);
        return fail(QCoreApplication::translate("fyr::app::InstallationSettings", "true or false"));
    case SettingSpec::Type::Int: {
        bool ok = false;
        const qlonglong v = t.toLongLong(&ok);
        if (!ok || v < spec.min || v > spec.max)
            return fail(QCoreApplication::translate("fyr::app::InstallationSettings", "a whole number from %1 to %2").arg(spec.min).arg(spec.max));
        return QVariant(static_cast<qlonglong>(v));
    }
    case SettingSpec::Type::Url: {
        if (t.isEmpty()) {
            if (spec.emptyAllowed) return QVariant(QString());
            return fail(QCoreApplication::translate("fyr::app::InstallationSettings", "an http:// or https:// URL"));
        }
        const QUrl url(t, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty())
            return fail(QCoreApplication::translate("fyr::app::InstallationSettings", "an http:// or https:// URL with a host"));
        if (!url.userInfo().isEmpty()) {
            // The text is not echoed: it holds a password.
            if (error)
                *error = QCoreApplication::translate("fyr::app::InstallationSettings", "%1: expected a URL without a user name or password in it, got %2")
                             .arg(spec.name(), url.toString(QUrl::RemoveUserInfo));
            return std::nullopt;
        }
        return QVariant(url.toString());
    }
    case SettingSpec::Type::Text:
        if (t.isEmpty() && !spec.emptyAllowed) return fail(QCoreApplication::translate("fyr::app::InstallationSettings", "a value"));
        if (t.size() > 4096) return fail(QCoreApplication::translate("fyr::app::InstallationSettings", "at most 4096 characters"));
        if (t.contains(QChar(u'\n')) || t.contains(QChar(u'\0'))) return fail(QCoreApplication::translate("fyr::app::InstallationSettings", "one line"));
        return QVariant(t);
    }
    return fail(QString());
}

QString InstallationSettings::display(const SettingSpec& spec, const QVariant& value) {
    switch (spec.type) {
    case SettingSpec::Type::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case SettingSpec::Type::Int: return QString::number(value.toLongLong());
    case SettingSpec::Type::Url:
    case SettingSpec::Type::Text: return value.toString();
    }
    return value.toString();
}

InstallationSettings::InstallationSettings(Store& store) : m_store(store) {}

std::optional<std::pair<QString, int64_t>> InstallationSettings::storedText(const QString& key, QString* error) const {
    QString why;
    auto reader = m_store.reader(&why);
    if (!reader) {
        if (error) *error = why;
        return std::nullopt;
    }
    Statement st(reader->db(), "SELECT value, updated_ms FROM settings WHERE key = ?1");
    st.bind(1, key);
    if (!st.next()) {
        if (error && !st.error().isEmpty()) *error = st.error();
        return std::nullopt;
    }
    return std::make_pair(st.text(0), st.integer(1));
}

QVariant InstallationSettings::value(const QString& key) const {
    const SettingSpec* spec = find(key);
    Q_ASSERT_X(spec, "InstallationSettings::value", "unknown setting");
    if (!spec) return {};
    if (auto stored = storedText(key, nullptr))
        if (auto v = parse(*spec, stored->first, nullptr)) return *v;
    return spec->defaultValue;
}

QList<InstallationSettings::Entry> InstallationSettings::entries(QString* error) const {
    // Every stored row in one read (the table also holds settings of other services).
    std::map<QString, std::pair<QString, int64_t>> stored;
    QString why;
    if (auto reader = m_store.reader(&why)) {
        Statement st(reader->db(), "SELECT key, value, updated_ms FROM settings");
        while (st.next()) stored[st.text(0)] = {st.text(1), st.integer(2)};
        why = st.error();
    }
    if (!why.isEmpty() && error) *error = why;
    QList<Entry> out;
    for (const SettingSpec& spec : specs()) {
        Entry e;
        e.spec = &spec;
        e.value = spec.defaultValue;
        if (const auto it = stored.find(spec.name()); it != stored.end()) {
            if (auto v = parse(spec, it->second.first, &e.problem)) {
                e.value = *v;
                e.isDefault = false;
                e.updatedMs = it->second.second;
            } else {
                e.problem = QCoreApplication::translate("fyr::app::InstallationSettings", "the stored value cannot be used, the default is in force: %1").arg(e.problem);
            }
        }
        out.append(e);
    }
    return out;
}

QString InstallationSettings::set(const Principal& who, AuditLog& audit, const QString& key, const QString& text) {
    const SettingSpec* spec = find(key);
    if (!spec) return QCoreApplication::translate("fyr::app::InstallationSettings", "there is no setting \"%1\" (fyrctl settings list shows them)").arg(key.left(200));
    QString error;
    const auto v = parse(*spec, text, &error);
    if (!v) return error;
    return change(who, audit, *spec, display(*spec, *v));
}

QString InstallationSettings::reset(const Principal& who, AuditLog& audit, const QString& key) {
    const SettingSpec* spec = find(key);
    if (!spec) return QCoreApplication::translate("fyr::app::InstallationSettings", "there is no setting \"%1\" (fyrctl settings list shows them)").arg(key.left(200));
    return change(who, audit, *spec, std::nullopt);
}

QString InstallationSettings::change(const Principal& who, AuditLog& audit, const SettingSpec& spec,
                                     const std::optional<QString>& text) {
    if (!allowed(who.permissions, Permission::SettingsManage))
        return QCoreApplication::translate("fyr::app::InstallationSettings", "%1 may not change settings: permission %2 is missing")
            .arg(who.user, permissionName(Permission::SettingsManage));
    const QString oldText = display(spec, value(spec.name()));
    const QString key = spec.name();
    const QString stored = m_store
                               .write([&](sqlite3* db) -> QString {
                                   if (!text) {
                                       Statement st(db, "DELETE FROM settings WHERE key = ?1");
                                       st.bind(1, key);
                                       return st.run() ? QString() : st.error();
                                   }
                                   Statement st(db,
                                                "INSERT INTO settings(key, value, updated_ms) VALUES(?1, ?2, ?3) "
                                                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                                                "updated_ms = excluded.updated_ms");
                                   st.bind(1, key).bind(2, *text).bind(3, nowMs());
                                   return st.run() ? QString() : st.error();
                               })
                               .get();
    if (!stored.isEmpty()) return QCoreApplication::translate("fyr::app::InstallationSettings", "%1 was not changed: %2").arg(key, stored);
    const QString newText = text ? *text : display(spec, spec.defaultValue);
    const QString details = text ? QStringLiteral("%1 -> %2").arg(oldText, newText)
                                 : QStringLiteral("%1 -> %2 (default)").arg(oldText, newText);
    const QString audited = audit.append(who.user, QStringLiteral("settings.change"), key, details);
    if (!audited.isEmpty()) return QCoreApplication::translate("fyr::app::InstallationSettings", "%1 was changed but the audit entry failed: %2").arg(key, audited);
    return {};
}

}  // namespace fyr::app
