// QCommandLineParser set up the same way for every fyrctl command: --help prints
// the command's help to `out`, a bad option prints the error and the hint to `err`.
#pragma once

#include <QCommandLineParser>

#include <optional>

#include "cli/command.h"

namespace fyr::app::cli {

// Parses args with the options already added to `parser`. Returns an exit code
// when the command should stop now (help shown, or a usage error), nullopt to go on.
std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& args, const QString& description,
                                    CommandIo& io);

}  // namespace fyr::app::cli
