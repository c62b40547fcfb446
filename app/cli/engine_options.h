// Command-line options shared by the fyrctl commands that run a model: how to
// run it (threads, kernels, reference pass) and how to sample.
//
//   QCommandLineParser parser;
//   ContextOptions ctxOpts;
//   SamplingOptions sampling;
//   ctxOpts.addTo(parser);
//   sampling.addTo(parser);
//   ... parse ...
//   ContextParams params;
//   if (QString bad = ctxOpts.read(parser, &params); !bad.isEmpty()) return usageError(args, io, bad);
//   SamplerParams sp;
//   if (QString bad = sampling.read(parser, &sp); !bad.isEmpty()) return usageError(args, io, bad);
//
// Not thread-safe (plain option holders used on the command's thread).
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include "fyr/inference_context.h"
#include "fyr/sampler.h"

namespace fyr {
class GgufFile;
class Tokenizer;
}  // namespace fyr

namespace fyr::app::cli {

struct ContextOptions {
    ContextOptions();
    QCommandLineOption threads;
    QCommandLineOption kernels;
    QCommandLineOption reference;
    QCommandLineOption batch;
    QCommandLineOption kvType;

    void addTo(QCommandLineParser& parser) const;
    // Fills params->n_threads, kernels, n_batch, reference, kv_type; returns an error text or "".
    QString read(const QCommandLineParser& parser, ContextParams* params) const;
};

struct SamplingOptions {
    SamplingOptions();
    QCommandLineOption greedy, temp, topK, topP, minP, typicalP, repeatPenalty, repeatLastN, frequencyPenalty,
        presencePenalty, seed;

    void addTo(QCommandLineParser& parser) const;
    // Fills *params (a fresh seed when --seed is absent); returns an error text or "".
    QString read(const QCommandLineParser& parser, SamplerParams* params) const;
};

// Why the draft model in `draft` (read from draftPath) cannot propose tokens for a
// model with `target`'s vocabulary (size or any token's text differs, or its
// vocabulary cannot be read), or "" when it can.
QString draftVocabularyMismatch(const Tokenizer& target, const GgufFile& draft, const QString& draftPath);

// The value of a numeric option, or `fallback` when it is absent; on a value that
// is not a number sets *bad (if still empty) to a message naming the option.
double numberOption(const QCommandLineParser& parser, const QCommandLineOption& option, double fallback, QString* bad);

}  // namespace fyr::app::cli
