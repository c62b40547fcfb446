// fyrctl's entry point, kept in the library so tests can drive it without a process.
//
//   QTextStream out(stdout), err(stderr);
//   return fyr::app::cli::run(QCoreApplication::arguments(), out, err);
#pragma once

#include <QStringList>
#include <QTextStream>

namespace fyr::app::cli {

// Handles the global options (--help, --version, --log-json, --log-level,
// --log-rules), then dispatches to the subcommand. Returns the exit code.
int run(QStringList args, QTextStream& out, QTextStream& err);

// The text of `fyrctl --help`.
QString helpText();

}  // namespace fyr::app::cli
