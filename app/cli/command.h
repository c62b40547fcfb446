// A fyrctl subcommand: its name, a one-line summary, and the function that runs it.
// All subcommands are listed in one table (command_table.cpp); adding a command is
// one row there plus its own file.
#pragma once

#include <QStringList>
#include <QTextStream>

#include <functional>

namespace fyr::app::cli {

// Where a command writes: `out` for results (scripts read it), `err` for messages.
struct CommandIo {
    QTextStream& out;
    QTextStream& err;
};

// Exit codes shared by every command.
enum ExitCode : int { kOk = 0, kFailure = 1, kUsage = 2 };

struct Command {
    const char* name;     // "version"
    const char* summary;  // untranslated; marked with QT_TRANSLATE_NOOP("fyrctl", …)
    // args[0] is "fyrctl <name>", the rest are the command's own arguments.
    std::function<int(const QStringList& args, CommandIo& io)> run;
};

// The table, in the order `fyrctl --help` lists it.
const std::vector<Command>& commands();
const Command* findCommand(const QString& name);

// Commands (one file each).
int runVersion(const QStringList& args, CommandIo& io);
int runDevices(const QStringList& args, CommandIo& io);
int runInspect(const QStringList& args, CommandIo& io);
int runTokenize(const QStringList& args, CommandIo& io);
int runTemplate(const QStringList& args, CommandIo& io);
int runGenerate(const QStringList& args, CommandIo& io);
int runEval(const QStringList& args, CommandIo& io);
int runChat(const QStringList& args, CommandIo& io);
int runServe(const QStringList& args, CommandIo& io);
int runBench(const QStringList& args, CommandIo& io);
int runQuantize(const QStringList& args, CommandIo& io);
int runMakeTestModel(const QStringList& args, CommandIo& io);
int runBackup(const QStringList& args, CommandIo& io);
int runAudit(const QStringList& args, CommandIo& io);
int runGuard(const QStringList& args, CommandIo& io);
int runInit(const QStringList& args, CommandIo& io);
int runUsers(const QStringList& args, CommandIo& io);
int runKeys(const QStringList& args, CommandIo& io);
int runRoles(const QStringList& args, CommandIo& io);
int runExportUser(const QStringList& args, CommandIo& io);
int runEraseUser(const QStringList& args, CommandIo& io);
int runRotateKey(const QStringList& args, CommandIo& io);
int runMetrics(const QStringList& args, CommandIo& io);
int runCost(const QStringList& args, CommandIo& io);
int runSettings(const QStringList& args, CommandIo& io);
int runTop(const QStringList& args, CommandIo& io);

}  // namespace fyr::app::cli
