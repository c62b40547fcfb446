// QCommandLineParser set up the same way for every fyrctl command: --help prints
// the command's help to `out`, a bad option prints the error and the hint to `err`.
#pragma once

#include <QCommandLineParser>

#include <optional>
#include <string>

#include "cli/command.h"

namespace fyr::app::cli {

// Parses args with the options already added to `parser`. Returns an exit code
// when the command should stop now (help shown, or a usage error), nullopt to go on.
std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& args, const QString& description,
                                    CommandIo& io);

// Prints "<command>: <why>" to err and returns kUsage (a mistake in the command line).
int usageError(const QStringList& args, CommandIo& io, const QString& why);
// Prints "<command>: <why>" to err and returns kFailure (the command could not do its work).
int commandFailure(const QStringList& args, CommandIo& io, const QString& why);
int commandFailure(const QStringList& args, CommandIo& io, const std::string& why);

// A secret (passphrase, password) from the first line of the file named by the
// option `--<option>`, else from the environment variable `envVar`: never from
// the command line, where other users could read it. Surrounding white space is
// dropped. False with *why (naming both ways) when there is none.
bool readSecret(const QCommandLineParser& parser, const QString& option, const QString& envVar, QByteArray* out,
                QString* why);

}  // namespace fyr::app::cli
