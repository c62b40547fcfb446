// A transformer model's hyper-parameters and weights, read from a GGUF file
// without copying: every weight stays in the file's mapping and is turned into
// floats row by row (fyr::kernels::dequantize_row) when a matmul needs it.
//
//   std::string error;
//   auto file = fyr::GgufFile::open("model.gguf", &error);
//   auto model = fyr::Model::load(*file, &error);   // nullptr + error naming file and tensor
//   const fyr::ModelHParams& hp = model->hparams();  // hp.n_embd, hp.n_layer, ...
//   fyr::ReferenceContext ctx(*model, 256);           // see reference_forward.h
//
// Supported architectures are listed by model_architectures() ("llama", "qwen2").
// Adding one is a small file in engine/src/model/ describing its tensor names,
// rope mode and biases, plus its row in the registry (arch_registry.cpp).
//
// A Model is immutable after load() and only points into the GgufFile, which
// must outlive it. Any number of threads may read one Model.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace fyr {

class GgufFile;
struct GgufTensor;

// How rotary position embedding pairs dimensions (llama.cpp's rope modes).
enum class RopeMode {
    Normal,  // pairs (2i, 2i+1): llama
    Neox,    // pairs (i, i + n_rot/2): qwen2
};

struct ModelHParams {
    std::string arch;  // general.architecture
    int32_t n_vocab = 0;
    int32_t n_ctx_train = 0;  // <arch>.context_length
    int32_t n_embd = 0;
    int32_t n_ff = 0;
    int32_t n_layer = 0;
    int32_t n_head = 0;
    int32_t n_head_kv = 0;
    int32_t n_embd_head = 0;  // head dimension
    int32_t n_rot = 0;        // rotated dimensions per head
    float rms_eps = 1e-5f;
    float rope_freq_base = 10000.0f;
    RopeMode rope_mode = RopeMode::Normal;

    int32_t n_embd_q() const { return n_head * n_embd_head; }
    int32_t n_embd_kv() const { return n_head_kv * n_embd_head; }
};

// A weight (a 2-D matrix or a 1-D vector) inside the file's mapping.
struct WeightTensor {
    const GgufTensor* tensor = nullptr;  // nullptr: absent (optional tensors)
    const uint8_t* data = nullptr;
    uint32_t type = 0;  // ggml type number
    int64_t n_in = 0;   // dims[0], contiguous
    int64_t n_out = 1;  // dims[1] (rows); 1 for vectors
    uint64_t row_bytes = 0;

    explicit operator bool() const { return tensor != nullptr; }
    // Row r as floats into dst[n_in]. Precondition: 0 <= r < n_out.
    void dequantize_row(int64_t r, float* dst) const;
};

struct LayerWeights {
    WeightTensor attn_norm;  // [n_embd]
    WeightTensor wq;         // [n_embd, n_embd_q]
    WeightTensor wk;         // [n_embd, n_embd_kv]
    WeightTensor wv;         // [n_embd, n_embd_kv]
    WeightTensor bq;         // [n_embd_q], optional (qwen2)
    WeightTensor bk;         // [n_embd_kv], optional
    WeightTensor bv;         // [n_embd_kv], optional
    WeightTensor wo;         // [n_embd_q, n_embd]
    WeightTensor ffn_norm;   // [n_embd]
    WeightTensor ffn_gate;   // [n_embd, n_ff]
    WeightTensor ffn_up;     // [n_embd, n_ff]
    WeightTensor ffn_down;   // [n_ff, n_embd]
};

class Model final {
public:
    // Reads the hyper-parameters and finds every tensor, checking shapes and
    // types. Fails (nullptr, "<file>: ...") for an unknown architecture, a
    // missing key or tensor, a wrong shape, or a weight type dequantize_row()
    // does not handle yet. `file` must outlive the Model.
    static std::unique_ptr<Model> load(const GgufFile& file, std::string* error);

    const ModelHParams& hparams() const { return m_hparams; }
    const GgufFile& file() const { return *m_file; }

    const WeightTensor& token_embd() const { return m_token_embd; }    // [n_embd, n_vocab]
    const WeightTensor& output_norm() const { return m_output_norm; }  // [n_embd]
    // output.weight, or token_embd.weight when the file ties them.  [n_embd, n_vocab]
    const WeightTensor& output() const { return m_output; }
    const std::vector<LayerWeights>& layers() const { return m_layers; }

    // Weight bytes one token's forward pass reads: every matrix and vector of
    // every layer, the output norm and matrix, and one row of the embeddings.
    // Decoding reads these for each token, so bytes × tokens/s is the memory
    // bandwidth generation achieves (fyrctl bench, the dashboards).
    uint64_t weight_bytes_per_token() const;

private:
    Model() = default;

    const GgufFile* m_file = nullptr;
    ModelHParams m_hparams;
    WeightTensor m_token_embd;
    WeightTensor m_output_norm;
    WeightTensor m_output;
    std::vector<LayerWeights> m_layers;
};

// The architectures Model::load() accepts, e.g. {"llama", "qwen2"}.
std::vector<std::string> model_architectures();

}  // namespace fyr
