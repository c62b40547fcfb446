#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "cli/engine_options.h"
#include "fyr/gguf_file.h"
#include "fyr/logits.h"
#include "fyr/model.h"
#include "fyr/inference_context.h"
#include "fyr/tokenizer.h"

namespace fyr::app::cli {
namespace {

// %.9g round-trips a float32; JSON has no NaN or infinity, so those print as null.
QString number(float v) {
    return std::isfinite(v) ? QString::number(static_cast<double>(v), 'g', 9) : QStringLiteral("null");
}

}  // namespace

int runEval(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption model(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                   QCoreApplication::translate("fyrctl", "The GGUF model file."),
                                   QStringLiteral("MODEL"));
    const QCommandLineOption prompt(QStringList{QStringLiteral("p"), QStringLiteral("prompt")},
                                    QCoreApplication::translate("fyrctl", "The prompt text."), QStringLiteral("TEXT"));
    const QCommandLineOption tokensOpt(
        QStringLiteral("tokens"),
        QCoreApplication::translate("fyrctl", "The prompt as comma-separated token ids, used exactly as given."),
        QStringLiteral("ID,ID,..."));
    const QCommandLineOption noBos(
        QStringLiteral("no-bos"),
        QCoreApplication::translate("fyrctl", "Do not add the BOS token to the prompt text."));
    const QCommandLineOption top(
        QStringLiteral("top"),
        QCoreApplication::translate("fyrctl", "Show the K highest logits per position (default 5)."),
        QStringLiteral("K"), QStringLiteral("5"));
    const QCommandLineOption dump(
        QStringLiteral("dump-logits"),
        QCoreApplication::translate("fyrctl", "Write the last position's logits to FILE as little-endian float32."),
        QStringLiteral("FILE"));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QCoreApplication::translate("fyrctl",
                                    "Print {\"tokens\": [ids], \"top\": [[[id, logit], ...] per position]} as JSON."));
    parser.addOptions({model, prompt, tokensOpt, noBos, top, dump, json});
    const ContextOptions contextOptions;
    contextOptions.addTo(parser);
    if (auto rc = parseCommandLine(
            parser, args,
            QCoreApplication::translate(
                "fyrctl", "Run a prompt through a model and show the logits."),
            io))
        return *rc;

    if (!parser.isSet(model))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-m MODEL is required"));
    if (parser.isSet(prompt) == parser.isSet(tokensOpt) || !parser.positionalArguments().isEmpty())
        return usageError(args, io, QCoreApplication::translate("fyrctl", "give either -p TEXT or --tokens ID,ID,..."));
    bool ok = false;
    const int k = parser.value(top).toInt(&ok);
    if (!ok || k < 1)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--top needs a positive number"));
    ContextParams cp;
    if (const QString bad = contextOptions.read(parser, &cp); !bad.isEmpty()) return usageError(args, io, bad);
    std::vector<int32_t> ids;
    if (parser.isSet(tokensOpt)) {
        for (const QString& part : parser.value(tokensOpt).split(QLatin1Char(','))) {
            const int id = part.trimmed().toInt(&ok);
            if (!ok)
                return usageError(args, io,
                                  QCoreApplication::translate("fyrctl", "--tokens: '%1' is not a token id").arg(part));
            ids.push_back(id);
        }
    }

    std::string error;
    const auto gguf = GgufFile::open(parser.value(model).toStdString(), &error);
    if (!gguf) return commandFailure(args, io, error);
    const auto weights = Model::load(*gguf, &error);
    if (!weights) return commandFailure(args, io, error);
    if (parser.isSet(prompt)) {
        const auto tokenizer = Tokenizer::from_gguf(*gguf, &error);
        if (!tokenizer) return commandFailure(args, io, error);
        const QByteArray text = parser.value(prompt).toUtf8();
        ids = tokenizer->encode_prompt(std::string_view(text.constData(), static_cast<size_t>(text.size())),
                                       !parser.isSet(noBos), /*parse_special=*/false);
    }
    if (ids.empty())
        return commandFailure(
            args, io,
            gguf->path() + ": " + QCoreApplication::translate("fyrctl", "the prompt has no tokens").toStdString());

    cp.n_ctx = static_cast<int32_t>(ids.size());
    const std::unique_ptr<InferenceContext> ctx = create_context(*weights, cp, &error);
    if (!ctx) return commandFailure(args, io, error);
    const std::span<const float> logits = ctx->decode(ids, /*all_logits=*/true, &error);
    if (logits.empty()) return commandFailure(args, io, error);
    const int32_t n_vocab = weights->hparams().n_vocab;
    const int n_top = std::min(k, static_cast<int>(n_vocab));
    const float* last = logits.data() + (ids.size() - 1) * static_cast<size_t>(n_vocab);

    if (parser.isSet(dump)) {
        QFile f(parser.value(dump));
        const auto n_bytes = static_cast<qint64>(n_vocab) * static_cast<qint64>(sizeof(float));
        // The engine only builds for little-endian hosts, so the floats are written as they are.
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(reinterpret_cast<const char*>(last), n_bytes) != n_bytes || !f.flush()) {
            io.err
                << args.value(0) << ": "
                << QCoreApplication::translate("fyrctl", "%1: cannot write: %2\n").arg(f.fileName(), f.errorString());
            return kFailure;
        }
    }

    if (parser.isSet(json)) {
        QJsonArray tokens;
        for (int32_t id : ids) tokens.append(id);
        // Written by hand: keys in the documented order and logits as %.9g.
        io.out << "{\"tokens\":" << QJsonDocument(tokens).toJson(QJsonDocument::Compact) << ",\"top\":[";
        for (size_t p = 0; p < ids.size(); ++p) {
            const float* row = logits.data() + p * static_cast<size_t>(n_vocab);
            io.out << (p ? ",[" : "[");
            const std::vector<int32_t> best = top_k_ids(row, n_vocab, n_top);
            for (size_t i = 0; i < best.size(); ++i)
                io.out << (i ? ",[" : "[") << best[i] << ',' << number(row[best[i]]) << ']';
            io.out << ']';
        }
        io.out << "]}\n";
    } else {
        for (size_t p = 0; p < ids.size(); ++p) {
            const float* row = logits.data() + p * static_cast<size_t>(n_vocab);
            QStringList parts;
            for (int32_t id : top_k_ids(row, n_vocab, n_top))
                parts << QStringLiteral("%1 (%2)").arg(id).arg(number(row[id]));
            io.out << p << ' ' << ids[p] << ": " << parts.join(QStringLiteral(", ")) << '\n';
        }
    }
    return kOk;
}

}  // namespace fyr::app::cli
