#include "cli/cli.h"

#include <QCoreApplication>

#include "cli/command.h"
#include "core/build_report.h"
#include "core/logging.h"

namespace fyr::app::cli {
QString helpText() {
    QString s;
    s += QCoreApplication::translate("fyrctl", "Usage: fyrctl [global options] <command> [options]\n\n");
    s += QCoreApplication::translate("fyrctl", "Commands:\n");
    int width = 0;
    for (const Command& c : commands()) width = std::max(width, static_cast<int>(qstrlen(c.name)));
    for (const Command& c : commands()) {
        s += QStringLiteral("  %1  %2\n")
                 .arg(QLatin1String(c.name), -width)
                 .arg(QCoreApplication::translate("fyrctl", c.summary));
    }
    s += QCoreApplication::translate("fyrctl",
                                     "\nGlobal options:\n"
                                     "  -h, --help           Show this help (or a command's: fyrctl <command> --help)\n"
                                     "  -V, --version        Same as the version command\n"
                                     "  --log-level LEVEL    debug, info, warning or critical (default: info)\n"
                                     "  --log-json           Write log lines to stderr as JSON objects\n"
                                     "  --log-rules RULES    Logging category rules, e.g. \"fyr.engine.debug=true\"\n");
    return s;
}

int run(QStringList args, QTextStream& out, QTextStream& err) {
    const QString program = args.isEmpty() ? QStringLiteral("fyrctl") : args.takeFirst();
    Q_UNUSED(program)

    LogOptions logOptions;
    QString error;
    if (!Logging::takeArguments(args, logOptions, &error)) {
        err << "fyrctl: " << error << '\n';
        return kUsage;
    }
    Logging::install(logOptions);

    if (args.isEmpty()) {
        err << helpText();
        return kUsage;
    }
    const QString first = args.first();
    if (first == QLatin1String("-h") || first == QLatin1String("--help") || first == QLatin1String("help")) {
        if (args.size() > 1 && first == QLatin1String("help")) {
            if (const Command* c = findCommand(args.at(1))) {
                CommandIo io{out, err};
                return c->run({QStringLiteral("fyrctl ") + QLatin1String(c->name), QStringLiteral("--help")}, io);
            }
        }
        out << helpText();
        return kOk;
    }
    if (first == QLatin1String("-V") || first == QLatin1String("--version")) {
        args.replace(0, QStringLiteral("version"));
    }
    const Command* command = findCommand(args.first());
    if (!command) {
        err << QCoreApplication::translate("fyrctl",
                                           "fyrctl: unknown command '%1'. Run 'fyrctl --help' for the list.\n")
                   .arg(args.first());
        return kUsage;
    }
    args.replace(0, QStringLiteral("fyrctl ") + QLatin1String(command->name));
    CommandIo io{out, err};
    const int rc = command->run(args, io);
    out.flush();
    err.flush();
    return rc;
}

}  // namespace fyr::app::cli
