#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "cli/tensor_progress.h"
#include "fyr/model_quantizer.h"

namespace fyr::app::cli {
namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString typeNames() {
    return qs(quant_file_type_names());
}

}  // namespace

int runQuantize(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption type(QStringList{QStringLiteral("t"), QStringLiteral("type")},
                                  QCoreApplication::translate("fyrctl", "Output type: %1.").arg(typeNames()),
                                  QStringLiteral("TYPE"));
    const QCommandLineOption quiet(QStringList{QStringLiteral("q"), QStringLiteral("quiet")},
                                   QCoreApplication::translate("fyrctl", "Do not report each tensor on stderr."));
    parser.addOptions({type, quiet});
    parser.addPositionalArgument(QStringLiteral("IN"),
                                 QCoreApplication::translate("fyrctl", "A GGUF model with F32, F16 or BF16 tensors."));
    parser.addPositionalArgument(QStringLiteral("OUT"), QCoreApplication::translate("fyrctl", "The file to write."));
    if (auto rc = parseCommandLine(
            parser, args,
            QCoreApplication::translate(
                "fyrctl",
                "Write a model with its weights in another type, as llama-quantize does. Plain types give every "
                "weight that type (like llama-quantize --pure); q4_k_s, q4_k_m and q5_k_m give some tensors more "
                "bits by llama.cpp's rules. Norms and biases stay as they are. The file is written as OUT.tmp and "
                "renamed when complete."),
            io))
        return *rc;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected IN and OUT files"));
    if (!parser.isSet(type))
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "--type is required (one of: %1)").arg(typeNames()));
    const QuantFileType* ft = find_quant_file_type(parser.value(type).toStdString());
    if (ft == nullptr)
        return usageError(args, io,
                          QCoreApplication::translate("fyrctl", "unknown type '%1' (valid types: %2)")
                              .arg(parser.value(type), typeNames()));

    QElapsedTimer timer;
    timer.start();
    const bool report = !parser.isSet(quiet);
    std::string error;
    const bool ok = quantize_model(
        positional.at(0).toStdString(), positional.at(1).toStdString(), *ft,
        [&](const TensorProgress& p) {
            if (report) printTensorProgress(p, io.err, true);
        },
        &error);
    if (!ok) return commandFailure(args, io, error);
    io.out << QCoreApplication::translate("fyrctl", "wrote %1: %2, %3 in %4 s\n")
                  .arg(positional.at(1), qs(std::string(ft->name)),
                       QLocale::c().formattedDataSize(QFileInfo(positional.at(1)).size(), 1))
                  .arg(static_cast<double>(timer.elapsed()) / 1000.0, 0, 'f', 1);
    return kOk;
}

}  // namespace fyr::app::cli
