// The GGUF reader and writers: the broken-file corpus, truncation at every byte,
// the shared models (facts against their llama.cpp references), byte-exact
// rewriting of a llama.cpp-written file, in memory and streamed.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "fyr/gguf_file.h"
#include "fyr/gguf_stream_writer.h"
#include "fyr/gguf_writer.h"

namespace {

const QString kCorpus = QStringLiteral(FYR_SOURCE_DIR "/tests/corpus/gguf");
const QString kModels = QStringLiteral(FYR_SHARED_DIR "/models");

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestGguf : public QObject {
    Q_OBJECT
private slots:
    void corpus_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expect");
        const QByteArray manifest = readAll(kCorpus + QStringLiteral("/EXPECTED"));
        QVERIFY2(!manifest.isEmpty(), "tests/corpus/gguf/EXPECTED is missing");
        int rows = 0;
        for (const QByteArray& line : manifest.split('\n')) {
            if (line.isEmpty() || line.startsWith('#')) continue;
            const QList<QByteArray> parts = line.split('\t');
            QTest::newRow(parts.at(0).constData()) << QString::fromUtf8(parts.at(0)) << QString::fromUtf8(parts.value(1));
            ++rows;
        }
        QVERIFY(rows > 30);
    }
    void corpus() {
        QFETCH(QString, file);
        QFETCH(QString, expect);
        const std::string path = (kCorpus + QLatin1Char('/') + file).toStdString();
        std::string error;
        auto f = fyr::GgufFile::open(path, &error);
        if (expect == QLatin1String("OK")) {
            QVERIFY2(f, error.c_str());
            if (file.startsWith(QLatin1String("valid"))) {
                QCOMPARE(f->get_string("general.architecture").value_or(""), std::string("llama"));
                QCOMPARE(f->find_tensor("output.weight")->n_bytes, uint64_t{34});
                QCOMPARE(f->version(), file.contains(QLatin1String("v2")) ? 2u : 3u);
            }
            return;
        }
        QVERIFY2(!f, "a broken file was accepted");
        QVERIFY2(error.rfind(path + ": ", 0) == 0, error.c_str());  // names the file
        QVERIFY2(QString::fromStdString(error).contains(expect), error.c_str());
    }

    void unknownTensorTypeOpensButIsUnsupported() {
        std::string error;
        auto f = fyr::GgufFile::open((kCorpus + QStringLiteral("/unknown_tensor_type.gguf")).toStdString(), &error);
        QVERIFY2(f, error.c_str());
        QCOMPARE(f->tensors().size(), size_t{1});
        QVERIFY(f->tensors()[0].traits == nullptr);
        QCOMPARE(f->tensors()[0].type, 200u);
        QVERIFY(f->tensor_data(f->tensors()[0], &error) == nullptr);
        QVERIFY2(error.find("tensor 't': type 200 is not supported") != std::string::npos, error.c_str());
        QVERIFY2(error.find("unknown_tensor_type.gguf: ") == error.find("unknown_tensor_type.gguf"), error.c_str());
    }

    void everyTruncationFailsCleanly() {
        const QByteArray whole = readAll(kCorpus + QStringLiteral("/valid_small.gguf"));
        QVERIFY(!whole.isEmpty());
        std::string error;
        QVERIFY(fyr::GgufFile::from_memory(reinterpret_cast<const uint8_t*>(whole.constData()),
                                           static_cast<size_t>(whole.size()), "whole", &error));
        for (qsizetype n = 0; n < whole.size(); ++n) {
            // A private copy of exactly n bytes, so a read past it is a real overrun under ASan.
            std::vector<uint8_t> cut(whole.begin(), whole.begin() + n);
            error.clear();
            auto f = fyr::GgufFile::from_memory(cut.data(), cut.size(), "cut", &error);
            QVERIFY2(!f, qPrintable(QStringLiteral("accepted at %1 bytes").arg(n)));
            QVERIFY2(!error.empty(), qPrintable(QStringLiteral("no message at %1 bytes").arg(n)));
        }
    }

    void missingFileAndDirectory() {
        std::string error;
        QVERIFY(!fyr::GgufFile::open("no/such/model.gguf", &error));
        QVERIFY2(error.find("no/such/model.gguf: cannot open") == 0, error.c_str());
        QVERIFY(!fyr::GgufFile::open(FYR_SOURCE_DIR, &error));
        QVERIFY2(error.find("not a regular file") != std::string::npos, error.c_str());
    }

