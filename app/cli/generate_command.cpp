#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <random>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "fyr/chat_template.h"
#include "fyr/generation.h"
#include "fyr/gguf_file.h"
#include "fyr/model.h"
#include "fyr/reference_forward.h"
#include "fyr/sampler.h"
#include "fyr/tokenizer.h"

namespace fyr::app::cli {
namespace {

// The text of a special token (BOS, EOS) for the chat template, or "" when the vocabulary has none.
std::string tokenText(const Tokenizer& tokenizer, int32_t id) {
    return id >= 0 ? tokenizer.token_to_piece(id, /*special=*/true) : std::string();
}

}  // namespace

int runGenerate(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption model(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                   QCoreApplication::translate("fyrctl", "The GGUF model file."),
                                   QStringLiteral("MODEL"));
    const QCommandLineOption prompt(QStringList{QStringLiteral("p"), QStringLiteral("prompt")},
                                    QCoreApplication::translate("fyrctl", "The prompt text."), QStringLiteral("TEXT"));
    const QCommandLineOption nPredict(QStringList{QStringLiteral("n"), QStringLiteral("n-predict")},
                                      QCoreApplication::translate("fyrctl", "Most tokens to generate (default 128)."),
                                      QStringLiteral("N"), QStringLiteral("128"));
    const QCommandLineOption greedy(QStringLiteral("greedy"),
                                    QCoreApplication::translate("fyrctl", "Always take the most likely token."));
    const QCommandLineOption temp(QStringLiteral("temp"),
                                  QCoreApplication::translate("fyrctl", "Temperature (default 0.8)."),
                                  QStringLiteral("T"));
    const QCommandLineOption topK(QStringLiteral("top-k"),
                                  QCoreApplication::translate("fyrctl", "Top-k (default 40; 0: off)."),
                                  QStringLiteral("K"));
    const QCommandLineOption topP(QStringLiteral("top-p"),
                                  QCoreApplication::translate("fyrctl", "Top-p (default 0.95; 1: off)."),
                                  QStringLiteral("P"));
    const QCommandLineOption minP(QStringLiteral("min-p"),
                                  QCoreApplication::translate("fyrctl", "Min-p (default 0.05; 0: off)."),
                                  QStringLiteral("P"));
    const QCommandLineOption typicalP(QStringLiteral("typical-p"),
                                      QCoreApplication::translate("fyrctl", "Typical-p (default 1: off)."),
                                      QStringLiteral("P"));
    const QCommandLineOption repeatPenalty(
        QStringLiteral("repeat-penalty"), QCoreApplication::translate("fyrctl", "Repetition penalty (default 1: off)."),
        QStringLiteral("X"));
    const QCommandLineOption repeatLastN(
        QStringLiteral("repeat-last-n"),
        QCoreApplication::translate("fyrctl", "Tokens the penalties look back over (default 64; -1: all)."),
        QStringLiteral("N"));
    const QCommandLineOption frequencyPenalty(QStringLiteral("frequency-penalty"),
                                              QCoreApplication::translate("fyrctl", "Frequency penalty (default 0)."),
                                              QStringLiteral("X"));
    const QCommandLineOption presencePenalty(QStringLiteral("presence-penalty"),
                                             QCoreApplication::translate("fyrctl", "Presence penalty (default 0)."),
                                             QStringLiteral("X"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QCoreApplication::translate("fyrctl", "Random seed (default: a new one each run)."),
                                  QStringLiteral("S"));
    const QCommandLineOption stop(QStringLiteral("stop"),
                                  QCoreApplication::translate("fyrctl", "Stop before this text (may be repeated)."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption chat(QStringLiteral("chat"),
                                  QCoreApplication::translate("fyrctl",
                                                              "Wrap the prompt in the model's chat template "
                                                              "as a user message."));
    const QCommandLineOption ignoreEos(
        QStringLiteral("ignore-eos"),
        QCoreApplication::translate("fyrctl", "Keep generating past end-of-text tokens."));
    const QCommandLineOption ctxSize(QStringLiteral("ctx"),
                                     QCoreApplication::translate("fyrctl", "Context size (default: prompt + N)."),
                                     QStringLiteral("N"));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QCoreApplication::translate("fyrctl", "Print the result and timings as one JSON object."));
    parser.addOptions({model, prompt, nPredict, greedy, temp, topK, topP, minP, typicalP, repeatPenalty, repeatLastN,
                       frequencyPenalty, presencePenalty, seed, stop, chat, ignoreEos, ctxSize, json});
    if (auto rc = parseCommandLine(
            parser, args,
            QCoreApplication::translate("fyrctl", "Generate text from a prompt, streaming it as it comes."), io))
        return *rc;

    if (!parser.isSet(model))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-m MODEL is required"));
    if (!parser.isSet(prompt))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-p TEXT is required"));
    if (!parser.positionalArguments().isEmpty())
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "unexpected argument '%1'")
                              .arg(parser.positionalArguments().first()));

    // Numbers: each option must parse completely.
    QString bad;
    auto number = [&](const QCommandLineOption& o, double fallback) {
        if (!parser.isSet(o)) return fallback;
        bool ok = false;
        const double v = parser.value(o).toDouble(&ok);
        if (!ok && bad.isEmpty())
            bad = QCoreApplication::translate("fyrctl", "--%1: '%2' is not a number")
                      .arg(o.names().last(), parser.value(o));
        return ok ? v : fallback;
    };
    SamplerParams sp;
    if (parser.isSet(greedy)) {
        sp = SamplerParams::greedy();
        if (parser.isSet(temp) || parser.isSet(topK) || parser.isSet(topP) || parser.isSet(minP) ||
            parser.isSet(typicalP))
            return usageError(
                args, io, QCoreApplication::translate("fyrctl", "--greedy cannot be combined with sampling options"));
    }
    sp.temperature = static_cast<float>(number(temp, sp.temperature));
    sp.top_k = static_cast<int32_t>(number(topK, sp.top_k));
    sp.top_p = static_cast<float>(number(topP, sp.top_p));
    sp.min_p = static_cast<float>(number(minP, sp.min_p));
    sp.typical_p = static_cast<float>(number(typicalP, sp.typical_p));
    sp.repeat_penalty = static_cast<float>(number(repeatPenalty, sp.repeat_penalty));
    sp.repeat_last_n = static_cast<int32_t>(number(repeatLastN, sp.repeat_last_n));
    sp.frequency_penalty = static_cast<float>(number(frequencyPenalty, sp.frequency_penalty));
    sp.presence_penalty = static_cast<float>(number(presencePenalty, sp.presence_penalty));
    const double n = number(nPredict, 128);
    const double ctxWanted = number(ctxSize, 0);
    if (parser.isSet(seed)) {
        bool ok = false;
        sp.seed = parser.value(seed).toULongLong(&ok);
        if (!ok)
            return usageError(
                args, io,
                QCoreApplication::translate("fyrctl", "--seed: '%1' is not a whole number").arg(parser.value(seed)));
    } else {
        sp.seed = (static_cast<uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
    }
    if (!bad.isEmpty()) return usageError(args, io, bad);
    if (n < 1 || n > 1e7)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-n: expected a number of tokens from 1 up"));

    std::string error;
    const auto gguf = GgufFile::open(parser.value(model).toStdString(), &error);
    if (!gguf) return commandFailure(args, io, error);
    const auto weights = Model::load(*gguf, &error);
    if (!weights) return commandFailure(args, io, error);
    const auto tokenizer = Tokenizer::from_gguf(*gguf, &error);
    if (!tokenizer) return commandFailure(args, io, error);

    std::string text = parser.value(prompt).toStdString();
    bool parseSpecial = false;
    if (parser.isSet(chat)) {
        const auto source = gguf->get_string("tokenizer.chat_template");
        if (!source)
            return commandFailure(
                args, io,
                QCoreApplication::translate("fyrctl", "%1 has no chat template (tokenizer.chat_template)")
                    .arg(parser.value(model)));
        const auto tmpl = ChatTemplate::parse(*source, &error);
        if (!tmpl)
            return commandFailure(args, io, parser.value(model) + QStringLiteral(": ") + QString::fromStdString(error));
        ChatTemplateInput in;
        in.messages = nlohmann::ordered_json::array({{{"role", "user"}, {"content", text}}});
        in.add_generation_prompt = true;
        in.bos_token = tokenText(*tokenizer, tokenizer->bos_id());
        in.eos_token = tokenText(*tokenizer, tokenizer->eos_id());
        const ChatTemplateResult rendered = tmpl->render(in);
        if (!rendered.ok) return commandFailure(args, io, rendered.error);
        text = rendered.text;
        parseSpecial = true;  // the template writes special tokens as text
    }
    const std::vector<int32_t> ids = tokenizer->encode_prompt(text, /*with_bos=*/true, parseSpecial);
    if (ids.empty()) return commandFailure(args, io, QCoreApplication::translate("fyrctl", "the prompt has no tokens"));

    const int64_t trained = gguf->arch_int("context_length").value_or(4096);
    const int64_t wanted =
        ctxWanted > 0 ? static_cast<int64_t>(ctxWanted) : static_cast<int64_t>(ids.size()) + static_cast<int64_t>(n);
    const auto nCtx = static_cast<int32_t>(std::clamp<int64_t>(wanted, 1, std::max<int64_t>(trained, 1)));
    if (static_cast<int64_t>(ids.size()) > nCtx)
        return commandFailure(args, io,
                              QCoreApplication::translate("fyrctl", "the prompt has %1 tokens but the context holds %2")
                                  .arg(ids.size())
                                  .arg(nCtx));

    ReferenceContext ctx(*weights, nCtx);
    Sampler sampler(sp, tokenizer->n_vocab());
    GenerationOptions opts;
    opts.n_predict = static_cast<int32_t>(n);
    opts.ignore_eos = parser.isSet(ignoreEos);
    for (const QString& s : parser.values(stop)) opts.stop.push_back(s.toStdString());

    const bool asJson = parser.isSet(json);
    const GenerationResult r = generate(ctx, *tokenizer, sampler, ids, opts, [&](std::string_view piece) {
        if (!asJson) {
            io.out << QString::fromUtf8(piece.data(), static_cast<qsizetype>(piece.size()));
            io.out.flush();
        }
        return true;
    });
    if (r.finish_reason == "error") return commandFailure(args, io, r.error);

    if (asJson) {
        QJsonArray promptTokens, tokens;
        for (int32_t id : r.prompt_tokens) promptTokens.append(id);
        for (int32_t id : r.tokens) tokens.append(id);
        QJsonObject timings;
        timings.insert(QStringLiteral("prompt_tokens_per_s"), r.prompt_tokens_per_s());
        timings.insert(QStringLiteral("gen_tokens_per_s"), r.gen_tokens_per_s());
        timings.insert(QStringLiteral("ttft_ms"), r.ttft_ms);
        QJsonObject o;
        o.insert(QStringLiteral("prompt_tokens"), promptTokens);
        o.insert(QStringLiteral("tokens"), tokens);
        o.insert(QStringLiteral("text"), QString::fromStdString(r.text));
        o.insert(QStringLiteral("finish_reason"), QString::fromStdString(r.finish_reason));
        o.insert(QStringLiteral("seed"), QString::number(sp.seed));
        o.insert(QStringLiteral("timings"), timings);
        io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    } else {
        io.out << '\n';
        io.err << QCoreApplication::translate(
                      "fyrctl",
                      "%1 prompt tokens at %2 tokens/s, %3 generated at %4 tokens/s, first token after %5 ms (%6)\n")
                      .arg(r.prompt_tokens.size())
                      .arg(r.prompt_tokens_per_s(), 0, 'f', 1)
                      .arg(r.tokens.size())
                      .arg(r.gen_tokens_per_s(), 0, 'f', 1)
                      .arg(r.ttft_ms, 0, 'f', 1)
                      .arg(QString::fromStdString(r.finish_reason));
    }
    return kOk;
}

}  // namespace fyr::app::cli
