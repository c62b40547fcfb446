#include "engine/engine_worker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <random>
#include <string>
#include <string_view>

#include "core/log_categories.h"
#include "engine/prompt_builder.h"
#include "fyr/chat_prompt.h"
#include "fyr/generation.h"
#include "fyr/gguf_file.h"
#include "fyr/inference_context.h"
#include "fyr/model.h"
#include "fyr/model_info.h"
#include "fyr/sampler.h"
#include "fyr/tokenizer.h"

namespace fyr::app {
namespace {

// Engine errors usually start with the file's path; make sure the message names it.
QString namingFile(const QString& path, const QString& error) {
    if (error.contains(QFileInfo(path).fileName())) return error;
    return QStringLiteral("%1: %2").arg(path, error);
}

// How many leading bytes of `s` end on a character boundary: a multi-byte UTF-8
// sequence cut at the end is held back for the next batch.
size_t completeUtf8Length(const std::string& s) {
    const size_t n = s.size();
    for (size_t back = 1; back <= std::min<size_t>(n, 4); ++back) {
        const auto c = static_cast<unsigned char>(s[n - back]);
        if ((c & 0xC0) == 0x80) continue;  // continuation byte: look further back
        const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? n - back : n;
    }
    return n;  // only continuation bytes at the end: malformed, pass them on
}

SamplerParams samplerParams(const GenerationRequest& request) {
    SamplerParams p;
    if (request.temperature <= 0) {
        p = SamplerParams::greedy();
    } else {
        p.temperature = request.temperature;
        p.top_p = request.topP;
        p.top_k = request.topK;
        p.min_p = request.minP;
    }
    p.repeat_penalty = request.repeatPenalty;
    if (request.seed) {
        p.seed = *request.seed;
    } else {
        std::random_device rd;
        p.seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
    }
    return p;
}

}  // namespace

struct EngineWorker::Loaded {
    // Declared in dependency order, so they are destroyed in reverse: the context
    // and prompt builder before the tokenizer and weights, the file last.
    std::unique_ptr<GgufFile> file;
    std::unique_ptr<Model> model;
    std::unique_ptr<Tokenizer> tokenizer;
    std::unique_ptr<ChatPrompt> chatTemplate;
    std::unique_ptr<InferenceContext> context;
    std::unique_ptr<PromptBuilder> prompts;
    ModelSummary summary;
};

EngineWorker::EngineWorker(QObject* parent) : QObject(parent) {}

EngineWorker::~EngineWorker() = default;

void EngineWorker::cancelUpTo(quint64 id) {
    quint64 current = m_cancelUpTo.load(std::memory_order_relaxed);
    while (current < id && !m_cancelUpTo.compare_exchange_weak(current, id, std::memory_order_release)) {
    }
}

bool EngineWorker::isCancelled(quint64 id) const {
    return id <= m_cancelUpTo.load(std::memory_order_acquire);
}

void EngineWorker::setStreamInterval(int ms) {
    m_streamIntervalMs.store(std::max(ms, 0));
}

void EngineWorker::releaseModel() {
    m_cached.clear();
    m_loaded.reset();
}

void EngineWorker::loadModel(const QString& path, const LoadOptions& options) {
    QElapsedTimer timer;
    timer.start();
    auto fail = [&](const std::string& error) {
        const QString message = namingFile(path, QString::fromStdString(error));
        qCWarning(lcEngine).noquote() << "load failed:" << message;
        emit loadFailed(path, message);
    };
    try {
        auto next = std::make_unique<Loaded>();
        std::string error;
        next->file = GgufFile::open(QFile::encodeName(path).toStdString(), &error);
        if (!next->file) return fail(error);
        next->model = Model::load(*next->file, &error);
        if (!next->model) return fail(error);
        next->tokenizer = Tokenizer::from_gguf(*next->file, &error);
        if (!next->tokenizer) return fail(error);
        if (next->file->get_string("tokenizer.chat_template")) {
            next->chatTemplate = ChatPrompt::from_gguf(*next->file, *next->tokenizer, &error);
            if (!next->chatTemplate)
                qCWarning(lcEngine).noquote() << "the chat template cannot be used ("
                                              << QString::fromStdString(error) << "); answering with plain completions";
        }

        const int trained = next->model->hparams().n_ctx_train;
        int nCtx = options.nCtx > 0 ? options.nCtx : LoadOptions::kDefaultMaxCtx;
        if (trained > 0) nCtx = std::min(nCtx, trained);
        ContextParams params;
        params.n_ctx = nCtx;
        params.n_threads = options.nThreads;
        next->context = create_context(*next->model, params);
        next->prompts = std::make_unique<PromptBuilder>(*next->tokenizer, next->chatTemplate.get());

        const ModelInfo info = ModelInfo::from_gguf(*next->file, nCtx);
        ModelSummary& s = next->summary;
        s.path = path;
        s.name = QFileInfo(path).completeBaseName();
        s.architecture = QString::fromStdString(next->model->hparams().arch);
        s.nParams = info.n_params;
        s.fileBytes = next->file->file_size();
        s.quantType = QString::fromStdString(info.file_type);
        if (s.quantType.isEmpty() && !info.type_mix.empty())
            s.quantType = QString::fromStdString(info.type_mix.front().type).toUpper();
        s.nCtx = next->context->n_ctx();
        s.nCtxTrain = trained;
        s.backend = QString::fromStdString(next->context->backend());
        s.nThreads = next->context->n_threads();
        s.hasChatTemplate = next->chatTemplate != nullptr;
        s.loadMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

        releaseModel();
        m_loaded = std::move(next);
        const ModelSummary summary = m_loaded->summary;
        qCInfo(lcEngine).noquote() << "loaded" << path << "in" << qRound(summary.loadMs)
                                   << "ms:" << summary.architecture << "context" << summary.nCtx << "on"
                                   << summary.backend << "with" << summary.nThreads << "threads";
        emit modelLoaded(summary);
    } catch (const std::exception& e) {
        fail(e.what());
    }
}

void EngineWorker::unloadModel() {
    if (!m_loaded) return;
    qCInfo(lcEngine).noquote() << "unloaded" << m_loaded->summary.path;
    releaseModel();
    emit modelUnloaded();
}

void EngineWorker::generate(quint64 id, const GenerationRequest& request) {
    QElapsedTimer timer;
    timer.start();
    emit started(id);
    GenerationStats stats;
    if (isCancelled(id)) {
        stats.finishReason = QStringLiteral("cancelled");
        emit finished(id, stats);
        return;
    }
    if (!m_loaded) {
        emit failed(id, tr("No model is loaded."));
        return;
    }
    InferenceContext& ctx = *m_loaded->context;
    const Tokenizer& tokenizer = *m_loaded->tokenizer;

    // The guard reads the user's message before the model does.
    GenerationRequest guarded = request;
    const guard::Guard* guard = request.guard.get();
    if (guard) {
        stats.guarded = true;
        QString* userText = guarded.prompt.isEmpty() ? nullptr : &guarded.prompt;
        for (auto it = guarded.messages.rbegin(); !userText && it != guarded.messages.rend(); ++it)
            if (it->role == QLatin1String("user")) userText = &it->content;
        if (userText) {
            stats.guardInput = guard->check(*userText, guard::Direction::Input, request.guardContext);
            stats.guardMicros += stats.guardInput.elapsedUs;
            if (stats.guardInput.verdict == guard::Verdict::Block) {
                stats.finishReason = QStringLiteral("guard");
                stats.totalMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
                emit finished(id, stats);
                return;
            }
            if (stats.guardInput.verdict == guard::Verdict::Redact) *userText = stats.guardInput.text;
        }
    }

    try {
        const PromptBuilder::Result prompt = m_loaded->prompts->build(guarded);
        if (!prompt.ok()) {
            emit failed(id, prompt.error);
            return;
        }
        const std::vector<int32_t>& ids = prompt.ids;
        if (static_cast<int64_t>(ids.size()) >= ctx.n_ctx()) {
            emit failed(id, tr("The prompt has %1 tokens but the context holds %2, with room needed for the answer. "
                               "Clear the conversation or load the model with a larger context.")
                                .arg(ids.size())
                                .arg(ctx.n_ctx()));
            return;
        }

        // Reuse the K/V of the tokens this prompt shares with what the cache holds
        // (the previous turn's prompt and answer). At least the last prompt token is
        // evaluated again, since its logits start the answer.
        const auto mismatch = std::mismatch(m_cached.begin(), m_cached.end(), ids.begin(), ids.end());
        const size_t common = std::min(static_cast<size_t>(mismatch.first - m_cached.begin()), ids.size() - 1);
        ctx.truncate(static_cast<int32_t>(common));
        m_cached.resize(common);
        const std::vector<int32_t> suffix(ids.begin() + static_cast<std::ptrdiff_t>(common), ids.end());

        Sampler sampler(samplerParams(request), tokenizer.n_vocab());
        // generate() shows the penalties the tokens it evaluates; the reused ones too.
        for (size_t i = 0; i < common; ++i) sampler.accept(ids[i]);

        GenerationOptions options;
        options.n_predict = request.maxTokens > 0 ? request.maxTokens : -1;
        options.ignore_eos = request.ignoreEos;
        for (const QString& s : request.stop) {
            if (!s.isEmpty()) options.stop.push_back(s.toStdString());
        }

        std::string pending;  // text not yet sent
        QElapsedTimer sinceSent;
        bool sentAny = false;
        bool guardStopped = false;
        // With a guard, the answer so far is checked before each piece goes out; a
        // block withholds the piece and ends the answer.
        auto allowed = [&](const QString& piece) {
            if (!guard) return true;
            stats.guardOutput = guard->check(stats.text + piece, guard::Direction::Output, request.guardContext);
            stats.guardMicros += stats.guardOutput.elapsedUs;
            if (stats.guardOutput.verdict != guard::Verdict::Block) return true;
            guardStopped = true;
            return false;
        };
        auto send = [&] {
            const size_t n = completeUtf8Length(pending);
            if (n == 0) return;
            const QString piece = QString::fromUtf8(pending.data(), static_cast<qsizetype>(n));
            pending.erase(0, n);
            if (!allowed(piece)) return;
            stats.text += piece;
            sentAny = true;
            sinceSent.start();
            emit textStreamed(id, piece);
        };
        const double prepMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        const GenerationResult r = fyr::generate(ctx, tokenizer, sampler, suffix, options, [&](std::string_view piece) {
            if (isCancelled(id) || guardStopped) return false;  // stop() came before this token: drop it
            pending.append(piece);
            if (!sentAny || sinceSent.elapsed() >= m_streamIntervalMs.load(std::memory_order_relaxed)) send();
            return !isCancelled(id) && !guardStopped;  // a stop() while the piece was sent ends it here
        });
        if (!pending.empty() && !guardStopped) {
            // What was generated before a stop() still goes out, held-back bytes included.
            const QString rest = QString::fromUtf8(pending.data(), static_cast<qsizetype>(pending.size()));
            pending.clear();
            if (allowed(rest)) {
                stats.text += rest;
                emit textStreamed(id, rest);
            }
        }
        if (guard && !guardStopped) {
            // The final verdict on the whole answer; redactions apply to what is kept.
            stats.guardOutput = guard->check(stats.text, guard::Direction::Output, request.guardContext);
            stats.guardMicros += stats.guardOutput.elapsedUs;
            if (stats.guardOutput.verdict == guard::Verdict::Block) guardStopped = true;
            else if (stats.guardOutput.verdict == guard::Verdict::Redact) stats.text = stats.guardOutput.text;
        }

        // The cache now holds the prompt and the answer's tokens up to n_past().
        m_cached = ids;
        m_cached.insert(m_cached.end(), r.tokens.begin(), r.tokens.end());
        if (static_cast<size_t>(ctx.n_past()) <= m_cached.size()) {
            m_cached.resize(static_cast<size_t>(ctx.n_past()));
        } else {
            // Never expected; a cache whose contents are unknown is not worth keeping.
            ctx.clear();
            m_cached.clear();
        }

        if (r.finish_reason == "error") {
            emit failed(id, QString::fromStdString(r.error));
            return;
        }
        stats.promptTokens = static_cast<int>(ids.size());
        stats.cachedTokens = static_cast<int>(common);
        stats.generatedTokens = static_cast<int>(r.tokens.size());
        stats.ttftMs = prepMs + r.ttft_ms;
        stats.promptTokensPerSecond = r.prompt_tokens_per_s();
        stats.tokensPerSecond = r.gen_tokens_per_s();
        stats.totalMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        stats.finishReason = guardStopped ? QStringLiteral("guard") : QString::fromStdString(r.finish_reason);
        qCDebug(lcEngine).noquote() << "request" << id << stats.finishReason << "after" << stats.generatedTokens
                                    << "tokens; prompt" << stats.promptTokens << "tokens," << stats.cachedTokens
                                    << "cached; ttft" << stats.ttftMs << "ms;" << stats.tokensPerSecond << "tok/s";
        emit finished(id, stats);
    } catch (const std::exception& e) {
        // Out of memory and the like: the cache may be half written.
        ctx.clear();
        m_cached.clear();
        emit failed(id, QString::fromStdString(e.what()));
    }
}

}  // namespace fyr::app
