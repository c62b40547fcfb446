// ModelInfo: the facts `fyrctl inspect` reports, checked against the shared models'
// documented shapes (../shared/models/README.md) and computed by hand.
#include <QFile>
#include <QTest>

#include "fyr/gguf_file.h"
#include "fyr/model_info.h"

namespace {

std::unique_ptr<fyr::GgufFile> openModel(const char* name) {
    const QString path = QStringLiteral(FYR_SHARED_DIR "/models/") + QLatin1String(name);
    if (!QFile::exists(path)) return nullptr;
    std::string error;
    auto f = fyr::GgufFile::open(path.toStdString(), &error);
    if (!f) qWarning("%s", error.c_str());
    return f;
}

const fyr::ModelInfo::KvEstimate* kv(const fyr::ModelInfo& m, const char* type) {
    for (const auto& e : m.kv) {
        if (e.type == type) return &e;
    }
    return nullptr;
}

}  // namespace

class TestModelInfo : public QObject {
    Q_OBJECT
private slots:
    void stories260K() {
        auto f = openModel("stories260K.gguf");
        if (!f) QSKIP("stories260K.gguf missing from " FYR_SHARED_DIR "/models");
        const fyr::ModelInfo m = fyr::ModelInfo::from_gguf(*f, 256);
        QCOMPARE(QString::fromStdString(m.architecture), QStringLiteral("llama"));
        QCOMPARE(m.n_embd, int64_t{64});
        QCOMPARE(m.n_ff, int64_t{172});
        QCOMPARE(m.n_layer, int64_t{5});
        QCOMPARE(m.n_head, int64_t{8});
        QCOMPARE(m.n_head_kv, int64_t{4});
        QCOMPARE(m.head_dim_k, int64_t{8});
        QCOMPARE(m.n_vocab, int64_t{512});
        QCOMPARE(QString::fromStdString(m.vocab_type), QStringLiteral("llama"));
        QVERIFY(!m.has_chat_template);
        // Parameters by hand: embeddings and output (512 x 64 each), per layer q,k,v,o,
        // three FFN matrices and two norms, and the final norm.
        const uint64_t per_layer = 64 * 64 + 64 * 32 * 2 + 64 * 64 + 3 * 64 * 172 + 2 * 64;
        const uint64_t expected = 2 * 512 * 64 + 5 * per_layer + 64;
        QCOMPARE(m.n_params, expected);
        QCOMPARE(m.weight_bytes, expected * 4);
        QCOMPARE(m.type_mix.size(), size_t{1});
        QCOMPARE(QString::fromStdString(m.type_mix[0].type), QStringLiteral("f32"));
        // KV per token: layers x (K + V) x n_head_kv x head_dim x bytes.
        QCOMPARE(m.n_ctx, int64_t{256});
        QCOMPARE(kv(m, "f16")->bytes_per_token, uint64_t{5 * 2 * 4 * 8 * 2});
        QCOMPARE(kv(m, "f32")->bytes_total, uint64_t{5 * 2 * 4 * 8 * 4} * 256);
        QCOMPARE(kv(m, "q8_0")->bytes_per_token, uint64_t{5 * 2 * 34});
        QCOMPARE(m.memory_bytes("f16"), m.weight_bytes + uint64_t{640} * 256);
        bool bos = false;
        for (const auto& s : m.special_tokens) {
            QVERIFY2(s.id >= 0 && s.id < m.n_vocab, s.role.c_str());
            if (s.role == "bos") bos = s.id == 1 && s.text == "<s>";
        }
        QVERIFY(bos);
    }

    void quantizedMix() {
        auto f = openModel("tiny-llama-spm512-q4_k_m.gguf");
        if (!f) QSKIP("tiny-llama-spm512-q4_k_m.gguf missing");
        const fyr::ModelInfo m = fyr::ModelInfo::from_gguf(*f, 0);
        QCOMPARE(m.n_ctx, int64_t{2048});  // trained context when none is asked for
        QCOMPARE(QString::fromStdString(m.file_type), QStringLiteral("Q4_K_M"));
        QCOMPARE(m.type_mix.size(), size_t{3});
        QCOMPARE(QString::fromStdString(m.type_mix[0].type), QStringLiteral("q4_K"));
        QCOMPARE(QString::fromStdString(m.type_mix[1].type), QStringLiteral("q6_K"));
        QCOMPARE(m.type_mix[1].n_tensors, uint64_t{3});
        QCOMPARE(m.type_mix[2].n_tensors, uint64_t{5});
        QVERIFY(m.has_chat_template);
        QVERIFY(m.unsupported_tensors.empty());
    }

    void bpeVocabAndTiedOutput() {
        auto f = openModel("tiny-llama-bpe-f32.gguf");
        if (!f) QSKIP("tiny-llama-bpe-f32.gguf missing");
        const fyr::ModelInfo m = fyr::ModelInfo::from_gguf(*f, 0);
        QCOMPARE(QString::fromStdString(m.vocab_type), QStringLiteral("gpt2"));
        QCOMPARE(QString::fromStdString(m.pre_type), QStringLiteral("llama-bpe"));
        QCOMPARE(m.n_vocab, int64_t{128256});
        QCOMPARE(m.n_merges, int64_t{280147});
        QVERIFY(f->find_tensor("output.weight") == nullptr);
        // Head dim 4: a KV row of 8 values is not a whole q8_0/q4_0 block, so those types are not offered.
        QVERIFY(kv(m, "f16") != nullptr);
        QVERIFY(kv(m, "q8_0") == nullptr);
        QCOMPARE(m.memory_bytes("q8_0"), uint64_t{0});
    }

    void unknownTensorTypeIsListed() {
        std::string error;
        auto f = fyr::GgufFile::open(FYR_SOURCE_DIR "/tests/corpus/gguf/unknown_tensor_type.gguf", &error);
        QVERIFY2(f, error.c_str());
        const fyr::ModelInfo m = fyr::ModelInfo::from_gguf(*f, 0);
        QCOMPARE(m.unsupported_tensors.size(), size_t{1});
        QCOMPARE(QString::fromStdString(m.type_mix[0].type), QStringLiteral("unknown(200)"));
        QCOMPARE(m.n_ctx, int64_t{4096});
    }
};

QTEST_GUILESS_MAIN(TestModelInfo)
#include "tst_model_info.moc"
