#include <QCoreApplication>

#include <csignal>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "cli/engine_options.h"
#include "fyr/chat_prompt.h"
#include "fyr/generation.h"
#include "fyr/gguf_file.h"
#include "fyr/inference_context.h"
#include "fyr/model.h"
#include "fyr/sampler.h"
#include "fyr/tokenizer.h"
#include "guard/guard.h"

namespace fyr::app::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int) {
    g_interrupted.store(true);
}

// While alive, Ctrl+C stops the answer being written instead of ending fyrctl.
class InterruptGuard {
public:
    InterruptGuard() {
        g_interrupted.store(false);
        struct sigaction sa {};
        sa.sa_handler = onInterrupt;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &m_old);
    }
    ~InterruptGuard() { sigaction(SIGINT, &m_old, nullptr); }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction m_old {};
};

size_t commonPrefix(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

}  // namespace

int runChat(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption model(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                   QCoreApplication::translate("fyrctl", "The GGUF model file."),
                                   QStringLiteral("MODEL"));
    const QCommandLineOption system(QStringLiteral("system"),
                                    QCoreApplication::translate("fyrctl", "A system message to start the conversation."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption nPredict(
        QStringList{QStringLiteral("n"), QStringLiteral("n-predict")},
        QCoreApplication::translate("fyrctl", "Most tokens per answer (default: until the model ends it)."),
        QStringLiteral("N"));
    const QCommandLineOption ctxSize(
        QStringLiteral("ctx"),
        QCoreApplication::translate("fyrctl", "Context size in tokens (default: the model's, at most 4096)."),
        QStringLiteral("N"));
    const QCommandLineOption noGuard(QStringLiteral("no-guard"),
                                     QCoreApplication::translate("fyrctl", "Do not check messages and answers with the guards."));
    parser.addOptions({model, system, nPredict, ctxSize, noGuard});
    const SamplingOptions sampling;
    sampling.addTo(parser);
    const ContextOptions contextOptions;
    contextOptions.addTo(parser);
    if (auto rc = parseCommandLine(
            parser, args,
            QCoreApplication::translate("fyrctl",
                                        "Chat with a model in the terminal. Type a message and press Enter; "
                                        "Ctrl+C stops an answer, /clear starts over, /exit or Ctrl+D ends."),
            io))
        return *rc;
    if (!parser.isSet(model))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-m MODEL is required"));
    if (!parser.positionalArguments().isEmpty())
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "unexpected argument '%1'")
                              .arg(parser.positionalArguments().first()));
    SamplerParams sp;
    if (const QString bad = sampling.read(parser, &sp); !bad.isEmpty()) return usageError(args, io, bad);
    ContextParams cp;
    if (const QString bad = contextOptions.read(parser, &cp); !bad.isEmpty()) return usageError(args, io, bad);
    QString bad;
    const double n = numberOption(parser, nPredict, -1, &bad);
    const double ctxWanted = numberOption(parser, ctxSize, 0, &bad);
    if (!bad.isEmpty()) return usageError(args, io, bad);
    if (parser.isSet(nPredict) && n < 1)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-n: expected a number of tokens from 1 up"));
    if (parser.isSet(ctxSize) && ctxWanted < 1)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--ctx: expected a number of tokens from 1 up"));

    std::string error;
    const auto gguf = GgufFile::open(parser.value(model).toStdString(), &error);
    if (!gguf) return commandFailure(args, io, error);
    const auto weights = Model::load(*gguf, &error);
    if (!weights) return commandFailure(args, io, error);
    const auto tokenizer = Tokenizer::from_gguf(*gguf, &error);
    if (!tokenizer) return commandFailure(args, io, error);
    const auto chatPrompt = ChatPrompt::from_gguf(*gguf, *tokenizer, &error);
    if (!chatPrompt) {
        io.err << QString::fromStdString(error) << '\n'
               << QCoreApplication::translate("fyrctl", "Each message continues the text so far instead.\n");
    }

    const int64_t trained = gguf->arch_int("context_length").value_or(4096);
    cp.n_ctx = static_cast<int32_t>(ctxWanted > 0 ? std::min<double>(ctxWanted, 1 << 20)
                                                   : std::clamp<int64_t>(trained, 1, 4096));
    const std::unique_ptr<InferenceContext> ctx = create_context(*weights, cp, &error);
    if (!ctx) return commandFailure(args, io, error);
    io.err << QCoreApplication::translate("fyrctl", "%1: %2 tokens of context, %3. /help for commands.\n")
                  .arg(parser.value(model))
                  .arg(ctx->n_ctx())
                  .arg(QString::fromStdString(ctx->backend()));

    // Every message and answer goes through the guards (the installation's policy,
    // else the built-in one), as in the console.
    std::unique_ptr<guard::Guard> guardPtr;
    guard::GuardContext guardContext;
    if (!parser.isSet(noGuard)) {
        QString guardError;
        guardPtr = guard::Guard::create({}, &guardError);
        if (!guardPtr) return commandFailure(args, io, guardError);
        if (parser.isSet(system)) guardContext.systemPrompt = parser.value(system);
    }

    nlohmann::ordered_json messages = nlohmann::ordered_json::array();
    if (parser.isSet(system)) messages.push_back({{"role", "system"}, {"content", parser.value(system).toStdString()}});
    const nlohmann::ordered_json startMessages = messages;
    std::string transcript;         // without a template: the text so far
    std::vector<int32_t> cached;    // the tokens the context holds

    GenerationOptions opts;
    opts.n_predict = static_cast<int32_t>(n);
    std::string line;
    for (;;) {
        io.err << "> ";
        io.err.flush();
        if (!std::getline(std::cin, line)) {
            io.err << '\n';
            break;
        }
        if (line.empty()) continue;
        if (line == "/exit" || line == "/quit") break;
        if (line == "/help") {
            io.err << QCoreApplication::translate("fyrctl",
                                                  "/clear  start a new conversation\n/exit   end (or Ctrl+D)\n"
                                                  "Ctrl+C  stop the answer being written\n");
            continue;
        }
        if (line == "/clear") {
            messages = startMessages;
            transcript.clear();
            io.err << QCoreApplication::translate("fyrctl", "(new conversation)\n");
            continue;
        }

        if (guardPtr) {
            const guard::GuardResult verdict =
                guardPtr->check(QString::fromStdString(line), guard::Direction::Input, guardContext);
            if (verdict.verdict == guard::Verdict::Block) {
                io.err << verdict.reason() << '\n';
                continue;
            }
            if (verdict.verdict != guard::Verdict::Allow) io.err << verdict.reason() << '\n';
            if (verdict.verdict == guard::Verdict::Redact) line = verdict.text.toStdString();
        }

        std::string text;
        if (chatPrompt) {
            messages.push_back({{"role", "user"}, {"content", line}});
            const auto rendered = chatPrompt->render(messages, true, &error);
            if (!rendered) {
                messages.erase(messages.end() - 1);
                io.err << QString::fromStdString(error) << '\n';
                continue;
            }
            text = *rendered;
        } else {
            text = transcript + (transcript.empty() ? "" : "\n") + line;
        }
        const std::vector<int32_t> ids = tokenizer->encode_prompt(text, /*with_bos=*/true, chatPrompt != nullptr);
        if (static_cast<int64_t>(ids.size()) >= ctx->n_ctx()) {
            if (chatPrompt) messages.erase(messages.end() - 1);
            io.err << QCoreApplication::translate("fyrctl",
                                                  "The conversation needs %1 tokens but the context holds %2; "
                                                  "/clear to start over.\n")
                          .arg(ids.size())
                          .arg(ctx->n_ctx());
            continue;
        }
        // Keep what the context already holds of this prompt (earlier turns).
        const size_t keep = std::min(commonPrefix(cached, ids), ids.size() - 1);
        ctx->truncate(static_cast<int32_t>(keep));
        const std::vector<int32_t> rest(ids.begin() + static_cast<std::ptrdiff_t>(keep), ids.end());

        Sampler sampler(sp, tokenizer->n_vocab());
        GenerationResult r;
        std::string shown;
        guard::GuardResult answerVerdict;
        {
            InterruptGuard guard;
            r = generate(*ctx, *tokenizer, sampler, rest, opts, [&](std::string_view piece) {
                if (guardPtr) {
                    // The answer so far is checked before the piece is shown.
                    answerVerdict = guardPtr->check(QString::fromStdString(shown + std::string(piece)),
                                                    guard::Direction::Output, guardContext);
                    if (answerVerdict.verdict == guard::Verdict::Block) return false;
                }
                shown += piece;
                io.out << QString::fromUtf8(piece.data(), static_cast<qsizetype>(piece.size()));
                io.out.flush();
                return !g_interrupted.load();
            });
        }
        io.out << '\n';
        io.out.flush();
        if (answerVerdict.verdict == guard::Verdict::Block) io.err << answerVerdict.reason() << '\n';
        if (r.finish_reason == "error") {
            io.err << QString::fromStdString(r.error) << '\n';
            cached.clear();
            ctx->clear();
            if (chatPrompt) messages.erase(messages.end() - 1);
            continue;
        }
        cached = ids;
        cached.insert(cached.end(), r.tokens.begin(), r.tokens.end());
        cached.resize(std::min(cached.size(), static_cast<size_t>(ctx->n_past())));
        // What was shown is what the conversation keeps (a blocked answer ends where it was stopped).
        const std::string& answer = guardPtr ? shown : r.text;
        if (chatPrompt) {
            messages.push_back({{"role", "assistant"}, {"content", answer}});
        } else {
            transcript = text + answer;
        }
        io.err << QCoreApplication::translate("fyrctl", "[%1 tokens, %2 tokens/s, first after %3 ms, %4]\n")
                      .arg(r.tokens.size())
                      .arg(r.gen_tokens_per_s(), 0, 'f', 1)
                      .arg(r.ttft_ms, 0, 'f', 0)
                      .arg(QString::fromStdString(r.finish_reason));
        if (r.finish_reason == "context")
            io.err << QCoreApplication::translate("fyrctl", "The context is full; /clear to start over.\n");
    }
    return kOk;
}

}  // namespace fyr::app::cli
