#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <memory>

#include "cli/admin_session.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "cli/engine_options.h"
#include "fyr/chat_prompt.h"
#include "fyr/generation.h"
#include "fyr/gguf_file.h"
#include "fyr/model.h"
#include "fyr/inference_context.h"
#include "fyr/paged_kv_cache.h"
#include "fyr/sampler.h"
#include "fyr/tokenizer.h"
#include "fyr/vocab.h"
#include "guard/guard.h"
#include "services/request_gate.h"

namespace fyr::app::cli {
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
    const QCommandLineOption draftModel(
        QStringLiteral("draft"),
        QCoreApplication::translate("fyrctl",
                                    "Speculative decoding: a smaller model with the same vocabulary proposes "
                                    "tokens, this model checks them in one batch (same output, faster)."),
        QStringLiteral("DRAFT_MODEL"));
    const QCommandLineOption draftMax(
        QStringLiteral("draft-max"),
        QCoreApplication::translate("fyrctl", "With --draft: most tokens proposed per step (default 8)."),
        QStringLiteral("N"), QStringLiteral("8"));
    parser.addOptions({model, prompt, nPredict, stop, chat, ignoreEos, ctxSize, json, draftModel, draftMax});
    const SamplingOptions sampling;
    sampling.addTo(parser);
    // With --as, the request goes through the same gate as chat and the API: model
    // access, quotas, the guards, a request record and security events.
    addAdminOptions(parser);
    const ContextOptions contextOptions;
    contextOptions.addTo(parser);
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

