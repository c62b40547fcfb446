// fyrctl settings list|get|set|reset: the installation's settings (services/installation_settings.h).

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/admin_session.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "services/installation_settings.h"

namespace fyr::app::cli {

namespace {


QJsonObject entryJson(const InstallationSettings::Entry& e) {
    QJsonObject o{{QStringLiteral("key"), e.spec->name()},
                  {QStringLiteral("value"), QJsonValue::fromVariant(e.value)},
                  {QStringLiteral("default"), QJsonValue::fromVariant(e.spec->defaultValue)},
                  {QStringLiteral("is_default"), e.isDefault},
                  {QStringLiteral("description"), InstallationSettings::describe(*e.spec)}};
    if (e.updatedMs > 0)
        o.insert(QStringLiteral("updated"),
                 QDateTime::fromMSecsSinceEpoch(e.updatedMs, Qt::UTC).toString(Qt::ISODateWithMs));
    if (!e.problem.isEmpty()) o.insert(QStringLiteral("problem"), e.problem);
    return o;
}

void printEntry(const InstallationSettings::Entry& e, CommandIo& io) {
    QString value = InstallationSettings::display(*e.spec, e.value);
    if (value.isEmpty()) value = QCoreApplication::translate("fyrctl", "(empty)");
    io.out << e.spec->name() << " = " << value;
    if (e.isDefault) io.out << ' ' << QCoreApplication::translate("fyrctl", "(default)");
    io.out << '\n' << "    " << InstallationSettings::describe(*e.spec) << '\n';
    if (!e.problem.isEmpty()) io.out << "    " << e.problem << '\n';
}

}  // namespace

int runSettings(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QCoreApplication::translate("fyrctl", "list, get KEY, set KEY VALUE or reset KEY"));
    parser.addOptions({{QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print JSON.")}});
    addAdminOptions(parser);
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl", "Show and change the installation's settings (the session timeout, where traces and "
                                         "alerts go). Changes need settings.manage and are recorded in the audit log."),
                                   io))
        return *rc;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const qsizetype want = action == QLatin1String("list")  ? 1
                           : action == QLatin1String("get") || action == QLatin1String("reset") ? 2
                           : action == QLatin1String("set") ? 3
                                                            : -1;
    if (want < 0) return usageError(args, io, QCoreApplication::translate("fyrctl", "expected list, get KEY, set KEY VALUE or reset KEY"));
    if (pos.size() != want) {
        const QString form = want == 1 ? QStringLiteral("list") : want == 3 ? QStringLiteral("set KEY VALUE") : action + QStringLiteral(" KEY");
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected: settings %1").arg(form));
    }
    const QString key = pos.value(1);
    if (want >= 2 && !InstallationSettings::find(key))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "there is no setting \"%1\" (fyrctl settings list shows them)").arg(key));
    if (action == QLatin1String("set")) {
        QString why;
        if (!InstallationSettings::parse(*InstallationSettings::find(key), pos.value(2), &why))
            return usageError(args, io, why);
    }

    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    InstallationSettings settings(*s.store);
    if (action == QLatin1String("set") || action == QLatin1String("reset")) {
        if (auto rc = s.require(Permission::SettingsManage, args, io)) return *rc;
        const QString e = action == QLatin1String("set") ? settings.set(s.who, *s.audit, key, pos.value(2))
                                                         : settings.reset(s.who, *s.audit, key);
        if (!e.isEmpty()) return commandFailure(args, io, e);
    }
    QString error;
    const QList<InstallationSettings::Entry> entries = settings.entries(&error);
    if (!error.isEmpty()) return commandFailure(args, io, error);
    const bool json = parser.isSet(QStringLiteral("json"));
    QJsonArray list;
    for (const InstallationSettings::Entry& e : entries) {
        if (action != QLatin1String("list") && e.spec->name() != key) continue;
        if (json)
            list.append(entryJson(e));
        else
            printEntry(e, io);
    }
    if (json) {
        if (action == QLatin1String("list"))
            io.out << QJsonDocument(list).toJson(QJsonDocument::Compact) << '\n';
        else
            io.out << QJsonDocument(list.first().toObject()).toJson(QJsonDocument::Compact) << '\n';
    }
    return kOk;
}

}  // namespace fyr::app::cli
