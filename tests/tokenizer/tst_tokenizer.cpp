// Tokenizer tests. Data-driven rows compare with ids llama.cpp produced: every
// case of every vocab-only GGUF (<vocab>.gguf.inp / .out, encoded without BOS/EOS
// and without parsing special tokens) and every prompt (and chat) of every
// model's .ref.json. Unit tests cover streaming, malformed input, special
// tokens, round trips, threads and the error paths.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "fyr/gguf_file.h"
#include "fyr/gguf_writer.h"
#include "fyr/streaming_detokenizer.h"
#include "fyr/tokenizer.h"
#include "fyr/unicode.h"

using fyr::Tokenizer;

namespace {

const QString k_models_dir = QStringLiteral(FYR_SHARED_DIR "/models");
const QString k_vocab_dir = QStringLiteral(FYR_SHARED_DIR "/models/vocab");

struct Loaded {
    std::unique_ptr<fyr::GgufFile> file;
    std::unique_ptr<Tokenizer> tokenizer;
};

// Tokenizers are loaded once per file for the whole run.
const Tokenizer* load(const QString& path) {
    static std::map<QString, Loaded> cache;
    auto it = cache.find(path);
    if (it == cache.end()) {
        Loaded l;
        std::string error;
        l.file = fyr::GgufFile::open(path.toStdString(), &error);
        if (l.file) l.tokenizer = Tokenizer::from_gguf(*l.file, &error);
        if (!l.tokenizer) qWarning("%s", error.c_str());
        it = cache.emplace(path, std::move(l)).first;
    }
    return it->second.tokenizer.get();
}

QByteArray read_all(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

QString ids_text(const std::vector<int32_t>& ids) {
    QStringList parts;
    for (int32_t id : ids) parts << QString::number(id);
    return parts.join(' ');
}

std::vector<int32_t> to_ids(const QJsonArray& a) {
    std::vector<int32_t> ids;
    for (const auto& v : a) ids.push_back(v.toInt());
    return ids;
}

QString vocab_path(const char* name) { return k_vocab_dir + "/ggml-vocab-" + name + ".gguf"; }

// A tiny in-memory vocabulary, for the paths the shared files do not reach.
struct Synthetic {
    std::vector<uint8_t> bytes;
    std::unique_ptr<fyr::GgufFile> file;
};

Synthetic make_vocab(const std::string& model, const std::vector<std::string>& tokens,
                     const std::vector<int32_t>& types, const std::vector<std::string>& merges = {},
                     const std::string& pre = {}) {
    fyr::GgufWriter w;
    w.set_string("general.architecture", "llama");
    w.set_string("tokenizer.ggml.model", model);
    w.set_array_strings("tokenizer.ggml.tokens", tokens);
    w.set_array_i32("tokenizer.ggml.token_type", types);
    w.set_array_f32("tokenizer.ggml.scores", std::vector<float>(tokens.size(), 0.0f));
    if (!merges.empty()) w.set_array_strings("tokenizer.ggml.merges", merges);
    if (!pre.empty()) w.set_string("tokenizer.ggml.pre", pre);
    Synthetic s;
    s.bytes = w.serialize();
    std::string error;
    s.file = fyr::GgufFile::from_memory(s.bytes.data(), s.bytes.size(), "synthetic.gguf", &error);
    return s;
}

}  // namespace

class TstTokenizer : public QObject {
    Q_OBJECT
private slots:
    void vocabCases_data();
    void vocabCases();
    void modelPrompts_data();
    void modelPrompts();
    void preTokenizerSplits_data();
    void preTokenizerSplits();
    void modelPieces_data();
    void modelPieces();
    void unicodeTables();
    void streamingHoldsPartialUtf8();
    void streamingReplacesInvalidBytes();
    void invalidUtf8Input();
    void parseSpecial();
    void roundTrips_data();
    void roundTrips();
    void concurrentEncode();
    void unsupportedVocabType();
    void userDefinedTokensAlwaysMatched();
};

void TstTokenizer::vocabCases_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    const QStringList files = QDir(k_vocab_dir).entryList({"*.gguf"}, QDir::Files, QDir::Name);
    if (files.isEmpty()) QSKIP(qPrintable("no vocab GGUFs in " + k_vocab_dir));
    const QByteArray separator = "\n__ggml_vocab_test__\n";
    for (const QString& name : files) {
        const QString path = k_vocab_dir + "/" + name;
        QByteArray inp = read_all(path + ".inp");
        const QByteArray out = read_all(path + ".out");
        if (inp.isEmpty() || out.isEmpty()) continue;
        // Each case is followed by the separator line, the last one included.
        QList<QByteArray> cases;
        qsizetype pos = 0;
        for (qsizetype hit = inp.indexOf(separator, pos); hit >= 0; hit = inp.indexOf(separator, pos)) {
            cases << inp.mid(pos, hit - pos);
            pos = hit + separator.size();
        }
        QList<QByteArray> lines = out.split('\n');
        if (!lines.isEmpty() && lines.last().isEmpty() && lines.size() == cases.size() + 1) lines.removeLast();
        QCOMPARE(lines.size(), cases.size());
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const QString row = QStringLiteral("%1#%2").arg(name).arg(i);
            QTest::newRow(qPrintable(row)) << path << cases[i] << QString::fromUtf8(lines[i]).simplified();
        }
    }
}