    void sharedModelsOpen_data() {
        QTest::addColumn<QString>("path");
        const QDir dir(kModels);
        QStringList files = dir.entryList({QStringLiteral("*.gguf")}, QDir::Files, QDir::Name);
        for (const QString& v : QDir(kModels + QStringLiteral("/vocab")).entryList({QStringLiteral("*.gguf")}))
            files << QStringLiteral("vocab/") + v;
        for (const QString& f : files) QTest::newRow(qPrintable(f)) << dir.filePath(f);
        if (files.isEmpty()) QTest::newRow("none") << QString();
    }
    void sharedModelsOpen() {
        QFETCH(QString, path);
        if (path.isEmpty()) QSKIP("no models in " FYR_SHARED_DIR "/models");
        std::string error;
        auto f = fyr::GgufFile::open(path.toStdString(), &error);
        QVERIFY2(f, error.c_str());
        QVERIFY(f->version() == 2 || f->version() == 3);
        const auto arch = f->get_string("general.architecture");
        QVERIFY(arch.has_value());
        const fyr::GgufValue* tokens = f->find("tokenizer.ggml.tokens");
        QVERIFY(tokens && tokens->is_array() && tokens->elem_type == fyr::GgufValueType::String);
        if (const fyr::GgufValue* types = f->find("tokenizer.ggml.token_type")) {
            // Token types are int32 enums 1..6 (normal, unknown, control, user-defined, unused, byte).
            QCOMPARE(types->n_elements, tokens->n_elements);
            const auto last = types->int_at(types->n_elements - 1);
            QVERIFY(last && *last >= 1 && *last <= 6);
            QVERIFY(!types->int_at(types->n_elements).has_value());
            QVERIFY(!types->as_int().has_value());
        }
        for (const fyr::GgufTensor& t : f->tensors()) {
            QVERIFY2(t.traits != nullptr, t.name.c_str());
            QVERIFY(t.offset + t.n_bytes <= f->file_size() - f->data_offset());
        }
        const QByteArray ref = readAll(path + QStringLiteral(".ref.json"));
        if (!ref.isEmpty()) {
            const QJsonObject o = QJsonDocument::fromJson(ref).object();
            QCOMPARE(static_cast<qint64>(tokens->n_elements), o.value(QStringLiteral("n_vocab")).toInteger());
        }
    }

    void tensorTypesOfTheMixedModel() {
        const QString path = kModels + QStringLiteral("/tiny-llama-spm512-q4_k_m.gguf");
        if (!QFile::exists(path)) QSKIP("tiny-llama-spm512-q4_k_m.gguf missing");
        std::string error;
        auto f = fyr::GgufFile::open(path.toStdString(), &error);
        QVERIFY2(f, error.c_str());
        QCOMPARE(QString::fromStdString(std::string(f->find_tensor("output.weight")->traits->name)), QStringLiteral("q6_K"));
        QCOMPARE(QString::fromStdString(std::string(f->find_tensor("blk.1.attn_v.weight")->traits->name)), QStringLiteral("q6_K"));
        QCOMPARE(QString::fromStdString(std::string(f->find_tensor("blk.0.attn_q.weight")->traits->name)), QStringLiteral("q4_K"));
        QCOMPARE(QString::fromStdString(std::string(f->find_tensor("blk.0.attn_norm.weight")->traits->name)), QStringLiteral("f32"));
        QCOMPARE(f->arch_int("context_length").value_or(0), int64_t{2048});
        QCOMPARE(f->arch_float("rope.freq_base").value_or(0), 500000.0);
        QVERIFY(f->get_string("tokenizer.chat_template").has_value());
    }

