#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "fyr/gguf_file.h"
#include "fyr/model_info.h"

namespace fyr::app::cli {
namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString bytes(uint64_t n) {
    return QLocale::c().formattedDataSize(static_cast<qint64>(n), 1);
}

QString count(uint64_t n) {
    if (n >= 1000000000ull) return QStringLiteral("%1 B").arg(static_cast<double>(n) / 1e9, 0, 'f', 2);
    if (n >= 1000000ull) return QStringLiteral("%1 M").arg(static_cast<double>(n) / 1e6, 0, 'f', 2);
    if (n >= 1000ull) return QStringLiteral("%1 K").arg(static_cast<double>(n) / 1e3, 0, 'f', 1);
    return QString::number(n);
}

QJsonObject toJson(const ModelInfo& m) {
    QJsonObject o;
    o.insert(QStringLiteral("path"), qs(m.path));
    o.insert(QStringLiteral("gguf_version"), static_cast<int>(m.gguf_version));
    o.insert(QStringLiteral("file_bytes"), static_cast<qint64>(m.file_bytes));
    o.insert(QStringLiteral("architecture"), qs(m.architecture));
    o.insert(QStringLiteral("name"), qs(m.name));
    o.insert(QStringLiteral("file_type"), qs(m.file_type));
    o.insert(QStringLiteral("n_params"), static_cast<qint64>(m.n_params));
    o.insert(QStringLiteral("weight_bytes"), static_cast<qint64>(m.weight_bytes));
    QJsonArray mix;
    for (const auto& s : m.type_mix) {
        QJsonObject t;
        t.insert(QStringLiteral("type"), qs(s.type));
        t.insert(QStringLiteral("n_tensors"), static_cast<qint64>(s.n_tensors));
        t.insert(QStringLiteral("n_elements"), static_cast<qint64>(s.n_elements));
        t.insert(QStringLiteral("n_bytes"), static_cast<qint64>(s.n_bytes));
        mix.append(t);
    }
    o.insert(QStringLiteral("type_mix"), mix);
    QJsonArray unsupported;
    for (const auto& n : m.unsupported_tensors) unsupported.append(qs(n));
    o.insert(QStringLiteral("unsupported_tensors"), unsupported);
    o.insert(QStringLiteral("n_ctx_train"), static_cast<qint64>(m.n_ctx_train));
    o.insert(QStringLiteral("n_embd"), static_cast<qint64>(m.n_embd));
    o.insert(QStringLiteral("n_layer"), static_cast<qint64>(m.n_layer));
    o.insert(QStringLiteral("n_head"), static_cast<qint64>(m.n_head));
    o.insert(QStringLiteral("n_head_kv"), static_cast<qint64>(m.n_head_kv));
    o.insert(QStringLiteral("n_ff"), static_cast<qint64>(m.n_ff));
    o.insert(QStringLiteral("head_dim_k"), static_cast<qint64>(m.head_dim_k));
    o.insert(QStringLiteral("head_dim_v"), static_cast<qint64>(m.head_dim_v));
    o.insert(QStringLiteral("rope_freq_base"), m.rope_freq_base);
    o.insert(QStringLiteral("rms_norm_eps"), m.rms_norm_eps);
    QJsonObject vocab;
    vocab.insert(QStringLiteral("type"), qs(m.vocab_type));
    vocab.insert(QStringLiteral("pre"), qs(m.pre_type));
    vocab.insert(QStringLiteral("n_vocab"), static_cast<qint64>(m.n_vocab));
    vocab.insert(QStringLiteral("n_merges"), static_cast<qint64>(m.n_merges));
    o.insert(QStringLiteral("vocab"), vocab);
    QJsonArray special;
    for (const auto& s : m.special_tokens) {
        QJsonObject t;
        t.insert(QStringLiteral("role"), qs(s.role));
        t.insert(QStringLiteral("id"), static_cast<qint64>(s.id));
        t.insert(QStringLiteral("text"), qs(s.text));
        special.append(t);
    }
    o.insert(QStringLiteral("special_tokens"), special);
    QJsonObject tmpl;
    tmpl.insert(QStringLiteral("present"), m.has_chat_template);
    tmpl.insert(QStringLiteral("bytes"), static_cast<qint64>(m.chat_template_bytes));
    o.insert(QStringLiteral("chat_template"), tmpl);
    QJsonObject memory;
    memory.insert(QStringLiteral("n_ctx"), static_cast<qint64>(m.n_ctx));
    memory.insert(QStringLiteral("weights_bytes"), static_cast<qint64>(m.weight_bytes));
    QJsonArray kv;
    for (const auto& e : m.kv) {
        QJsonObject k;
        k.insert(QStringLiteral("type"), qs(e.type));
        k.insert(QStringLiteral("bytes_per_token"), static_cast<qint64>(e.bytes_per_token));
        k.insert(QStringLiteral("kv_bytes"), static_cast<qint64>(e.bytes_total));
        k.insert(QStringLiteral("total_bytes"), static_cast<qint64>(m.weight_bytes + e.bytes_total));
        kv.append(k);
    }
    memory.insert(QStringLiteral("kv"), kv);
    o.insert(QStringLiteral("memory"), memory);
    return o;
}

void printText(const ModelInfo& m, QTextStream& out) {
    out << QCoreApplication::translate("fyrctl", "model:        %1 (GGUF v%2, %3)\n")
               .arg(QFileInfo(qs(m.path)).fileName())
               .arg(m.gguf_version)
               .arg(bytes(m.file_bytes));
    out << QCoreApplication::translate("fyrctl", "architecture: %1%2%3\n")
               .arg(qs(m.architecture), m.name.empty() ? QString() : QStringLiteral(" \"%1\"").arg(qs(m.name)),
                    m.file_type.empty() ? QString()
                                        : QCoreApplication::translate("fyrctl", ", file type %1").arg(qs(m.file_type)));
    out << QCoreApplication::translate("fyrctl", "parameters:   %1 (%2 of weights)\n")
               .arg(count(m.n_params), bytes(m.weight_bytes));
    QStringList mix;
    for (const auto& s : m.type_mix) {
        const double share =
            m.weight_bytes ? 100.0 * static_cast<double>(s.n_bytes) / static_cast<double>(m.weight_bytes) : 0;
        mix << QCoreApplication::translate("fyrctl", "%1 × %2 (%3, %4%)")
                   .arg(s.n_tensors)
                   .arg(qs(s.type), bytes(s.n_bytes))
                   .arg(share, 0, 'f', 1);
    }
    out << QCoreApplication::translate("fyrctl", "tensors:      %1\n").arg(mix.join(QStringLiteral(", ")));
    if (!m.unsupported_tensors.empty())
        out << QCoreApplication::translate("fyrctl",
                                           "unsupported:  %1 tensor(s) of a type Fyr cannot compute with, e.g. %2\n")
                   .arg(m.unsupported_tensors.size())
                   .arg(qs(m.unsupported_tensors.front()));
    out << QCoreApplication::translate(
               "fyrctl",
               "shape:        context %1, layers %2, embedding %3, heads %4 (KV %5), head dim %6, feed-forward %7\n")
               .arg(m.n_ctx_train)
               .arg(m.n_layer)
               .arg(m.n_embd)
               .arg(m.n_head)
               .arg(m.n_head_kv)
               .arg(m.head_dim_k)
               .arg(m.n_ff);
    out << QCoreApplication::translate("fyrctl", "rope base:    %1, RMS norm eps %2\n")
               .arg(m.rope_freq_base)
               .arg(m.rms_norm_eps);
    out << QCoreApplication::translate("fyrctl", "vocabulary:   %1, %2 tokens%3%4\n")
               .arg(m.vocab_type.empty()      ? QCoreApplication::translate("fyrctl", "none")
                    : m.vocab_type == "llama" ? QCoreApplication::translate("fyrctl", "llama (SentencePiece)")
                    : m.vocab_type == "gpt2"  ? QCoreApplication::translate("fyrctl", "gpt2 (byte-level BPE)")
                                              : qs(m.vocab_type))
               .arg(m.n_vocab)
               .arg(m.n_merges ? QCoreApplication::translate("fyrctl", ", %1 merges").arg(m.n_merges) : QString(),
                    m.pre_type.empty()
                        ? QString()
                        : QCoreApplication::translate("fyrctl", ", pre-tokenizer %1").arg(qs(m.pre_type)));
    QStringList special;
    for (const auto& s : m.special_tokens)
        special << QStringLiteral("%1 %2 \"%3\"").arg(qs(s.role)).arg(s.id).arg(qs(s.text));
    out << QCoreApplication::translate("fyrctl", "special:      %1\n")
               .arg(special.isEmpty() ? QCoreApplication::translate("fyrctl", "none")
                                      : special.join(QStringLiteral(", ")));
    out << QCoreApplication::translate("fyrctl", "chat template: %1\n")
               .arg(m.has_chat_template
                        ? QCoreApplication::translate("fyrctl", "yes (%1)").arg(bytes(m.chat_template_bytes))
                        : QCoreApplication::translate("fyrctl", "none"));
    out << QCoreApplication::translate("fyrctl", "memory at n_ctx %1:\n").arg(m.n_ctx);
    for (const auto& e : m.kv) {
        out << QCoreApplication::translate("fyrctl", "  KV %1: %2 per token, %3 cache + %4 weights = %5\n")
                   .arg(qs(e.type), -5)
                   .arg(bytes(e.bytes_per_token), bytes(e.bytes_total), bytes(m.weight_bytes),
                        bytes(m.weight_bytes + e.bytes_total));
    }
}

}  // namespace

