#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "fyr/gguf_file.h"
#include "fyr/tokenizer.h"

namespace fyr::app::cli {

int runTokenize(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption model(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                   QCoreApplication::translate("fyrctl", "The GGUF model (or vocabulary) file."),
                                   QStringLiteral("MODEL"));
    const QCommandLineOption file(QStringLiteral("file"),
                                  QCoreApplication::translate("fyrctl", "Tokenize the contents of this file."),
                                  QStringLiteral("F"));
    const QCommandLineOption noBos(QStringLiteral("no-bos"),
                                   QCoreApplication::translate("fyrctl", "Do not add the BOS token."));
    const QCommandLineOption parseSpecial(
        QStringLiteral("parse-special"),
        QCoreApplication::translate("fyrctl", "Turn special-token texts such as <|im_start|> into their tokens."));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QCoreApplication::translate("fyrctl", "Print {\"tokens\": [ids], \"pieces\": [texts]} as JSON."));
    parser.addOptions({model, file, noBos, parseSpecial, json});
    parser.addPositionalArgument(QStringLiteral("TEXT"),
                                 QCoreApplication::translate("fyrctl", "The text to tokenize."));
    if (auto rc = parseCommandLine(
            parser, args, QCoreApplication::translate("fyrctl", "Turn text into token ids with a model's vocabulary."),
            io))
        return *rc;

    if (!parser.isSet(model))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "-m MODEL is required"));
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(file) == !positional.isEmpty() || positional.size() > 1)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "give either one TEXT argument or --file F"));

    QByteArray text;
    if (parser.isSet(file)) {
        QFile f(parser.value(file));
        if (!f.open(QIODevice::ReadOnly))
            return commandFailure(
                args, io,
                QCoreApplication::translate("fyrctl", "%1: cannot read: %2").arg(f.fileName(), f.errorString()));
        text = f.readAll();
    } else {
        text = positional.first().toUtf8();
    }

    std::string error;
    const auto gguf = GgufFile::open(parser.value(model).toStdString(), &error);
    if (!gguf) return commandFailure(args, io, error);
    const auto tokenizer = Tokenizer::from_gguf(*gguf, &error);
    if (!tokenizer) return commandFailure(args, io, error);
    // BOS and EOS as the vocabulary asks, except that --no-bos drops the BOS.
    const std::vector<int32_t> ids =
        tokenizer->encode_prompt(std::string_view(text.constData(), static_cast<size_t>(text.size())),
                                 !parser.isSet(noBos), parser.isSet(parseSpecial));

    if (parser.isSet(json)) {
        QJsonArray tokens, pieces;
        for (int32_t id : ids) {
            tokens.append(id);
            // A piece can be part of a UTF-8 sequence; JSON strings hold U+FFFD for such bytes.
            pieces.append(QString::fromStdString(tokenizer->token_to_piece(id, true)));
        }
        // Written by hand to keep the documented key order ("tokens" first).
        io.out << "{\"tokens\":" << QJsonDocument(tokens).toJson(QJsonDocument::Compact)
               << ",\"pieces\":" << QJsonDocument(pieces).toJson(QJsonDocument::Compact) << "}\n";
    } else {
        QStringList parts;
        for (int32_t id : ids) parts << QString::number(id);
        io.out << parts.join(QLatin1Char(' ')) << '\n';
    }
    return kOk;
}

}  // namespace fyr::app::cli
