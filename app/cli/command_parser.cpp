#include "cli/command_parser.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcessEnvironment>

namespace fyr::app::cli {

std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& args, const QString& description,
                                    CommandIo& io) {
    parser.setApplicationDescription(description);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("fyrctl", "Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        io.err << args.value(0) << ": " << parser.errorText() << '\n'
               << QCoreApplication::translate("fyrctl", "Run '%1 --help' for the options.\n").arg(args.value(0));
        return kUsage;
    }
    if (parser.isSet(help)) {
        // helpText() names the binary; show the subcommand instead.
        QString text = parser.helpText();
        const QString usage = QStringLiteral("Usage: ");
        const qsizetype at = text.indexOf(QLatin1Char(' '), text.indexOf(usage) + usage.size());
        if (text.startsWith(usage) && at > 0) text = usage + args.value(0) + text.mid(at);
        io.out << text;
        return kOk;
    }
    return std::nullopt;
}

int usageError(const QStringList& args, CommandIo& io, const QString& why) {
    io.err << args.value(0) << ": " << why << '\n';
    return kUsage;
}

int commandFailure(const QStringList& args, CommandIo& io, const QString& why) {
    io.err << args.value(0) << ": " << why << '\n';
    return kFailure;
}

int commandFailure(const QStringList& args, CommandIo& io, const std::string& why) {
    return commandFailure(args, io, QString::fromStdString(why));
}

bool readSecret(const QCommandLineParser& parser, const QString& option, const QString& envVar, QByteArray* out,
                QString* why) {
    if (parser.isSet(option)) {
        QFile f(parser.value(option));
        if (!f.open(QIODevice::ReadOnly)) {
            *why = QCoreApplication::translate("fyrctl", "%1: cannot read: %2").arg(f.fileName(), f.errorString());
            return false;
        }
        *out = f.readLine().trimmed();
    } else {
        *out = QProcessEnvironment::systemEnvironment().value(envVar).toUtf8();
    }
    if (out->isEmpty()) {
        *why = QCoreApplication::translate("fyrctl", "no secret given: use --%1 FILE or set %2").arg(option, envVar);
        return false;
    }
    return true;
}

}  // namespace fyr::app::cli
