#include <QCoreApplication>

#include "cli/command.h"

namespace fyr::app::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"version", QT_TRANSLATE_NOOP("fyrctl", "Show version, commit, backends and CPU features"), runVersion},
        {"devices", QT_TRANSLATE_NOOP("fyrctl", "List compute backends and devices; --self-test runs a kernel on each"),
         runDevices},
        {"inspect",
         QT_TRANSLATE_NOOP("fyrctl", "Show a GGUF model's architecture, tensors, vocabulary and memory needs"),
         runInspect},
        {"tokenize", QT_TRANSLATE_NOOP("fyrctl", "Turn text into token ids with a model's own vocabulary"),
         runTokenize},
        {"template", QT_TRANSLATE_NOOP("fyrctl", "Render a chat template to the exact prompt a model sees"),
         runTemplate},
        {"eval", QT_TRANSLATE_NOOP("fyrctl", "Run a prompt through a model and print the top logits at every position"),
         runEval},
        {"generate", QT_TRANSLATE_NOOP("fyrctl", "Generate text from a prompt, streamed as it comes"), runGenerate},
        {"chat", QT_TRANSLATE_NOOP("fyrctl", "Chat with a model in the terminal, in its own chat format"), runChat},
        {"serve", QT_TRANSLATE_NOOP("fyrctl", "Serve a model over an OpenAI-compatible HTTP API, through the installation's gate"),
         runServe},
        {"bench", QT_TRANSLATE_NOOP("fyrctl", "Measure prompt and generation speed and achieved memory bandwidth"),
         runBench},
        {"quantize", QT_TRANSLATE_NOOP("fyrctl", "Write a model with its weights in another type (q8_0, q4_k_m, ...)"),
         runQuantize},
        {"make-test-model",
         QT_TRANSLATE_NOOP("fyrctl", "Write a model of any size with random weights and a real vocabulary"),
         runMakeTestModel},
        {"init", QT_TRANSLATE_NOOP("fyrctl", "Create an installation without a window: database, data key and first admin"),
         runInit},
        {"users", QT_TRANSLATE_NOOP("fyrctl", "Add, list, disable users; set passwords and roles"), runUsers},
        {"roles", QT_TRANSLATE_NOOP("fyrctl", "List roles; create custom roles, grant and revoke permissions"), runRoles},
        {"keys", QT_TRANSLATE_NOOP("fyrctl", "Create, list and revoke API keys"), runKeys},
        {"export-user", QT_TRANSLATE_NOOP("fyrctl", "Export everything held about one user as JSON"), runExportUser},
        {"erase-user", QT_TRANSLATE_NOOP("fyrctl", "Erase one user's account, conversations and keys"), runEraseUser},
        {"rotate-key", QT_TRANSLATE_NOOP("fyrctl", "Make a new data key and re-encrypt stored content with it (resumable)"),
         runRotateKey},
        {"metrics", QT_TRANSLATE_NOOP("fyrctl", "Read GPUs, CPU and memory and print Fyr's metrics in Prometheus' format"),
         runMetrics},
        {"top", QT_TRANSLATE_NOOP("fyrctl", "Live view of GPUs, CPU, memory and the latest requests' rates and latencies"),
         runTop},
        {"cost", QT_TRANSLATE_NOOP("fyrctl", "Report what requests cost, compare with hosted APIs' prices, set the on-prem pricing"),
         runCost},
        {"backup", QT_TRANSLATE_NOOP("fyrctl", "Create, list and restore encrypted backups of the installation database"),
         runBackup},
        {"settings",
         QT_TRANSLATE_NOOP("fyrctl", "Show and change the installation's settings: session timeout, trace export, alert outputs"),
         runSettings},
        {"audit", QT_TRANSLATE_NOOP("fyrctl", "Verify, export or list the tamper-evident audit log"), runAudit},
        {"guard",
         QT_TRANSLATE_NOOP("fyrctl", "Check a prompt or answer with the guards; measure or train them on a labelled corpus"),
         runGuard},
    };
    return table;
}

const Command* findCommand(const QString& name) {
    for (const Command& c : commands()) {
        if (name == QLatin1String(c.name)) return &c;
    }
    return nullptr;
}

}  // namespace fyr::app::cli
