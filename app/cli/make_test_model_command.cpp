#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "cli/tensor_progress.h"
#include "fyr/gguf_file.h"
#include "fyr/model_quantizer.h"
#include "fyr/test_model.h"

namespace fyr::app::cli {

int runMakeTestModel(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QString n = QStringLiteral("N");
    const QCommandLineOption arch(
        QStringLiteral("arch"), QCoreApplication::translate("fyrctl", "Architecture: llama or qwen2 (default llama)."),
        QStringLiteral("ARCH"), QStringLiteral("llama"));
    const QCommandLineOption nEmbd(QStringLiteral("n-embd"),
                                   QCoreApplication::translate("fyrctl", "Embedding width (required)."), n);
    const QCommandLineOption nLayer(QStringLiteral("n-layer"),
                                    QCoreApplication::translate("fyrctl", "Number of layers (required)."), n);
    const QCommandLineOption nHead(QStringLiteral("n-head"),
                                   QCoreApplication::translate("fyrctl", "Attention heads (required)."), n);
    const QCommandLineOption nHeadKv(QStringLiteral("n-head-kv"),
                                     QCoreApplication::translate("fyrctl", "Key/value heads (default: n-head)."), n);
    const QCommandLineOption nFf(QStringLiteral("n-ff"),
                                 QCoreApplication::translate("fyrctl", "Feed-forward width (required)."), n);
    const QCommandLineOption vocab(
        QStringLiteral("vocab-from"),
        QCoreApplication::translate("fyrctl", "GGUF file whose vocabulary and chat template are copied (required)."),
        QStringLiteral("VOCAB"));
    const QCommandLineOption type(QStringList{QStringLiteral("t"), QStringLiteral("type")},
                                  QCoreApplication::translate("fyrctl", "Weight type: %1 (default f32).")
                                      .arg(QString::fromStdString(quant_file_type_names())),
                                  QStringLiteral("TYPE"), QStringLiteral("f32"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QCoreApplication::translate("fyrctl", "Random seed (default 0)."),
                                  QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption ctx(
        QStringLiteral("ctx"),
        QCoreApplication::translate("fyrctl", "Trained context length to record (default 2048)."), n,
        QStringLiteral("2048"));
    const QCommandLineOption quiet(QStringList{QStringLiteral("q"), QStringLiteral("quiet")},
                                   QCoreApplication::translate("fyrctl", "Do not report each tensor on stderr."));
    parser.addOptions({arch, nEmbd, nLayer, nHead, nHeadKv, nFf, vocab, type, seed, ctx, quiet});
    parser.addPositionalArgument(QStringLiteral("OUT"), QCoreApplication::translate("fyrctl", "The file to write."));
    if (auto rc = parseCommandLine(
            parser, args,
            QCoreApplication::translate(
                "fyrctl",
                "Write a model with random weights and a real vocabulary, for tests and benchmarks. It loads in Fyr "
                "and llama.cpp; the same seed gives the same file. Weights are written as they are made, so any "
                "size fits in a little memory."),
            io))
        return *rc;
    if (parser.positionalArguments().size() != 1)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected exactly one OUT file"));

    TestModelSpec spec;
    spec.arch = parser.value(arch).toStdString();
    QString bad;
    auto number = [&](const QCommandLineOption& o, bool required, int32_t* out) {
        if (!bad.isEmpty()) return;
        if (!parser.isSet(o) && parser.value(o).isEmpty()) {
            if (required) bad = QCoreApplication::translate("fyrctl", "--%1 is required").arg(o.names().constLast());
            return;
        }
        bool ok = false;
        const int v = parser.value(o).toInt(&ok);
        if (!ok || v <= 0) {
            bad = QCoreApplication::translate("fyrctl", "--%1: '%2' is not a positive whole number")
                      .arg(o.names().constLast(), parser.value(o));
            return;
        }
        *out = v;
    };
    number(nEmbd, true, &spec.n_embd);
    number(nLayer, true, &spec.n_layer);
    number(nHead, true, &spec.n_head);
    number(nFf, true, &spec.n_ff);
    number(ctx, true, &spec.n_ctx);
    spec.n_head_kv = spec.n_head;
    number(nHeadKv, false, &spec.n_head_kv);
    if (!bad.isEmpty()) return usageError(args, io, bad);
    if (!parser.isSet(vocab))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--vocab-from VOCAB.gguf is required"));
    spec.vocab_path = parser.value(vocab).toStdString();
    spec.file_type = find_quant_file_type(parser.value(type).toStdString());
    if (spec.file_type == nullptr)
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "unknown type '%1' (valid types: %2)")
                              .arg(parser.value(type), QString::fromStdString(quant_file_type_names())));
    bool seedOk = false;
    spec.seed = parser.value(seed).toULongLong(&seedOk);
    if (!seedOk)
        return usageError(
            args, io,
            QCoreApplication::translate("fyrctl", "--seed: '%1' is not a whole number").arg(parser.value(seed)));
    std::string error;
    if (!validate_test_model_spec(spec, &error)) return usageError(args, io, QString::fromStdString(error));

    QElapsedTimer timer;
    timer.start();
    const bool report = !parser.isSet(quiet);
    const QString out = parser.positionalArguments().constFirst();
    if (!make_test_model(
            spec, out.toStdString(),
            [&](const TensorProgress& p) {
                if (report) printTensorProgress(p, io.err, false);
            },
            &error))
        return commandFailure(args, io, error);
    const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    uint64_t n_params = 0;
    if (const auto file = GgufFile::open(out.toStdString(), &error)) {
        for (const GgufTensor& t : file->tensors()) n_params += t.n_elements();
    }
    io.out << QCoreApplication::translate("fyrctl", "wrote %1: %2 %3, %4 parameters, %5 in %6 s\n")
                  .arg(out, QString::fromStdString(spec.arch),
                       QString::fromStdString(std::string(spec.file_type->name)))
                  .arg(n_params)
                  .arg(QLocale::c().formattedDataSize(QFileInfo(out).size(), 1))
                  .arg(seconds, 0, 'f', 1);
    return kOk;
}

}  // namespace fyr::app::cli
