// The scalar reference forward pass against llama.cpp for every model in the
// shared folder whose weights are F32, F16 or BF16: prompt ids, the top-5
// logits at every prompt position, the .logits.f32 vector and the greedy
// continuation (reference_check.h has the rules and tolerances); plus the
// stories260K text, batch/single-token agreement and the errors.
// Quantized models are in tst_reference_forward_quantized.cpp.
#include "fyr/gguf_writer.h"
#include "reference_check.h"

using namespace reference_check;

class TestReferenceForward : public QObject {
    Q_OBJECT
private slots:
    void matchesLlamaCpp_data() {
        if (addModelRows(/*quantized=*/false) == 0)
            QSKIP("no F32/F16/BF16 model with a .ref.json in the shared folder");
    }

    void matchesLlamaCpp() {
        QFETCH(QString, model);
        checkModel(model);
    }

    void storiesGreedyText() {
        const QString path = modelsDir() + QStringLiteral("/stories260K.gguf");
        if (!QFile::exists(path)) QSKIP("stories260K.gguf missing");
        Loaded l = load(path);
        QVERIFY2(l.model, l.error.c_str());
        fyr::ReferenceContext ctx(*l.model, 64);
        const std::vector<int32_t> prompt = l.tokenizer->encode("Once upon a time", true, false);
        QCOMPARE(prompt, (std::vector<int32_t>{1, 403, 407, 261, 378}));
        std::string error;
        std::vector<float> logits = ctx.eval(prompt, false, &error);
        std::string text;
        for (int i = 0; i < 32; ++i) {
            QVERIFY2(!logits.empty(), error.c_str());
            const int32_t next = fyr::top_k_ids(logits.data(), l.model->hparams().n_vocab, 1)[0];
            text += l.tokenizer->token_to_piece(next, true);
            logits = ctx.eval({next}, false, &error);
        }
        QCOMPARE(QString::fromStdString(text),
                 QStringLiteral(
                     ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw"));
    }

    void batchAndSingleTokenEvalAgree() {
        const QString path = modelsDir() + QStringLiteral("/tiny-qwen2-f32.gguf");
        if (!QFile::exists(path)) QSKIP("tiny-qwen2-f32.gguf missing");
        Loaded l = load(path);
        QVERIFY2(l.model, l.error.c_str());
        const std::vector<int32_t> tokens{785, 3974, 13876, 38835};
        fyr::ReferenceContext batch(*l.model, 8), single(*l.model, 8);
        const std::vector<float> all = batch.eval(tokens, true);
        QCOMPARE(all.size(), tokens.size() * size_t(l.model->hparams().n_vocab));
        std::vector<float> one;
        for (int32_t t : tokens) one = single.eval({t}, false);
        const float* last = all.data() + (tokens.size() - 1) * size_t(l.model->hparams().n_vocab);
        for (size_t i = 0; i < one.size(); ++i) QCOMPARE(one[i], last[i]);
    }

    void loadErrorsNameTheFileAndTensor() {
        auto tryLoad = [](const fyr::GgufWriter& w) {
            const std::vector<uint8_t> bytes = w.serialize();
            std::string error;
            const auto file = fyr::GgufFile::from_memory(bytes.data(), bytes.size(), "synthetic.gguf", &error);
            if (!file) return "open: " + error;
            const auto model = fyr::Model::load(*file, &error);
            return model ? std::string("loaded") : error;
        };
        auto f32 = [](size_t n) { return std::vector<uint8_t>(n * 4, 0); };
        std::string error;

        fyr::GgufWriter mamba;
        mamba.set_string("general.architecture", "mamba");
        QCOMPARE(tryLoad(mamba),
                 std::string("synthetic.gguf: architecture 'mamba' is not supported (supported: llama, qwen2)"));

        fyr::GgufWriter w;
        w.set_string("general.architecture", "llama");
        w.set_u32("llama.embedding_length", 8);
        w.set_u32("llama.feed_forward_length", 16);
        w.set_u32("llama.block_count", 1);
        w.set_u32("llama.attention.head_count", 2);
        QCOMPARE(tryLoad(w),
                 std::string("synthetic.gguf: missing metadata key 'llama.attention.layer_norm_rms_epsilon'"));
        w.set_f32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        QCOMPARE(tryLoad(w), std::string("synthetic.gguf: missing tensor 'token_embd.weight'"));
        QVERIFY(w.add_tensor("token_embd.weight", fyr::GgmlType::F32, {8, 32}, f32(8 * 32), &error));
        QVERIFY(w.add_tensor("output_norm.weight", fyr::GgmlType::F32, {8}, f32(8), &error));
        QCOMPARE(tryLoad(w), std::string("synthetic.gguf: missing tensor 'blk.0.attn_norm.weight'"));
        QVERIFY(w.add_tensor("blk.0.attn_norm.weight", fyr::GgmlType::F32, {4}, f32(4), &error));
        QCOMPARE(tryLoad(w),
                 std::string("synthetic.gguf: tensor 'blk.0.attn_norm.weight' has shape [4], expected [8]"));
    }

    void errorsAreClear() {
        const QString path = modelsDir() + QStringLiteral("/stories260K.gguf");
        if (!QFile::exists(path)) QSKIP("stories260K.gguf missing");
        Loaded l = load(path);
        QVERIFY2(l.model, l.error.c_str());
        QCOMPARE(l.model->hparams().arch, std::string("llama"));
        QCOMPARE(l.model->hparams().n_head_kv, 4);
        QCOMPARE(l.model->hparams().n_embd_head, 8);

        fyr::ReferenceContext ctx(*l.model, 4);
        std::string error;
        QVERIFY(ctx.eval({}, false, &error).empty());
        QVERIFY(ctx.eval({1, 2, 3, 4, 5}, false, &error).empty());
        QVERIFY2(error.find("stories260K.gguf: eval: the context is full") != std::string::npos, error.c_str());
        QCOMPARE(ctx.n_past(), 0);
        QVERIFY(ctx.eval({512}, false, &error).empty());
        QVERIFY2(error.find("token id 512 is out of range") != std::string::npos, error.c_str());
        QCOMPARE(ctx.eval({1, 2, 3, 4}, false, &error).size(), size_t(512));
        QVERIFY(ctx.eval({1}, false, &error).empty());
        QVERIFY2(error.find("context is full") != std::string::npos, error.c_str());
        ctx.clear();
        QCOMPARE(ctx.eval({1}, false, &error).size(), size_t(512));

        // A vocabulary-only file has no weights: the error names the file and the tensor.
        const QString vocab = modelsDir() + QStringLiteral("/vocab/ggml-vocab-llama-spm.gguf");
        if (QFile::exists(vocab)) {
            Loaded v = load(vocab);
            QVERIFY(v.file);
            QVERIFY(!v.model);
            QVERIFY2(v.error.find("ggml-vocab-llama-spm.gguf: ") != std::string::npos, v.error.c_str());
            QVERIFY2(v.error.find("token_embd.weight") != std::string::npos ||
                         v.error.find("metadata key") != std::string::npos,
                     v.error.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestReferenceForward)
#include "tst_reference_forward.moc"