    void writerReproducesLlamaCppFilesByteForByte_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("stories260K") << QStringLiteral("stories260K.gguf");
        QTest::newRow("q4_k_m") << QStringLiteral("tiny-llama-spm512-q4_k_m.gguf");
        QTest::newRow("llama-2-tiny-random") << QStringLiteral("llama-2-tiny-random.gguf");
    }
    void writerReproducesLlamaCppFilesByteForByte() {
        QFETCH(QString, name);
        const QString path = kModels + QLatin1Char('/') + name;
        if (!QFile::exists(path)) QSKIP(qPrintable(name + QStringLiteral(" missing")));
        std::string error;
        auto f = fyr::GgufFile::open(path.toStdString(), &error);
        QVERIFY2(f, error.c_str());
        fyr::GgufWriter w;
        for (const std::string& key : f->keys()) w.copy_key(*f, key);
        for (const fyr::GgufTensor& t : f->tensors()) {
            const uint8_t* p = f->tensor_data(t);
            QVERIFY2(w.add_tensor(t.name, static_cast<fyr::GgmlType>(t.type), t.dims,
                                  std::vector<uint8_t>(p, p + t.n_bytes), &error),
                     error.c_str());
        }
        const std::vector<uint8_t> out = w.serialize();
        const QByteArray original = readAll(path);
        if (f->version() != 3) {
            // We always write v3; only the version field may differ.
            QCOMPARE(static_cast<qsizetype>(out.size()), original.size());
            QVERIFY(std::memcmp(out.data() + 8, original.constData() + 8, out.size() - 8) == 0);
            return;
        }
        QCOMPARE(static_cast<qsizetype>(out.size()), original.size());
        QVERIFY(std::memcmp(out.data(), original.constData(), out.size()) == 0);
    }

    void streamWriterMatchesTheInMemoryWriter_data() { writerReproducesLlamaCppFilesByteForByte_data(); }
    void streamWriterMatchesTheInMemoryWriter() {
        // The same llama.cpp file streamed tensor by tensor, each in uneven pieces.
        QFETCH(QString, name);
        const QString path = kModels + QLatin1Char('/') + name;
        if (!QFile::exists(path)) QSKIP(qPrintable(name + QStringLiteral(" missing")));
        std::string error;
        auto f = fyr::GgufFile::open(path.toStdString(), &error);
        QVERIFY2(f, error.c_str());
        fyr::GgufWriter header;
        for (const std::string& key : f->keys()) header.copy_key(*f, key);
        for (const fyr::GgufTensor& t : f->tensors())
            QVERIFY2(header.add_tensor_info(t.name, static_cast<fyr::GgmlType>(t.type), t.dims, &error), error.c_str());
        const QString out =
            QDir::temp().filePath(QStringLiteral("fyr_stream_%1.gguf").arg(QCoreApplication::applicationPid()));
        fyr::GgufStreamWriter w;
        QVERIFY2(w.open(out.toStdString(), header, &error), error.c_str());
        QVERIFY(QFile::exists(out + QStringLiteral(".tmp")));
        QVERIFY(!QFile::exists(out));
        for (const fyr::GgufTensor& t : f->tensors()) {
            const uint8_t* p = f->tensor_data(t);
            for (uint64_t at = 0; at < t.n_bytes;) {
                const uint64_t n = std::min<uint64_t>(t.n_bytes - at, 1000 + at % 777);
                QVERIFY2(w.write(p + at, size_t(n), &error), error.c_str());
                at += n;
            }
        }
        QVERIFY2(w.commit(&error), error.c_str());
        QVERIFY(!QFile::exists(out + QStringLiteral(".tmp")));
        const QByteArray written = readAll(out), original = readAll(path);
        QFile::remove(out);
        if (f->version() != 3) {
            QCOMPARE(written.size(), original.size());
            QVERIFY(written.mid(8) == original.mid(8));
            return;
        }
        QVERIFY(written == original);
    }

    void streamWriterRefusesWrongSizes() {
        fyr::GgufWriter header;
        std::string error;
        header.set_string("general.architecture", "llama");
        QVERIFY(header.add_tensor_info("a", fyr::GgmlType::F32, {4}, &error));
        QVERIFY(header.add_tensor_info("b", fyr::GgmlType::Q8_0, {32, 2}, &error));
        QVERIFY(!header.write_file("/nonexistent/never", &error));  // no data to write in memory
        QVERIFY2(error.find("'a'") != std::string::npos, error.c_str());
        const QString out =
            QDir::temp().filePath(QStringLiteral("fyr_stream_bad_%1.gguf").arg(QCoreApplication::applicationPid()));
        const std::vector<uint8_t> bytes(100, 1);
        {
            fyr::GgufStreamWriter w;
            QVERIFY(w.open(out.toStdString(), header, &error));
            QVERIFY(!w.write(bytes.data(), 17, &error));  // past the end of 'a'
            QVERIFY2(error.find("'a'") != std::string::npos, error.c_str());
            QVERIFY(!QFile::exists(out + QStringLiteral(".tmp")));  // a failed writer cleans up
        }
        {
            fyr::GgufStreamWriter w;
            QVERIFY(w.open(out.toStdString(), header, &error));
            QVERIFY(w.write(bytes.data(), 16, &error));
            QCOMPARE(w.current_tensor(), size_t(1));
            QVERIFY(w.write(bytes.data(), 34, &error));
            QVERIFY(!w.commit(&error));  // 'b' is 68 bytes
            QVERIFY2(error.find("'b' got 34 of its 68 bytes") != std::string::npos, error.c_str());
            QVERIFY(!QFile::exists(out));
            QVERIFY(!QFile::exists(out + QStringLiteral(".tmp")));
        }
        {
            fyr::GgufStreamWriter w;  // dropped before commit: nothing is left behind
            QVERIFY(w.open(out.toStdString(), header, &error));
            QVERIFY(w.write(bytes.data(), 16, &error));
        }
        QVERIFY(!QFile::exists(out + QStringLiteral(".tmp")));
        QVERIFY(!QFile::exists(out));
        fyr::GgufStreamWriter w;
        QVERIFY(!w.open("/nonexistent/dir/x.gguf", header, &error));
        QVERIFY2(error.find("/nonexistent/dir/x.gguf.tmp: cannot create") != std::string::npos, error.c_str());
    }

    void removedKeysMoveToTheEndWhenSetAgain() {
        fyr::GgufWriter w;
        w.set_u32("a", 1);
        w.set_u32("b", 2);
        w.set_u32("a", 3);  // overwrite in place
        w.remove_key("b");
        w.remove_key("missing");
        QVERIFY(!w.has_key("b"));
        w.set_u32("b", 4);
        const std::vector<uint8_t> bytes = w.serialize();
        std::string error;
        auto f = fyr::GgufFile::from_memory(bytes.data(), bytes.size(), "mem", &error);
        QVERIFY2(f, error.c_str());
        QCOMPARE(f->keys(), (std::vector<std::string>{"a", "b"}));
        QCOMPARE(f->get_int("a").value_or(0), int64_t{3});
        QCOMPARE(f->get_int("b").value_or(0), int64_t{4});
    }

    void writerRejectsBadTensors() {
        fyr::GgufWriter w;
        std::string error;
        QVERIFY(!w.add_tensor("x", fyr::GgmlType::Q8_0, {16}, std::vector<uint8_t>(17), &error));
        QVERIFY2(error.find("block size") != std::string::npos, error.c_str());
        QVERIFY(!w.add_tensor("x", fyr::GgmlType::F32, {4}, std::vector<uint8_t>(15), &error));
        QVERIFY2(error.find("needs 16") != std::string::npos, error.c_str());
        QVERIFY(w.add_tensor("x", fyr::GgmlType::F32, {4}, std::vector<uint8_t>(16), &error));
        QVERIFY(!w.add_tensor("x", fyr::GgmlType::F32, {4}, std::vector<uint8_t>(16), &error));
        QVERIFY2(error.find("duplicate") != std::string::npos, error.c_str());
    }

    void writeFileRoundTrip() {
        fyr::GgufWriter w;
        w.set_string("general.architecture", "llama");
        w.set_u32("llama.context_length", 64);
        w.set_bool("tokenizer.ggml.add_bos_token", true);
        w.set_array_strings("tokenizer.ggml.tokens", {"<s>", "åäö", ""});
        w.set_array_f32("tokenizer.ggml.scores", {0.f, -1.5f, 2.f});
        std::string error;
        std::vector<uint8_t> data(3 * 34);
        QVERIFY(w.add_tensor("w", fyr::GgmlType::Q8_0, {32, 3}, data, &error));
        const std::string path = QDir::temp().filePath(QStringLiteral("fyr_writer_%1.gguf").arg(QCoreApplication::applicationPid())).toStdString();
        QVERIFY2(w.write_file(path, &error), error.c_str());
        auto f = fyr::GgufFile::open(path, &error);
        QVERIFY2(f, error.c_str());
        QCOMPARE(f->get_int("llama.context_length").value_or(0), int64_t{64});
        QCOMPARE(f->get_bool("tokenizer.ggml.add_bos_token").value_or(false), true);
        QCOMPARE(std::string(f->find("tokenizer.ggml.tokens")->strings[1]), std::string("åäö"));
        QCOMPARE(f->find("tokenizer.ggml.scores")->number_at(1).value_or(0), -1.5);
        QCOMPARE(f->find_tensor("w")->n_bytes, uint64_t{102});
        QCOMPARE(f->data_offset() % 32, uint64_t{0});
        f.reset();
        QFile::remove(QString::fromStdString(path));
    }
};

QTEST_GUILESS_MAIN(TestGguf)
#include "tst_gguf.moc"
