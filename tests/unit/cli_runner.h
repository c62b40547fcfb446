// Runs fyrctl through its library entry point and captures what it prints:
// runCli({"eval", "-m", model, ...}) → {exit code, stdout, stderr}.
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include "cli/cli.h"

struct CliResult {
    int rc;
    QString out;
    QString err;
};

inline CliResult runCli(const QStringList& args) {
    QString out, err;
    QTextStream o(&out), e(&err);
    const int rc = fyr::app::cli::run(QStringList{QStringLiteral("fyrctl")} + args, o, e);
    o.flush();
    e.flush();
    qInstallMessageHandler(nullptr);  // the CLI installs its own; give QtTest's back
    return {rc, out, err};
}