    SamplerParams sp;
    if (const QString bad = sampling.read(parser, &sp); !bad.isEmpty()) return usageError(args, io, bad);
    ContextParams cp;
    if (const QString bad = contextOptions.read(parser, &cp); !bad.isEmpty()) return usageError(args, io, bad);
    QString bad;
    const double n = numberOption(parser, nPredict, 128, &bad);
    const double ctxWanted = numberOption(parser, ctxSize, 0, &bad);
    if (!bad.isEmpty()) return usageError(args, io, bad);
    if (n < 1 || n > 1e7)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-n: expected a number of tokens from 1 up"));
    const double nDraft = numberOption(parser, draftMax, 8, &bad);
    if (!bad.isEmpty()) return usageError(args, io, bad);
    if (nDraft < 1 || nDraft > 64 || nDraft != std::floor(nDraft))
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "--draft-max: expected a whole number from 1 to 64"));

    std::string error;
    const auto gguf = GgufFile::open(parser.value(model).toStdString(), &error);
    if (!gguf) return commandFailure(args, io, error);
    const auto weights = Model::load(*gguf, &error);
    if (!weights) return commandFailure(args, io, error);
    const auto tokenizer = Tokenizer::from_gguf(*gguf, &error);
    if (!tokenizer) return commandFailure(args, io, error);

    std::string text = parser.value(prompt).toStdString();
    AdminSession session;
    std::unique_ptr<RequestGate> gate;
    RequestGate::Admission admission;
    std::shared_ptr<const guard::Guard> guardPtr;
    if (parser.isSet(QStringLiteral("as"))) {
        if (auto rc = openAdminSession(parser, args, io, &session)) return *rc;
        QString guardError;
        guardPtr = guard::Guard::forInstallation(session.store->path(), {}, &guardError);
        if (!guardPtr) return commandFailure(args, io, guardError);
        gate = std::make_unique<RequestGate>(*session.store, guardPtr);
        const QString modelName = QString::fromStdString(gguf->get_string("general.name").value_or(std::string()));
        admission = gate->admit(session.who, {modelName.isEmpty() ? QFileInfo(parser.value(model)).completeBaseName() : modelName,
                                               QFileInfo(parser.value(model)).fileName()},
                                parser.value(prompt), static_cast<int64_t>(text.size() / 4 + n));
        if (!admission.allowed) return commandFailure(args, io, admission.reason);
        if (auto rc = session.record(QStringLiteral("model.load"), parser.value(model), modelName, args, io)) return *rc;
        text = admission.prompt.toStdString();
    }
    bool parseSpecial = false;
    if (parser.isSet(chat)) {
        const auto chatPrompt = ChatPrompt::from_gguf(*gguf, *tokenizer, &error);
        if (!chatPrompt) return commandFailure(args, io, error);
        // With --as, the policy's identity-aware system prompt goes first.
        nlohmann::ordered_json messages = nlohmann::ordered_json::array();
        if (!admission.systemPrompt.isEmpty())
            messages.push_back({{"role", "system"}, {"content", admission.systemPrompt.toStdString()}});
        messages.push_back({{"role", "user"}, {"content", text}});
        const auto rendered = chatPrompt->render(messages, true, &error);
        if (!rendered) return commandFailure(args, io, error);
        text = *rendered;
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

    cp.n_ctx = nCtx;
    const std::unique_ptr<InferenceContext> ctx = create_context(*weights, cp, &error);
    if (!ctx) return commandFailure(args, io, error);

    // The draft model: its vocabulary must be the target's, token for token.
    std::unique_ptr<GgufFile> draftGguf;
    std::unique_ptr<Model> draftWeights;
    std::unique_ptr<InferenceContext> draftCtx;
    if (parser.isSet(draftModel)) {
        const QString path = parser.value(draftModel);
        draftGguf = GgufFile::open(path.toStdString(), &error);
        if (!draftGguf) return commandFailure(args, io, error);
        draftWeights = Model::load(*draftGguf, &error);
        if (!draftWeights) return commandFailure(args, io, error);
        if (const QString mismatch = draftVocabularyMismatch(*tokenizer, *draftGguf, path); !mismatch.isEmpty())
            return commandFailure(args, io, mismatch);
        ContextParams dp = cp;
        dp.n_ctx = nCtx;
        draftCtx = create_context(*draftWeights, dp, &error);
        if (!draftCtx) return commandFailure(args, io, error);
    }
    Sampler sampler(sp, tokenizer->n_vocab());
    GenerationOptions opts;
    opts.n_predict = static_cast<int32_t>(n);
    opts.ignore_eos = parser.isSet(ignoreEos);
    for (const QString& s : parser.values(stop)) opts.stop.push_back(s.toStdString());
    opts.draft = draftCtx.get();
    opts.draft_max = static_cast<int32_t>(nDraft);

    const bool asJson = parser.isSet(json);
    // With a gate, the answer so far passes the output guard before each piece is shown.
    std::string shown;
    guard::GuardResult outputVerdict;
    bool guardStopped = false;
    QElapsedTimer wall;
    wall.start();
    const GenerationResult r = generate(*ctx, *tokenizer, sampler, ids, opts, [&](std::string_view piece) {
        if (guardPtr) {
            outputVerdict = guardPtr->check(QString::fromStdString(shown + std::string(piece)), guard::Direction::Output,
                                            admission.guardContext);
            if (outputVerdict.verdict == guard::Verdict::Block) {
                guardStopped = true;
                return false;
            }
        }
        shown += piece;
        if (!asJson) {
            io.out << QString::fromUtf8(piece.data(), static_cast<qsizetype>(piece.size()));
            io.out.flush();
        }
        return true;
    });
    if (gate) {
        RequestGate::Outcome outcome;
        outcome.promptTokens = static_cast<int>(r.prompt_tokens.size());
        outcome.generatedTokens = static_cast<int>(r.tokens.size());
        outcome.ttftMs = r.ttft_ms;
        outcome.e2eMs = static_cast<double>(wall.nsecsElapsed()) / 1e6;
        outcome.finishReason = guardStopped ? QStringLiteral("guard") : QString::fromStdString(r.finish_reason);
        outcome.output = outputVerdict;
        // One sequence in a context of its own: the positions its cache (and the
        // draft's) held at the end, each K and V of every layer in f16 (the
        // single-sequence context's layout).
        auto heldBytes = [](const Model& m, const InferenceContext& c) {
            const ModelHParams& hp = m.hparams();
            return static_cast<int64_t>(c.n_past()) *
                   static_cast<int64_t>(PagedKvCache::block_bytes(hp.n_layer, hp.n_embd_kv(), /*block_tokens=*/1));
        };
        outcome.kvPeakBytes = heldBytes(*weights, *ctx) + (draftCtx ? heldBytes(*draftWeights, *draftCtx) : 0);
        if (const QString e = gate->finish(admission, outcome); !e.isEmpty()) return commandFailure(args, io, e);
        if (guardStopped) {
            if (!asJson) io.out << '\n';
            return commandFailure(args, io, outputVerdict.reason());
        }
    }
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
        if (draftCtx) {
            QJsonObject d;
            d.insert(QStringLiteral("model"), parser.value(draftModel));
            d.insert(QStringLiteral("draft_max"), opts.draft_max);
            d.insert(QStringLiteral("proposed"), r.draft_tokens);
            d.insert(QStringLiteral("accepted"), r.draft_accepted);
            d.insert(QStringLiteral("acceptance_rate"), r.draft_acceptance());
            o.insert(QStringLiteral("speculative"), d);
        }
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
        if (draftCtx)
            io.err << QCoreApplication::translate("fyrctl", "draft: %1 of %2 proposed tokens accepted (%3%)\n")
                          .arg(r.draft_accepted)
                          .arg(r.draft_tokens)
                          .arg(100.0 * r.draft_acceptance(), 0, 'f', 1);
    }
    return kOk;
}

}  // namespace fyr::app::cli