int runInspect(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"),
                                  QCoreApplication::translate("fyrctl", "Print the facts as one JSON object."));
    const QCommandLineOption ctx(QStringLiteral("ctx"),
                                 QCoreApplication::translate("fyrctl",
                                                             "Context length for the memory estimate "
                                                             "(default: the trained context)."),
                                 QStringLiteral("N"));
    parser.addOption(json);
    parser.addOption(ctx);
    parser.addPositionalArgument(QStringLiteral("MODEL"), QCoreApplication::translate("fyrctl", "A GGUF model file."));
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl",
                                                               "Show what a GGUF model file holds and how "
                                                               "much memory it needs."),
                                   io))
        return *rc;
    if (parser.positionalArguments().size() != 1)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected exactly one MODEL file"));
    int64_t n_ctx = 0;
    if (parser.isSet(ctx)) {
        bool ok = false;
        n_ctx = parser.value(ctx).toLongLong(&ok);
        if (!ok || n_ctx <= 0)
            return usageError(
                args, io,
                QCoreApplication::translate("fyrctl", "--ctx: '%1' is not a positive number").arg(parser.value(ctx)));
    }
    std::string error;
    const auto file = GgufFile::open(parser.positionalArguments().first().toStdString(), &error);
    if (!file) return commandFailure(args, io, error);
    const ModelInfo info = ModelInfo::from_gguf(*file, n_ctx);
    if (parser.isSet(json)) {
        io.out << QJsonDocument(toJson(info)).toJson(QJsonDocument::Indented);
    } else {
        printText(info, io.out);
    }
    return kOk;
}

}  // namespace fyr::app::cli