void TstTokenizer::vocabCases() {
    QFETCH(QString, path);
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const Tokenizer* tok = load(path);
    QVERIFY(tok);
    const auto ids = tok->encode(std::string_view(text.constData(), size_t(text.size())), false, false);
    QCOMPARE(ids_text(ids), expected);
}

void TstTokenizer::modelPrompts_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("add_special");
    QTest::addColumn<bool>("parse_special");
    QTest::addColumn<QString>("expected");
    const QStringList refs = QDir(k_models_dir).entryList({"*.gguf.ref.json"}, QDir::Files, QDir::Name);
    if (refs.isEmpty()) QSKIP(qPrintable("no model references in " + k_models_dir));
    for (const QString& ref : refs) {
        const QString model = k_models_dir + "/" + ref.chopped(QStringLiteral(".ref.json").size());
        const QJsonObject root = QJsonDocument::fromJson(read_all(k_models_dir + "/" + ref)).object();
        const QJsonArray prompts = root["prompts"].toArray();
        for (qsizetype i = 0; i < prompts.size(); ++i) {
            const QJsonObject p = prompts[i].toObject();
            QTest::newRow(qPrintable(QStringLiteral("%1#prompt%2").arg(ref).arg(i)))
                << model << p["text"].toString().toUtf8() << p["add_bos"].toBool() << false
                << ids_text(to_ids(p["tokens"].toArray()));
        }
        if (root.contains("chat")) {
            // The formatted chat was tokenized with special tokens parsed.
            const QJsonObject chat = root["chat"].toObject();
            const bool add_bos = prompts.isEmpty() ? false : prompts[0].toObject()["add_bos"].toBool();
            QTest::newRow(qPrintable(ref + "#chat"))
                << model << chat["formatted"].toString().toUtf8() << add_bos << true
                << ids_text(to_ids(chat["tokens"].toArray()));
        }
    }
}

void TstTokenizer::modelPrompts() {
    QFETCH(QString, path);
    QFETCH(QByteArray, text);
    QFETCH(bool, add_special);
    QFETCH(bool, parse_special);
    QFETCH(QString, expected);
    const Tokenizer* tok = load(path);
    QVERIFY(tok);
    const auto ids = tok->encode(std::string_view(text.constData(), size_t(text.size())), add_special, parse_special);
    QCOMPARE(ids_text(ids), expected);
}

// greedy_text_hex is llama.cpp's token_to_piece(special=true) of each greedy
// token, concatenated: the exact bytes, partial UTF-8 included.
void TstTokenizer::modelPieces_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QList<int>>("ids");
    QTest::addColumn<QByteArray>("expected_hex");
    const QStringList refs = QDir(k_models_dir).entryList({"*.gguf.ref.json"}, QDir::Files, QDir::Name);
    if (refs.isEmpty()) QSKIP(qPrintable("no model references in " + k_models_dir));
    for (const QString& ref : refs) {
        const QString model = k_models_dir + "/" + ref.chopped(QStringLiteral(".ref.json").size());
        const QJsonArray prompts = QJsonDocument::fromJson(read_all(k_models_dir + "/" + ref)).object()["prompts"].toArray();
        for (qsizetype i = 0; i < prompts.size(); ++i) {
            const QJsonObject p = prompts[i].toObject();
            QList<int> ids;
            for (const auto& v : p["greedy_tokens"].toArray()) ids << v.toInt();
            QTest::newRow(qPrintable(QStringLiteral("%1#greedy%2").arg(ref).arg(i)))
                << model << ids << p["greedy_text_hex"].toString().toLatin1();
        }
    }
}

