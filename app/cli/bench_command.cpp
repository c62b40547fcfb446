#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include "cli/bench_concurrency.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "cli/engine_options.h"
#include "fyr/gguf_file.h"
#include "fyr/inference_context.h"
#include "fyr/model.h"
#include "fyr/tokenizer.h"
#include "services/runtime_metrics.h"
#include "telemetry/fyr_metrics.h"
#include "telemetry/metrics_registry.h"
#include "telemetry/prometheus_text.h"

namespace fyr::app::cli {
namespace {

struct Stats {
    double mean = 0, stddev = 0;
};

Stats stats(const std::vector<double>& v) {
    Stats s;
    if (v.empty()) return s;
    for (double x : v) s.mean += x;
    s.mean /= static_cast<double>(v.size());
    if (v.size() > 1) {
        double sq = 0;
        for (double x : v) sq += (x - s.mean) * (x - s.mean);
        s.stddev = std::sqrt(sq / static_cast<double>(v.size() - 1));
    }
    return s;
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Peak resident set size of this process in bytes (Linux reports KiB).
qint64 peakRssBytes() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<qint64>(u.ru_maxrss) * 1024;
}

}  // namespace

int runBench(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption model(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                   QCoreApplication::translate("fyrctl", "The GGUF model file."),
                                   QStringLiteral("MODEL"));
    const QCommandLineOption nPrompt(QStringList{QStringLiteral("p"), QStringLiteral("n-prompt")},
                                     QCoreApplication::translate("fyrctl", "Prompt tokens per run (default 512; 0: skip)."),
                                     QStringLiteral("N"), QStringLiteral("512"));
    const QCommandLineOption nGen(QStringList{QStringLiteral("n"), QStringLiteral("n-gen")},
                                  QCoreApplication::translate("fyrctl", "Generated tokens per run (default 128; 0: skip)."),
                                  QStringLiteral("N"), QStringLiteral("128"));
    const QCommandLineOption depth(
        QStringList{QStringLiteral("d"), QStringLiteral("depth")},
        QCoreApplication::translate("fyrctl",
                                    "Tokens already in the context before each prompt and generation run "
                                    "(default 0), as a conversation's history would be; not timed."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption reps(QStringList{QStringLiteral("r"), QStringLiteral("repetitions")},
                                  QCoreApplication::translate("fyrctl", "Runs of each test (default 5)."),
                                  QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QCoreApplication::translate("fyrctl", "Print the results as one JSON object."));
    const QCommandLineOption concurrency(
        QStringLiteral("concurrency"),
        QCoreApplication::translate("fyrctl",
                                    "Serve this many sequences at once through the runtime, per level "
                                    "(e.g. 1,2,4,8): aggregate and per-sequence generation tokens/s, "
                                    "TTFT and TPOT percentiles."),
        QStringLiteral("LEVELS"));
    const QCommandLineOption sharedPrefix(
        QStringLiteral("shared-prefix"),
        QCoreApplication::translate("fyrctl", "With --concurrency: leading prompt tokens all sequences share."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption draftModel(
        QStringLiteral("draft"),
        QCoreApplication::translate("fyrctl", "With --concurrency: speculative decoding with this draft model."),
        QStringLiteral("DRAFT_MODEL"));
    const QCommandLineOption metricsFile(
        QStringLiteral("metrics"),
        QCoreApplication::translate("fyrctl", "With --concurrency: write the runtime's metrics to FILE in Prometheus' text format."),
        QStringLiteral("FILE"));
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        QCoreApplication::translate("fyrctl",
                                    "Also show where the time goes: milliseconds per token in each phase of "
                                    "the forward pass, for the prompt and for generation."));
    parser.addOptions(
        {model, nPrompt, nGen, depth, reps, json, concurrency, sharedPrefix, draftModel, metricsFile, profile});
    const ContextOptions contextOptions;
    contextOptions.addTo(parser);
    if (auto rc = parseCommandLine(
            parser, args,
            QCoreApplication::translate("fyrctl",
                                        "Measure prompt and generation speed (tokens/s, mean ± standard deviation) "
                                        "and the memory bandwidth generation achieves."),
            io))
        return *rc;
    if (!parser.isSet(model))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-m MODEL is required"));
    if (!parser.positionalArguments().isEmpty())
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "unexpected argument '%1'")
                              .arg(parser.positionalArguments().first()));
    ContextParams cp;
    if (const QString bad = contextOptions.read(parser, &cp); !bad.isEmpty()) return usageError(args, io, bad);
    QString bad;
    const double p = numberOption(parser, nPrompt, 512, &bad);
    const double n = numberOption(parser, nGen, 128, &bad);
    const double r = numberOption(parser, reps, 5, &bad);
    const double d = numberOption(parser, depth, 0, &bad);
    if (!bad.isEmpty()) return usageError(args, io, bad);
    if (d < 0 || d > 1e6 || d != std::floor(d))
        return usageError(
            args, io, QCoreApplication::translate("fyrctl", "-d: expected a whole number of tokens from 0 to 1000000"));
    if (p < 0 || n < 0 || p + n < 1 || p > 1e6 || n > 1e6 || p != std::floor(p) || n != std::floor(n))
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "-p and -n: whole numbers of tokens, not both 0"));
    if (r < 1 || r > 1000 || r != std::floor(r))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-r: expected a whole number from 1 to 1000"));
    const auto nP = static_cast<int32_t>(p), nG = static_cast<int32_t>(n), nR = static_cast<int32_t>(r);
    const auto nD = static_cast<int32_t>(d);
    std::vector<int32_t> levels;
    if (parser.isSet(concurrency)) {
        for (const QString& part : parser.value(concurrency).split(QLatin1Char(','))) {
            bool ok = false;
            const int v = part.trimmed().toInt(&ok);
            if (!ok || v < 1 || v > 256)
                return usageError(args, io,
                                  QCoreApplication::translate("fyrctl",
                                                              "--concurrency: expected numbers from 1 to 256 "
                                                              "separated by commas, got '%1'")
                                      .arg(part));
            levels.push_back(v);
        }
        if (nP < 1 || nG < 2)
            return usageError(args, io,
                              QCoreApplication::translate("fyrctl",
                                                          "--concurrency needs -p of at least 1 and -n of at least 2"));
    }
    const double sp = numberOption(parser, sharedPrefix, 0, &bad);
    if (!bad.isEmpty()) return usageError(args, io, bad);
    if (sp < 0 || sp > nP || sp != std::floor(sp))
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "--shared-prefix: expected a whole number from 0 to -p"));

    std::string error;
    const auto gguf = GgufFile::open(parser.value(model).toStdString(), &error);
    if (!gguf) return commandFailure(args, io, error);
    const auto weights = Model::load(*gguf, &error);
    if (!weights) return commandFailure(args, io, error);
    const int32_t nVocab = weights->hparams().n_vocab;

    if (!levels.empty()) {
        if (nD > 0)
            return usageError(args, io, QCoreApplication::translate("fyrctl", "--concurrency does not take -d"));
        if (cp.reference)
            return usageError(args, io,
                              QCoreApplication::translate("fyrctl", "--concurrency runs the fast pass; drop --reference"));
        RuntimeParams rp;
        rp.kv_type = cp.kv_type;
        std::unique_ptr<GgufFile> draftGguf;
        std::unique_ptr<Model> draftWeights;
        if (parser.isSet(draftModel)) {
            draftGguf = GgufFile::open(parser.value(draftModel).toStdString(), &error);
            if (!draftGguf) return commandFailure(args, io, error);
            draftWeights = Model::load(*draftGguf, &error);
            if (!draftWeights) return commandFailure(args, io, error);
            const auto tokenizer = Tokenizer::from_gguf(*gguf, &error);
            if (!tokenizer) return commandFailure(args, io, error);
            if (const QString mismatch = draftVocabularyMismatch(*tokenizer, *draftGguf, parser.value(draftModel));
                !mismatch.isEmpty())
                return commandFailure(args, io, mismatch);
            rp.draft = draftWeights.get();
        }
        rp.n_threads = cp.n_threads;
        rp.kernels = cp.kernels;
        rp.pack_weights = cp.pack_weights;
        ConcurrencyBench bench{*weights, rp, levels, nP, nG, static_cast<int32_t>(sp), nR, {}};
        telemetry::MetricsRegistry registry;
        telemetry::FyrMetrics metrics(registry);
        const QString modelName = QFileInfo(parser.value(model)).completeBaseName();
        RuntimeMetrics observer(metrics, modelName, QStringLiteral("cpu"));
        if (parser.isSet(metricsFile)) bench.observer = &observer;
        if (!parser.isSet(json)) {
            bench.progress = [&io](const QString& line) {
                io.err << line << '\r';
                io.err.flush();
            };
        }
        QString failure;
        QJsonObject o = bench.run(&failure);
        if (o.isEmpty()) return commandFailure(args, io, failure.toStdString());
        if (parser.isSet(metricsFile)) {
            QSaveFile f(parser.value(metricsFile));
            const QByteArray text = telemetry::PrometheusText::format(registry.collect());
            if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit())
                return commandFailure(args, io, QCoreApplication::translate("fyrctl", "%1: cannot write: %2").arg(f.fileName(), f.errorString()));
        }
        if (parser.isSet(json)) {
            o.insert(QStringLiteral("model"), parser.value(model));
            o.insert(QStringLiteral("threads"), cp.n_threads);
            o.insert(QStringLiteral("kv_type"), QString::fromLatin1(kv_type_name(cp.kv_type)));
            io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        } else {
            io.err << '\n';
            printConcurrencyTable(o, io.out);
        }
        return kOk;
    }

    cp.n_ctx = nD + std::max(std::max(nP, 1), nG);
    cp.profile = parser.isSet(profile);
    const std::unique_ptr<InferenceContext> ctx = create_context(*weights, cp, &error);
    if (!ctx) return commandFailure(args, io, error);
    // --profile: seconds per phase over the timed prompt and generation runs.
    std::vector<PhaseTime> promptPhases, genPhases;
    auto addPhases = [&](std::vector<PhaseTime>* into, const std::vector<PhaseTime>& before) {
        const std::vector<PhaseTime> after = ctx->phase_times();
        if (into->empty()) *into = std::vector<PhaseTime>(after.size(), PhaseTime{});
        for (size_t i = 0; i < after.size() && i < before.size(); ++i) {
            (*into)[i].phase = after[i].phase;
            (*into)[i].seconds += after[i].seconds - before[i].seconds;
        }
    };
    // Token ids spread over the vocabulary, the same on every run: the depth's
    // history first, then the prompt.
    std::vector<int32_t> tokens(static_cast<size_t>(nD + std::max(nP, 1)));
    for (size_t i = 0; i < tokens.size(); ++i) tokens[i] = static_cast<int32_t>((i * 7919 + 13) % size_t(nVocab));
    const std::span<const int32_t> history(tokens.data(), size_t(nD));
    const int32_t* prompt = tokens.data() + nD;

    // Both runs start from an empty context holding the depth's history (not timed).
    auto fillHistory = [&]() -> bool {
        ctx->clear();
        return nD == 0 || !ctx->decode(history, false, &error).empty();
    };
    auto runPrompt = [&](int32_t count, std::vector<PhaseTime>* phases) -> double {
        if (!fillHistory()) return -1;
        const std::vector<PhaseTime> before = ctx->phase_times();
        const auto t0 = std::chrono::steady_clock::now();
        if (ctx->decode(std::span<const int32_t>(prompt, size_t(count)), false, &error).empty()) return -1;
        const double s = secondsSince(t0);
        if (phases) addPhases(phases, before);
        return s;
    };
    auto runGen = [&](int32_t count, std::vector<PhaseTime>* phases) -> double {
        if (!fillHistory()) return -1;
        const std::vector<PhaseTime> before = ctx->phase_times();
        int32_t id = prompt[0];
        const auto t0 = std::chrono::steady_clock::now();
        for (int32_t i = 0; i < count; ++i) {
            const std::span<const float> logits = ctx->decode(std::span<const int32_t>(&id, 1), false, &error);
            if (logits.empty()) return -1;
            id = static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
        }
        const double s = secondsSince(t0);
        if (phases) addPhases(phases, before);
        return s;
    };

    // A warm-up run of each (page faults, caches, thread start-up) is not counted.
    if ((nP > 0 && runPrompt(std::min(nP, 32), nullptr) < 0) || (nG > 0 && runGen(std::min(nG, 4), nullptr) < 0))
        return commandFailure(args, io, error);
    std::vector<double> promptRates, genRates;
    for (int32_t i = 0; i < nR; ++i) {
        if (nP > 0) {
            const double s = runPrompt(nP, &promptPhases);
            if (s < 0) return commandFailure(args, io, error);
            promptRates.push_back(nP / s);
        }
        if (nG > 0) {
            const double s = runGen(nG, &genPhases);
            if (s < 0) return commandFailure(args, io, error);
            genRates.push_back(nG / s);
        }
        if (!parser.isSet(json)) {
            io.err << QCoreApplication::translate("fyrctl", "run %1 of %2 done").arg(i + 1).arg(nR) << '\r';
            io.err.flush();
        }
    }
    const Stats ps = stats(promptRates), gs = stats(genRates);
    const double bytesPerToken = static_cast<double>(weights->weight_bytes_per_token());
    const double bandwidth = gs.mean * bytesPerToken / 1e9;
    const qint64 rss = peakRssBytes();

    if (parser.isSet(json)) {
        QJsonObject o;
        o.insert(QStringLiteral("model"), parser.value(model));
        o.insert(QStringLiteral("model_bytes"), static_cast<qint64>(gguf->file_size()));
        o.insert(QStringLiteral("backend"), QString::fromStdString(ctx->backend()));
        o.insert(QStringLiteral("threads"), ctx->n_threads());
        o.insert(QStringLiteral("batch"), cp.n_batch);
        o.insert(QStringLiteral("n_prompt"), nP);
        o.insert(QStringLiteral("n_gen"), nG);
        o.insert(QStringLiteral("depth"), nD);
        o.insert(QStringLiteral("kv_type"), QString::fromLatin1(kv_type_name(cp.kv_type)));
        o.insert(QStringLiteral("repetitions"), nR);
        o.insert(QStringLiteral("prompt_tokens_per_s"), nP > 0 ? QJsonValue(ps.mean) : QJsonValue());
        o.insert(QStringLiteral("prompt_tokens_per_s_stddev"), nP > 0 ? QJsonValue(ps.stddev) : QJsonValue());
        o.insert(QStringLiteral("gen_tokens_per_s"), nG > 0 ? QJsonValue(gs.mean) : QJsonValue());
        o.insert(QStringLiteral("gen_tokens_per_s_stddev"), nG > 0 ? QJsonValue(gs.stddev) : QJsonValue());
        o.insert(QStringLiteral("gen_bandwidth_gb_s"), nG > 0 ? QJsonValue(bandwidth) : QJsonValue());
        o.insert(QStringLiteral("weight_bytes_per_token"), static_cast<qint64>(bytesPerToken));
        o.insert(QStringLiteral("peak_rss_bytes"), rss);
        if (cp.profile) {
            // Milliseconds per token and phase.
            auto phases = [&](const std::vector<PhaseTime>& v, int32_t perRun) {
                QJsonObject byPhase;
                for (const PhaseTime& t : v)
                    byPhase.insert(QString::fromStdString(t.phase), t.seconds * 1e3 / (double(perRun) * nR));
                return byPhase;
            };
            QJsonObject prof;
            if (nP > 0) prof.insert(QStringLiteral("prompt_ms_per_token"), phases(promptPhases, nP));
            if (nG > 0) prof.insert(QStringLiteral("gen_ms_per_token"), phases(genPhases, nG));
            o.insert(QStringLiteral("profile"), prof);
        }
        io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        return kOk;
    }
    io.err << '\n';
    io.out << QCoreApplication::translate("fyrctl", "model      %1 (%2 MiB), %3\n")
                  .arg(parser.value(model))
                  .arg(double(gguf->file_size()) / 1048576.0, 0, 'f', 1)
                  .arg(QString::fromStdString(ctx->backend()));
    if (nD > 0)
        io.out
            << QCoreApplication::translate("fyrctl", "depth      %1 tokens in the context before each run\n").arg(nD);
    if (cp.kv_type != KvType::F16)
        io.out << QCoreApplication::translate("fyrctl", "KV cache   %1\n")
                      .arg(QString::fromLatin1(kv_type_name(cp.kv_type)));
    if (nP > 0)
        io.out << QCoreApplication::translate("fyrctl", "prompt     pp%1: %2 ± %3 tokens/s\n")
                      .arg(nP)
                      .arg(ps.mean, 0, 'f', 1)
                      .arg(ps.stddev, 0, 'f', 1);
    if (nG > 0)
        io.out << QCoreApplication::translate("fyrctl",
                                              "generation tg%1: %2 ± %3 tokens/s, %4 GB/s of weights read "
                                              "(%5 MB per token)\n")
                      .arg(nG)
                      .arg(gs.mean, 0, 'f', 1)
                      .arg(gs.stddev, 0, 'f', 1)
                      .arg(bandwidth, 0, 'f', 1)
                      .arg(bytesPerToken / 1e6, 0, 'f', 1);
    io.out << QCoreApplication::translate("fyrctl", "peak RSS   %1 MiB\n").arg(double(rss) / 1048576.0, 0, 'f', 1);
    if (cp.profile) {
        io.out << QCoreApplication::translate("fyrctl",
                                              "profile    ms per token (share)    prompt            generation\n");
        for (size_t i = 0; i < std::max(promptPhases.size(), genPhases.size()); ++i) {
            const QString name =
                QString::fromStdString(i < promptPhases.size() ? promptPhases[i].phase : genPhases[i].phase);
            io.out << QStringLiteral("  %1").arg(name, -30);
            for (const auto* v : {&promptPhases, &genPhases}) {
                const int32_t perRun = v == &promptPhases ? nP : nG;
                double total = 0;
                for (const PhaseTime& t : *v) total += t.seconds;
                if (i >= v->size() || perRun == 0 || total <= 0) {
                    io.out << QStringLiteral("%1").arg(QStringLiteral("-"), -18);
                    continue;
                }
                io.out << QStringLiteral("%1 (%2%)")
                              .arg((*v)[i].seconds * 1e3 / (double(perRun) * nR), 8, 'f', 3)
                              .arg((*v)[i].seconds * 100.0 / total, 4, 'f', 1)
                              .leftJustified(18);
            }
            io.out << '\n';
        }
    }
    return kOk;
}

}  // namespace fyr::app::cli
