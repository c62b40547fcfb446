#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "fyr/chat_template.h"
#include "fyr/chat_template_case.h"
#include "fyr/gguf_file.h"

namespace fyr::app::cli {
namespace {

// The engine names positions "template:LINE:COL"; put the file's name in their place.
QString located(const QString& sourceName, const std::string& error) {
    QString e = QString::fromStdString(error);
    if (e.startsWith(QLatin1String("template:"))) return sourceName + e.mid(8);
    return sourceName + QStringLiteral(": ") + e;
}

bool readFile(const QString& path, std::string* out, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("fyrctl", "%1: cannot read: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray bytes = f.readAll();
    out->assign(bytes.constData(), static_cast<size_t>(bytes.size()));
    return true;
}

// The text of a special token named by a tokenizer.ggml.*_token_id key, or "".
std::string tokenText(const GgufFile& file, const char* key) {
    const auto id = file.get_int(key);
    const GgufValue* tokens = file.find("tokenizer.ggml.tokens");
    if (!id || !tokens || *id < 0 || static_cast<uint64_t>(*id) >= tokens->strings.size()) return {};
    return std::string(tokens->strings[static_cast<size_t>(*id)]);
}

}  // namespace

int runTemplate(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption model(
        QStringList{QStringLiteral("m"), QStringLiteral("model")},
        QCoreApplication::translate("fyrctl", "Use the chat template stored in this GGUF model."),
        QStringLiteral("MODEL"));
    const QCommandLineOption templ(QStringLiteral("template"),
                                   QCoreApplication::translate("fyrctl", "Use the Jinja chat template in this file."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption messages(QStringLiteral("messages"),
                                      QCoreApplication::translate("fyrctl", "JSON file with the messages (an array)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption tools(QStringLiteral("tools"),
                                   QCoreApplication::translate("fyrctl", "JSON file with the tools (an array)."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption context(
        QStringLiteral("context"),
        QCoreApplication::translate("fyrctl", "JSON file with extra template variables (an object)."),
        QStringLiteral("FILE"));
    const QCommandLineOption genPrompt(QStringLiteral("add-generation-prompt"),
                                       QCoreApplication::translate("fyrctl", "End with the assistant's turn opening."));
    const QCommandLineOption bos(
        QStringLiteral("bos-token"),
        QCoreApplication::translate("fyrctl", "bos_token for the template (default: the model's)."),
        QStringLiteral("T"));
    const QCommandLineOption eos(
        QStringLiteral("eos-token"),
        QCoreApplication::translate("fyrctl", "eos_token for the template (default: the model's)."),
        QStringLiteral("T"));
    const QCommandLineOption caseFile(
        QStringLiteral("case"),
        QCoreApplication::translate("fyrctl", "Render a test case file (template, messages, tools, frozen clock)."),
        QStringLiteral("CASE"));
    parser.addOptions({model, templ, messages, tools, context, genPrompt, bos, eos, caseFile});
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl",
                                                               "Render a chat template to the exact prompt text "
                                                               "the model will see."),
                                   io))
        return *rc;
    if (!parser.positionalArguments().isEmpty())
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "unexpected argument '%1'")
                              .arg(parser.positionalArguments().first()));

    ChatTemplateInput input;
    std::string source;
    QString sourceName;
    QString error;
    std::string engineError;

    if (parser.isSet(caseFile)) {
        if (parser.isSet(model) || parser.isSet(messages) || parser.isSet(tools) || parser.isSet(context))
            return usageError(
                args, io,
                QCoreApplication::translate("fyrctl", "--case brings its own inputs; only --template may go with it"));
        const QString path = parser.value(caseFile);
        std::string text;
        if (!readFile(path, &text, &error)) return commandFailure(args, io, error);
        ChatTemplateCase c;
        if (!load_chat_template_case(text, path.toStdString(), &c, &engineError))
            return commandFailure(args, io, QString::fromStdString(engineError));
        input = std::move(c.input);
        // Cases name a template file that lies beside their folder (templates/cases/x.json -> templates/x.jinja).
        sourceName =
            parser.isSet(templ)
                ? parser.value(templ)
                : QFileInfo(path).dir().filePath(QStringLiteral("../") + QString::fromStdString(c.template_file));
        if (!readFile(sourceName, &source, &error)) return commandFailure(args, io, error);
    } else {
        if (parser.isSet(model) == parser.isSet(templ))
            return usageError(args, io,
                              QCoreApplication::translate("fyrctl", "give either -m MODEL or --template FILE"));
        if (!parser.isSet(messages))
            return usageError(args, io, QCoreApplication::translate("fyrctl", "--messages FILE is required"));
        if (parser.isSet(model)) {
            sourceName = parser.value(model);
            const auto gguf = GgufFile::open(sourceName.toStdString(), &engineError);
            if (!gguf) return commandFailure(args, io, QString::fromStdString(engineError));
            const auto t = gguf->get_string("tokenizer.chat_template");
            if (!t)
                return commandFailure(args, io,
                                      QCoreApplication::translate("fyrctl",
                                                                  "%1 has no chat template "
                                                                  "(tokenizer.chat_template); pass --template FILE")
                                          .arg(sourceName));
            source = *t;
            input.bos_token = tokenText(*gguf, "tokenizer.ggml.bos_token_id");
            input.eos_token = tokenText(*gguf, "tokenizer.ggml.eos_token_id");
        } else {
            sourceName = parser.value(templ);
            if (!readFile(sourceName, &source, &error)) return commandFailure(args, io, error);
        }
        auto loadJson = [&](const QCommandLineOption& option, nlohmann::ordered_json* out) {
            std::string text;
            if (!readFile(parser.value(option), &text, &error)) return false;
            if (!parse_ordered_json(text, parser.value(option).toStdString(), out, &engineError)) {
                error = QString::fromStdString(engineError);
                return false;
            }
            return true;
        };
        nlohmann::ordered_json msgs;
        if (!loadJson(messages, &msgs)) return commandFailure(args, io, error);
        // Accept a bare array or an object holding "messages" (an OpenAI request body).
        if (msgs.is_object() && msgs.contains("messages")) msgs = msgs["messages"];
        if (!msgs.is_array())
            return commandFailure(args, io,
                                  QCoreApplication::translate("fyrctl", "%1: expected a JSON array of messages")
                                      .arg(parser.value(messages)));
        input.messages = std::move(msgs);
        if (parser.isSet(tools) && !loadJson(tools, &input.tools)) return commandFailure(args, io, error);
        if (parser.isSet(context)) {
            if (!loadJson(context, &input.extra_context)) return commandFailure(args, io, error);
            if (!input.extra_context.is_object())
                return commandFailure(args, io,
                                      QCoreApplication::translate("fyrctl", "%1: expected a JSON object of variables")
                                          .arg(parser.value(context)));
        }
        input.add_generation_prompt = parser.isSet(genPrompt);
    }
    if (parser.isSet(bos)) input.bos_token = parser.value(bos).toStdString();
    if (parser.isSet(eos)) input.eos_token = parser.value(eos).toStdString();

    const auto tmpl = ChatTemplate::parse(source, &engineError);
    if (!tmpl) return commandFailure(args, io, located(sourceName, engineError));
    const ChatTemplateResult r = tmpl->render(input);
    if (!r.ok) {
        // raise_exception() carries the template's own message; other errors name line and column.
        return commandFailure(args, io, r.raised ? QString::fromStdString(r.error) : located(sourceName, r.error));
    }
    // Exactly the prompt: no newline added, bytes as rendered.
    io.out.flush();
    io.out << QString::fromStdString(r.text);
    return kOk;
}

}  // namespace fyr::app::cli