void TstTokenizer::modelPieces() {
    QFETCH(QString, path);
    QFETCH(QList<int>, ids);
    QFETCH(QByteArray, expected_hex);
    const Tokenizer* tok = load(path);
    QVERIFY(tok);
    std::string text;
    for (int id : ids) text += tok->token_to_piece(id, true);
    QCOMPARE(QByteArray::fromStdString(text).toHex(), expected_hex.toLower());
}

// Expected words from Python's `regex` module running each pre type's patterns
// in sequence (with non-ASCII whitespace outside explicit code point ranges, as
// llama.cpp reads those patterns).
void TstTokenizer::preTokenizerSplits_data() {
    QTest::addColumn<QByteArray>("pre");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<QByteArray>>("expected");
    QTest::newRow("llama-bpe#0") << QByteArray("llama-bpe") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'ve", " '", "RE", " ", "123", "45", " x", "  \n\n", " ", " y", "\tz", "!!", " ", " $+<=>^~|`", " ", "\xC2\xBD\xC2\xB2\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80""a"};
    QTest::newRow("llama-bpe#1") << QByteArray("llama-bpe") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80\xE4\xB8\xAD", "\xE2\x80\x83\xED\x95\x9C", " ", "42"};
    QTest::newRow("llama-bpe#2") << QByteArray("llama-bpe") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(x", "):\n", "   ", " return", " x", "**", "2", " +", " ", "100", "000", "0", " ", " #", " sq", "\r\n\r\n", "\xC2\xA0", "\xC2\xA0""end", "  "};
    QTest::newRow("qwen2#0") << QByteArray("qwen2") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'ve", " '", "RE", " ", "1", "2", "3", "4", "5", " x", "  \n\n", " ", " y", "\tz", "!!", " ", " $+<=>^~|`", " ", "\xC2\xBD", "\xC2\xB2", "\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80""a"};
    QTest::newRow("qwen2#1") << QByteArray("qwen2") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80\xE4\xB8\xAD", "\xE2\x80\x83\xED\x95\x9C", " ", "4", "2"};
    QTest::newRow("qwen2#2") << QByteArray("qwen2") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(x", "):\n", "   ", " return", " x", "**", "2", " +", " ", "1", "0", "0", "0", "0", "0", "0", " ", " #", " sq", "\r\n\r\n", "\xC2\xA0", "\xC2\xA0""end", "  "};
    QTest::newRow("deepseek-r1-qwen#0") << QByteArray("deepseek-r1-qwen") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'ve", " '", "RE", " ", "1", "2", "3", "4", "5", " x", "  \n\n", " ", " y", "\tz", "!!", " ", " $+<=>^~|`", " ", "\xC2\xBD", "\xC2\xB2", "\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80""a"};
    QTest::newRow("deepseek-r1-qwen#1") << QByteArray("deepseek-r1-qwen") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80\xE4\xB8\xAD", "\xE2\x80\x83\xED\x95\x9C", " ", "4", "2"};
    QTest::newRow("deepseek-r1-qwen#2") << QByteArray("deepseek-r1-qwen") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(x", "):\n", "   ", " return", " x", "**", "2", " +", " ", "1", "0", "0", "0", "0", "0", "0", " ", " #", " sq", "\r\n\r\n", "\xC2\xA0", "\xC2\xA0""end", "  "};
    QTest::newRow("gpt-2#0") << QByteArray("gpt-2") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'ve", " '", "RE", " 12345", " x", "  \n\n ", " y", "\t", "z", "!!", " ", " $+<=>^~|`", " \xC2\xBD\xC2\xB2\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80", "a"};
    QTest::newRow("gpt-2#1") << QByteArray("gpt-2") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80", "\xE4\xB8\xAD", "\xE2\x80\x83", "\xED\x95\x9C", " 42"};
    QTest::newRow("gpt-2#2") << QByteArray("gpt-2") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(", "x", "):", "\n   ", " return", " x", "**", "2", " +", " 1000000", " ", " #", " sq", "\r\n\r\n\xC2\xA0", "\xC2\xA0", "end", "  "};
    QTest::newRow("mpt#0") << QByteArray("mpt") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'ve", " '", "RE", " 12345", " x", "  \n\n ", " y", "\t", "z", "!!", " ", " $+<=>^~|`", " \xC2\xBD\xC2\xB2\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80", "a"};
    QTest::newRow("mpt#1") << QByteArray("mpt") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80", "\xE4\xB8\xAD", "\xE2\x80\x83", "\xED\x95\x9C", " 42"};
    QTest::newRow("mpt#2") << QByteArray("mpt") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(", "x", "):", "\n   ", " return", " x", "**", "2", " +", " 1000000", " ", " #", " sq", "\r\n\r\n\xC2\xA0", "\xC2\xA0", "end", "  "};
    QTest::newRow("starcoder#0") << QByteArray("starcoder") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'ve", " '", "RE", " ", "1", "2", "3", "4", "5", " x", "  \n\n ", " y", "\t", "z", "!!", " ", " $+<=>^~|`", " ", "\xC2\xBD", "\xC2\xB2", "\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80", "a"};
    QTest::newRow("starcoder#1") << QByteArray("starcoder") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80", "\xE4\xB8\xAD", "\xE2\x80\x83", "\xED\x95\x9C", " ", "4", "2"};
    QTest::newRow("starcoder#2") << QByteArray("starcoder") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(", "x", "):", "\n   ", " return", " x", "**", "2", " +", " ", "1", "0", "0", "0", "0", "0", "0", " ", " #", " sq", "\r\n\r\n\xC2\xA0", "\xC2\xA0", "end", "  "};
    QTest::newRow("refact#0") << QByteArray("refact") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'ve", " '", "RE", " ", "1", "2", "3", "4", "5", " x", "  \n\n ", " y", "\t", "z", "!!", " ", " $+<=>^~|`", " ", "\xC2\xBD", "\xC2\xB2", "\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80", "a"};
    QTest::newRow("refact#1") << QByteArray("refact") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80", "\xE4\xB8\xAD", "\xE2\x80\x83", "\xED\x95\x9C", " ", "4", "2"};
    QTest::newRow("refact#2") << QByteArray("refact") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(", "x", "):", "\n   ", " return", " x", "**", "2", " +", " ", "1", "0", "0", "0", "0", "0", "0", " ", " #", " sq", "\r\n\r\n\xC2\xA0", "\xC2\xA0", "end", "  "};
    QTest::newRow("falcon#0") << QByteArray("falcon") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'", "ve", " ", "'", "RE", " ", "123", "45", " x", "  \n\n ", " y", "\t", "z", "!!", "  ", "$+<=>^~|`", " \xC2\xBD\xC2\xB2\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80", "a"};
    QTest::newRow("falcon#1") << QByteArray("falcon") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80", "\xE4\xB8\xAD", "\xE2\x80\x83", "\xED\x95\x9C", " 42"};
    QTest::newRow("falcon#2") << QByteArray("falcon") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(", "x", "):", "\n   ", " return", " x", "**", "2", " ", "+", " ", "100", "000", "0", "  ", "#", " sq", "\r\n\r\n\xC2\xA0", "\xC2\xA0", "end", "  "};
    QTest::newRow("default#0") << QByteArray("default") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'", "ve", " ", "'", "RE", " ", "123", "45", " x", "  \n\n ", " y", "\t", "z", "!!", "  ", "$+<=>^~|", "`", " ", "\xC2\xBD\xC2\xB2\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80", "a"};
    QTest::newRow("default#1") << QByteArray("default") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80", "\xE4\xB8\xAD", "\xE2\x80\x83", "\xED\x95\x9C", " ", "42"};
    QTest::newRow("default#2") << QByteArray("default") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(", "x", "):", "\n   ", " return", " x", "**", "2", " ", "+", " ", "100", "000", "0", "  ", "#", " sq", "\r\n\r\n\xC2\xA0", "\xC2\xA0", "end", "  "};
    QTest::newRow("gpt-neox#0") << QByteArray("gpt-neox") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'", "ve", " ", "'", "RE", " ", "123", "45", " x", "  \n\n ", " y", "\t", "z", "!!", "  ", "$+<=>^~|", "`", " ", "\xC2\xBD\xC2\xB2\xC2\xB3", " \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80", "a"};
    QTest::newRow("gpt-neox#1") << QByteArray("gpt-neox") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80", "\xE4\xB8\xAD", "\xE2\x80\x83", "\xED\x95\x9C", " ", "42"};
    QTest::newRow("gpt-neox#2") << QByteArray("gpt-neox") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(", "x", "):", "\n   ", " return", " x", "**", "2", " ", "+", " ", "100", "000", "0", "  ", "#", " sq", "\r\n\r\n\xC2\xA0", "\xC2\xA0", "end", "  "};
    QTest::newRow("deepseek-llm#0") << QByteArray("deepseek-llm") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'", "ve", " '", "RE", " ", "12345", " x", "  ", "\n", "\n", " ", " y", "\tz", "!!", " ", " $+<=>^~|`", " ", "\xC2\xBD\xC2\xB2\xC2\xB3", " \xC3\x96", "l", "\xC3\xA9", "\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80""a"};
    QTest::newRow("deepseek-llm#1") << QByteArray("deepseek-llm") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80", "x", " ", "\xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5", "s", "\xE3\x80\x80", "\xE4\xB8\xAD", "\xE2\x80\x83", "\xED\x95\x9C", " ", "42"};
    QTest::newRow("deepseek-llm#2") << QByteArray("deepseek-llm") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(", "x", "):", "\n", "   ", " return", " x", "**", "2", " +", " ", "1000000", " ", " #", " sq", "\r", "\n", "\r", "\n", "\xC2\xA0", "\xC2\xA0""end", "  "};
    QTest::newRow("deepseek-coder#0") << QByteArray("deepseek-coder") << QByteArray("I've 'RE 12345 x  \n\n  y\tz!!  $+<=>^~|` \xC2\xBD\xC2\xB2\xC2\xB3 \xC3\x96l\xC3\xA9\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD \xF0\x9F\x90\xB1\xE3\x80\x80""a") << QList<QByteArray>{"I", "'", "ve", " '", "RE", " ", "1", "2", "3", "4", "5", " x", "  ", "\n", "\n", " ", " y", "\tz", "!!", "  $+<=>^~|` ", "\xC2\xBD", "\xC2\xB2", "\xC2\xB3", " \xC3\x96l\xC3\xA9", "\xE4\xB8\xAD\xE6\x96\x87\xED\x95\x9C\xEA\xB5\xAD", " \xF0\x9F\x90\xB1", "\xE3\x80\x80""a"};
    QTest::newRow("deepseek-coder#1") << QByteArray("deepseek-coder") << QByteArray("\xEA\x9E\x90\xF0\x9D\x90\x80x \xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6 \xC2\xB5s\xE3\x80\x80\xE4\xB8\xAD\xE2\x80\x83\xED\x95\x9C 42") << QList<QByteArray>{"\xEA\x9E\x90\xF0\x9D\x90\x80x", " ", "\xE1\xBF\x93\xE2\x84\xAA\xE2\x84\xA6", " \xC2\xB5s", "\xE3\x80\x80", "\xE4\xB8\xAD", "\xE2\x80\x83", "\xED\x95\x9C", " ", "4", "2"};
    QTest::newRow("deepseek-coder#2") << QByteArray("deepseek-coder") << QByteArray("def f(x):\n    return x**2 + 1000000  # sq\r\n\r\n\xC2\xA0\xC2\xA0""end  ") << QList<QByteArray>{"def", " f", "(", "x", "):", "\n", "   ", " return", " x", "**", "2", " + ", "1", "0", "0", "0", "0", "0", "0", " ", " #", " sq", "\r", "\n", "\r", "\n", "\xC2\xA0", "\xC2\xA0""end", "  "};
}

void TstTokenizer::preTokenizerSplits() {
    QFETCH(QByteArray, pre);
    QFETCH(QByteArray, text);
    QFETCH(QList<QByteArray>, expected);
    const Synthetic s = make_vocab("gpt2", {"a", "b", "ab"}, {1, 1, 1}, {"a b"}, pre.toStdString());
    QVERIFY(s.file);
    std::string error;
    const auto tok = Tokenizer::from_gguf(*s.file, &error);
    QVERIFY2(tok, error.c_str());
    QCOMPARE(QByteArray::fromStdString(std::string(tok->pre_type())), pre);
    QList<QByteArray> words;
    for (const auto& w : tok->pre_tokenize(std::string_view(text.constData(), size_t(text.size())), false)) {
        words << QByteArray::fromStdString(w);
    }
    QCOMPARE(words, expected);
}

void TstTokenizer::unicodeTables() {
    using namespace fyr::unicode;
    QVERIFY(is_letter(U'a') && is_letter(U'Ö') && is_letter(U'中') && !is_letter(U'1'));
    QVERIFY(is_number(U'7') && is_number(U'½') && is_number(U'٣') && !is_number(U'x'));
    QVERIFY(is_punctuation(U'!') && is_punctuation(U'¡') && !is_punctuation(U'$') && is_symbol(U'$'));
    QVERIFY(is_whitespace(U' ') && is_whitespace(U'\n') && is_whitespace(0x3000) && is_whitespace(0x85));
    QVERIFY(!is_whitespace(0x1C) && !is_whitespace(U'a') && !is_whitespace(0x200B));
    QVERIFY(is_mark(0x0301) && category(0x10FFFF) == fyr::UnicodeCategory::Cn);
    QVERIFY(category(0x110000) == fyr::UnicodeCategory::Invalid && flags(0x110000) == 0);
    char32_t cp = 0;
    QCOMPARE(decode_utf8("\xF0\x9F\x90\xB1", 0, &cp), size_t(4));
    QCOMPARE(uint32_t(cp), 0x1F431u);
    QCOMPARE(decode_utf8("\xF0\x9F\x90", 0, &cp), size_t(1));
    QCOMPARE(uint32_t(cp), uint32_t(k_replacement));
    QVERIFY(!is_valid_utf8("\xC0\x80") && is_valid_utf8("h\xC3\xA4j"));
}

void TstTokenizer::streamingHoldsPartialUtf8() {
    const Tokenizer* tok = load(vocab_path("llama-spm"));
    if (!tok) QSKIP("ggml-vocab-llama-spm.gguf missing");
    // SentencePiece spells the emoji as four byte tokens.
    const auto ids = tok->encode("a\xF0\x9F\x90\xB1", false, false);
    fyr::StreamingDetokenizer stream(*tok);
    std::string shown;
    std::vector<size_t> sizes;
    for (int32_t id : ids) {
        shown += stream.push(id);
        sizes.push_back(shown.size());
    }
    shown += stream.flush();
    QCOMPARE(QString::fromStdString(shown), QString::fromUtf8("a\xF0\x9F\x90\xB1"));
    QVERIFY(ids.size() >= 5);
    // Nothing of the emoji appears until its last byte arrives.
    QCOMPARE(sizes[sizes.size() - 2], size_t(1));
    QCOMPARE(sizes.back(), size_t(5));

    // Byte-level BPE splits it too: the stream still only shows whole characters.
    const Tokenizer* bpe = load(vocab_path("llama-bpe"));
    if (!bpe) QSKIP("ggml-vocab-llama-bpe.gguf missing");
    const std::string text = "Lily \xF0\x9F\x90\xB1\xF0\x9F\xA6\x99 h\xC3\xA4r";
    fyr::StreamingDetokenizer s2(*bpe);
    std::string out;
    for (int32_t id : bpe->encode(text, true, false)) {
        const std::string part = s2.push(id);
        QVERIFY(fyr::unicode::is_valid_utf8(part));
        out += part;
    }
    out += s2.flush();
    QCOMPARE(out, text);
}

void TstTokenizer::streamingReplacesInvalidBytes() {
    const Tokenizer* tok = load(vocab_path("llama-spm"));
    if (!tok) QSKIP("ggml-vocab-llama-spm.gguf missing");
    const int32_t ff = tok->vocab().find("<0xFF>");
    const int32_t e2 = tok->vocab().find("<0xE2>");
    QVERIFY(ff >= 0 && e2 >= 0);
    fyr::StreamingDetokenizer stream(*tok);
    QCOMPARE(stream.push(ff), std::string("\xEF\xBF\xBD"));
    QCOMPARE(stream.push(e2), std::string());
    QCOMPARE(stream.pending_bytes(), size_t(1));
    QCOMPARE(stream.flush(), std::string("\xEF\xBF\xBD"));
}

void TstTokenizer::invalidUtf8Input() {
    const std::string bad = std::string("ok \xFF\xFE \xC3 x\xE2\x82 \xED\xA0\x80 \xF4\x90\x80\x80") + '\0' + "end";
    const Tokenizer* spm = load(vocab_path("llama-spm"));
    if (!spm) QSKIP("ggml-vocab-llama-spm.gguf missing");
    // SentencePiece keeps every byte through byte fallback, as long as no
    // truncated sequence swallows the U+2581 that stands for a space.
    const std::string bad_no_space = std::string("ok\xFF\xFEx\xC3x\xE2\x82z\xED\xA0\x80\xF4\x90\x80\x80") + '\0' + "end";
    QCOMPARE(spm->decode(spm->encode(bad_no_space, false, false)), bad_no_space);
    QVERIFY(!spm->encode(bad, true, true).empty());
    const Tokenizer* bpe = load(vocab_path("llama-bpe"));
    if (!bpe) QSKIP("ggml-vocab-llama-bpe.gguf missing");
    // BPE reads each malformed byte as U+FFFD.
    const std::string decoded = bpe->decode(bpe->encode(bad, false, true));
    QVERIFY(fyr::unicode::is_valid_utf8(decoded.substr(0, 3)));
    QVERIFY(decoded.find("\xEF\xBF\xBD\xEF\xBF\xBD") != std::string::npos);
    QVERIFY(decoded.size() > bad.size());
    QCOMPARE(decoded.substr(decoded.size() - 3), std::string("end"));
    for (const char* v : {"gpt-2", "qwen2", "starcoder", "deepseek-llm", "phi-3"}) {
        const Tokenizer* t = load(vocab_path(v));
        if (t) QVERIFY(!t->encode(bad, true, true).empty());
    }
}

void TstTokenizer::parseSpecial() {
    const Tokenizer* tok = load(vocab_path("llama-bpe"));
    if (!tok) QSKIP("ggml-vocab-llama-bpe.gguf missing");
    const int32_t bot = tok->vocab().find("<|begin_of_text|>");
    const int32_t eot = tok->vocab().find("<|eot_id|>");
    QCOMPARE(bot, 128000);
    QVERIFY(tok->is_eog(eot));
    const std::string text = "<|begin_of_text|>Hi<|eot_id|>";
    const auto parsed = tok->encode(text, false, true);
    QCOMPARE(parsed.front(), bot);
    QCOMPARE(parsed.back(), eot);
    QCOMPARE(parsed.size(), size_t(3));
    const auto plain = tok->encode(text, false, false);
    QVERIFY(plain.size() > 3);
    QVERIFY(std::find(plain.begin(), plain.end(), bot) == plain.end());
    QCOMPARE(tok->decode(plain), text);
    // Control tokens print only when asked.
    QCOMPARE(tok->decode(parsed), std::string("Hi"));
    QCOMPARE(tok->decode(parsed, true), text);
    const auto with_bos = tok->encode("Hi", true, false);
    QVERIFY(tok->add_bos());
    QCOMPARE(with_bos.front(), tok->bos_id());

    const Tokenizer* spm = load(vocab_path("llama-spm"));
    if (!spm) QSKIP("ggml-vocab-llama-spm.gguf missing");
    const auto s = spm->encode("<s>Hi</s>", true, true);
    QCOMPARE(s.front(), spm->bos_id());
    QCOMPARE(s[1], spm->bos_id());
    QCOMPARE(s.back(), spm->eos_id());
    QVERIFY(spm->add_bos() && !spm->add_eos());

    // Phi-3's special tokens swallow the whitespace after them (except <s>,
    // <unk>, <|endoftext|>), as in llama.cpp.
    const Tokenizer* phi = load(vocab_path("phi-3"));
    if (!phi) QSKIP("ggml-vocab-phi-3.gguf missing");
    const int32_t user = phi->vocab().find("<|user|>");
    const int32_t end = phi->vocab().find("<|end|>");
    QVERIFY(user >= 0 && end >= 0);
    const auto a = phi->encode("<|user|>\n Hi<|end|>", false, true);
    const auto b = phi->encode("<|user|>Hi<|end|>", false, true);
    QCOMPARE(ids_text(a), ids_text(b));
    QCOMPARE(a.front(), user);
    QCOMPARE(a.back(), end);
    const auto c = phi->encode("<s>\nHi", false, true);
    QVERIFY(c.size() > phi->encode("<s>Hi", false, true).size());
}

void TstTokenizer::roundTrips_data() {
    QTest::addColumn<QString>("path");
    const QStringList files = QDir(k_vocab_dir).entryList({"*.gguf"}, QDir::Files, QDir::Name);
    if (files.isEmpty()) QSKIP(qPrintable("no vocab GGUFs in " + k_vocab_dir));
    for (const QString& name : files) QTest::newRow(qPrintable(name)) << k_vocab_dir + "/" + name;
}

void TstTokenizer::roundTrips() {
    QFETCH(QString, path);
    const Tokenizer* tok = load(path);
    QVERIFY(tok);
    const char* texts[] = {
        "Hello world",
        "  leading spaces and trailing  ",
        "Räksmörgås på en söndag, 1234567 kr!\n\n\tTabs\r\nCRLF",
        "int main() { return x->y[3] >= 0 ? 'a' : \"b\"; } // comment",
        "\xF0\x9F\x90\xB1\xF0\x9F\xA6\x99 emoji \xE4\xB8\xAD\xE6\x96\x87 \xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A",
        "I've been 'told' he's there, 'RE you sure? We'Ve a'lL",
        "\xE1\x80\x80\xE1\x80\xAD \xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82\xE0\xA4\xA6\xE0\xA5\x80 \xCE\xB1\xCE\xB2\xCE\xB3",
    };
    for (const char* text : texts) {
        const auto ids = tok->encode(text, false, false);
        QCOMPARE(QString::fromStdString(tok->decode(ids)), QString::fromUtf8(text));
        // The stream shows the same text.
        fyr::StreamingDetokenizer stream(*tok);
        std::string streamed;
        for (int32_t id : ids) streamed += stream.push(id);
        streamed += stream.flush();
        QCOMPARE(QString::fromStdString(streamed), QString::fromUtf8(text));
    }
}

void TstTokenizer::concurrentEncode() {
    const Tokenizer* tok = load(vocab_path("llama-bpe"));
    if (!tok) QSKIP("ggml-vocab-llama-bpe.gguf missing");
    std::string text;
    for (int i = 0; i < 200; ++i) text += "Kalle Anka " + std::to_string(i * 7919) + " åt glass. for (i = 0; i < n; ++i) {}\n";
    const auto expected = tok->encode(text, true, true);
    std::vector<std::vector<int32_t>> results(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int k = 0; k < 5; ++k) results[t] = tok->encode(text, true, true);
        });
    }
    for (auto& th : threads) th.join();
    for (const auto& r : results) QVERIFY(r == expected);
}

void TstTokenizer::unsupportedVocabType() {
    const Synthetic s = make_vocab("bert", {"[PAD]", "a"}, {3, 1});
    QVERIFY(s.file);
    std::string error;
    QVERIFY(!Tokenizer::from_gguf(*s.file, &error));
    QVERIFY2(error.find("synthetic.gguf") != std::string::npos, error.c_str());
    QVERIFY2(error.find("'bert'") != std::string::npos, error.c_str());
    QVERIFY2(error.find("tokenizer.ggml.model") != std::string::npos, error.c_str());

    const Synthetic no_merges = make_vocab("gpt2", {"a", "b"}, {1, 1});
    QVERIFY(!Tokenizer::from_gguf(*no_merges.file, &error));
    QVERIFY2(error.find("tokenizer.ggml.merges") != std::string::npos, error.c_str());
}

void TstTokenizer::userDefinedTokensAlwaysMatched() {
    // A gpt2 vocabulary with the GPT-2 byte alphabet for a, b, space plus merges,
    // a user-defined "<tool>" and a control "<|end|>".
    const Synthetic s = make_vocab("gpt2", {"a", "b", "\xC4\xA0", "ab", "\xC4\xA0" "ab", "<tool>", "<|end|>"},
                                   {1, 1, 1, 1, 1, 4, 3}, {"a b", "\xC4\xA0 ab"});
    QVERIFY(s.file);
    std::string error;
    auto tok = Tokenizer::from_gguf(*s.file, &error);
    QVERIFY2(tok, error.c_str());
    QCOMPARE(ids_text(tok->encode("ab ab<tool><|end|>", false, false)), QString("3 4 5"));
    QCOMPARE(ids_text(tok->encode("ab<|end|>", false, true)), QString("3 6"));
    QCOMPARE(tok->decode({3, 4, 5, 6}), std::string("ab ab<tool>"));
    QVERIFY(tok->is_eog(6));
}

QTEST_GUILESS_MAIN(TstTokenizer)
#include "tst_tokenizer.moc"
