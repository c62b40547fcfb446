#include <QCoreApplication>
#include <QJsonDocument>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "core/build_report.h"

namespace fyr::app::cli {

int runVersion(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"),
                                  QCoreApplication::translate("fyrctl", "Print the facts as one JSON object."));
    parser.addOption(json);
    if (auto rc = parseCommandLine(
            parser, args,
            QCoreApplication::translate("fyrctl", "Show version, commit, backends and the CPU features detected."), io))
        return *rc;
    if (!parser.positionalArguments().isEmpty())
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "unexpected argument '%1'")
                              .arg(parser.positionalArguments().first()));
    if (parser.isSet(json)) {
        io.out << QJsonDocument(BuildReport::json()).toJson(QJsonDocument::Indented);
    } else {
        io.out << BuildReport::text(QStringLiteral("fyrctl"));
    }
    return kOk;
}

}  // namespace fyr::app::cli
