#include "cli/engine_options.h"

#include <QCoreApplication>

#include <random>

#include "fyr/gguf_file.h"
#include "fyr/tokenizer.h"
#include "fyr/vocab.h"

namespace fyr::app::cli {

QString draftVocabularyMismatch(const Tokenizer& target, const GgufFile& draft, const QString& draftPath) {
    std::string error;
    const auto draftTokenizer = Tokenizer::from_gguf(draft, &error);
    if (!draftTokenizer) return QString::fromStdString(error);
    const Vocab& a = target.vocab();
    const Vocab& b = draftTokenizer->vocab();
    if (a.n_vocab() != b.n_vocab())
        return QCoreApplication::translate("fyrctl",
                                           "%1: the draft model has %2 tokens, the model %3; "
                                           "speculative decoding needs the same vocabulary")
            .arg(draftPath)
            .arg(b.n_vocab())
            .arg(a.n_vocab());
    for (int32_t id = 0; id < a.n_vocab(); ++id) {
        if (a.text(id) != b.text(id))
            return QCoreApplication::translate("fyrctl",
                                               "%1: token %2 is '%3' in the draft model but '%4' "
                                               "in the model; speculative decoding needs the same "
                                               "vocabulary")
                .arg(draftPath)
                .arg(id)
                .arg(QString::fromUtf8(b.text(id).data(), qsizetype(b.text(id).size())))
                .arg(QString::fromUtf8(a.text(id).data(), qsizetype(a.text(id).size())));
    }
    return {};
}

double numberOption(const QCommandLineParser& parser, const QCommandLineOption& option, double fallback,
                    QString* bad) {
    if (!parser.isSet(option)) return fallback;
    bool ok = false;
    const double v = parser.value(option).toDouble(&ok);
    if (!ok && bad->isEmpty())
        *bad = QCoreApplication::translate("fyrctl", "--%1: '%2' is not a number")
                   .arg(option.names().last(), parser.value(option));
    return ok ? v : fallback;
}

ContextOptions::ContextOptions()
    : threads(QStringList{QStringLiteral("t"), QStringLiteral("threads")},
              QCoreApplication::translate("fyrctl", "Compute threads (default: one per physical core)."),
              QStringLiteral("N")),
      kernels(QStringLiteral("kernels"),
              QCoreApplication::translate("fyrctl",
                                          "CPU kernels: scalar, avx2, avx512 or avx512-amx (default: the best this CPU "
                                          "runs)."),
              QStringLiteral("ISA")),
      reference(QStringLiteral("reference"),
                QCoreApplication::translate("fyrctl", "Use the scalar single-threaded reference forward pass.")),
      batch(QStringLiteral("batch"),
            QCoreApplication::translate("fyrctl", "Prompt tokens per forward pass (default 128; 1 to 8192)."),
            QStringLiteral("N")),
      kvType(QStringLiteral("kv-type"),
             QCoreApplication::translate("fyrctl",
                                         "The KV cache's type: f16 (default) or q8_0 (about half the memory per "
                                         "token of context, slightly less exact)."),
             QStringLiteral("TYPE"), QStringLiteral("f16")) {}

void ContextOptions::addTo(QCommandLineParser& parser) const {
    parser.addOptions({threads, kernels, reference, batch, kvType});
}

QString ContextOptions::read(const QCommandLineParser& parser, ContextParams* params) const {
    QString bad;
    const double t = numberOption(parser, threads, 0, &bad);
    if (!bad.isEmpty()) return bad;
    if (parser.isSet(threads) && (t < 1 || t > 1024 || t != static_cast<int>(t)))
        return QCoreApplication::translate("fyrctl", "--threads: expected a whole number from 1 to 1024");
    params->n_threads = static_cast<int32_t>(t);
    const double b = numberOption(parser, batch, 0, &bad);
    if (!bad.isEmpty()) return bad;
    if (parser.isSet(batch)) {
        if (b < 1 || b > 8192 || b != static_cast<int>(b))
            return QCoreApplication::translate("fyrctl", "--batch: expected a whole number from 1 to 8192");
        params->n_batch = static_cast<int32_t>(b);
    }
    if (parser.isSet(kernels)) {
        const QString k = parser.value(kernels);
        if (k != QLatin1String("scalar") && k != QLatin1String("avx2") && k != QLatin1String("avx512") &&
            k != QLatin1String("avx512-amx"))
            return QCoreApplication::translate("fyrctl",
                                               "--kernels: '%1' is not one of scalar, avx2, avx512, avx512-amx")
                .arg(k);
        params->kernels = k.toStdString();
    }
    params->reference = parser.isSet(reference);
    const QString kv = parser.value(kvType);
    if (kv != QLatin1String("f16") && kv != QLatin1String("q8_0"))
        return QCoreApplication::translate("fyrctl", "--kv-type: expected f16 or q8_0, got '%1'").arg(kv);
    params->kv_type = kv == QLatin1String("q8_0") ? KvType::Q8_0 : KvType::F16;
    if (params->reference && params->kv_type != KvType::F16)
        return QCoreApplication::translate("fyrctl",
                                           "--kv-type q8_0: the reference pass keeps its cache in F16; drop one "
                                           "of the two");
    return {};
}

SamplingOptions::SamplingOptions()
    : greedy(QStringLiteral("greedy"), QCoreApplication::translate("fyrctl", "Always take the most likely token.")),
      temp(QStringLiteral("temp"), QCoreApplication::translate("fyrctl", "Temperature (default 0.8)."),
           QStringLiteral("T")),
      topK(QStringLiteral("top-k"), QCoreApplication::translate("fyrctl", "Top-k (default 40; 0: off)."),
           QStringLiteral("K")),
      topP(QStringLiteral("top-p"), QCoreApplication::translate("fyrctl", "Top-p (default 0.95; 1: off)."),
           QStringLiteral("P")),
      minP(QStringLiteral("min-p"), QCoreApplication::translate("fyrctl", "Min-p (default 0.05; 0: off)."),
           QStringLiteral("P")),
      typicalP(QStringLiteral("typical-p"), QCoreApplication::translate("fyrctl", "Typical-p (default 1: off)."),
               QStringLiteral("P")),
      repeatPenalty(QStringLiteral("repeat-penalty"),
                    QCoreApplication::translate("fyrctl", "Repetition penalty (default 1: off)."), QStringLiteral("X")),
      repeatLastN(QStringLiteral("repeat-last-n"),
                  QCoreApplication::translate("fyrctl", "Tokens the penalties look back over (default 64; -1: all)."),
                  QStringLiteral("N")),
      frequencyPenalty(QStringLiteral("frequency-penalty"),
                       QCoreApplication::translate("fyrctl", "Frequency penalty (default 0)."), QStringLiteral("X")),
      presencePenalty(QStringLiteral("presence-penalty"),
                      QCoreApplication::translate("fyrctl", "Presence penalty (default 0)."), QStringLiteral("X")),
      seed(QStringLiteral("seed"), QCoreApplication::translate("fyrctl", "Random seed (default: a new one each run)."),
           QStringLiteral("S")) {}

void SamplingOptions::addTo(QCommandLineParser& parser) const {
    parser.addOptions({greedy, temp, topK, topP, minP, typicalP, repeatPenalty, repeatLastN, frequencyPenalty,
                       presencePenalty, seed});
}

QString SamplingOptions::read(const QCommandLineParser& parser, SamplerParams* params) const {
    SamplerParams sp;
    if (parser.isSet(greedy)) {
        sp = SamplerParams::greedy();
        if (parser.isSet(temp) || parser.isSet(topK) || parser.isSet(topP) || parser.isSet(minP) ||
            parser.isSet(typicalP))
            return QCoreApplication::translate("fyrctl", "--greedy cannot be combined with sampling options");
    }
    QString bad;
    sp.temperature = static_cast<float>(numberOption(parser, temp, sp.temperature, &bad));
    sp.top_k = static_cast<int32_t>(numberOption(parser, topK, sp.top_k, &bad));
    sp.top_p = static_cast<float>(numberOption(parser, topP, sp.top_p, &bad));
    sp.min_p = static_cast<float>(numberOption(parser, minP, sp.min_p, &bad));
    sp.typical_p = static_cast<float>(numberOption(parser, typicalP, sp.typical_p, &bad));
    sp.repeat_penalty = static_cast<float>(numberOption(parser, repeatPenalty, sp.repeat_penalty, &bad));
    sp.repeat_last_n = static_cast<int32_t>(numberOption(parser, repeatLastN, sp.repeat_last_n, &bad));
    sp.frequency_penalty = static_cast<float>(numberOption(parser, frequencyPenalty, sp.frequency_penalty, &bad));
    sp.presence_penalty = static_cast<float>(numberOption(parser, presencePenalty, sp.presence_penalty, &bad));
    if (!bad.isEmpty()) return bad;
    if (parser.isSet(seed)) {
        bool ok = false;
        sp.seed = parser.value(seed).toULongLong(&ok);
        if (!ok)
            return QCoreApplication::translate("fyrctl", "--seed: '%1' is not a whole number").arg(parser.value(seed));
    } else {
        sp.seed = (static_cast<uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
    }
    *params = sp;
    return {};
}

}  // namespace fyr::app::cli
