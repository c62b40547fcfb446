#include "cpu_forward.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <utility>

#include "fyr/ggml_type.h"
#include "fyr/gguf_file.h"
#include "fyr/kernels/dequantize.h"
#include "fyr/kernels/quantize.h"
#include "fyr/model.h"
#include "fyr/paged_kv_cache.h"
#include "rms_norm.h"

namespace fyr {

namespace {

size_t idx(int64_t v) {
    return static_cast<size_t>(v);
}

std::vector<float> vector_of(const WeightTensor& w) {
    if (!w) return {};
    std::vector<float> v(idx(w.n_in));
    w.dequantize_row(0, v.data());
    return v;
}

float silu(float x) {
    return x / (1.0f + std::exp(-x));
}

kernels::Isa choose_isa(const std::string& name) {
    for (kernels::Isa isa : kernels::available_isas()) {
        if (name == kernels::isa_name(isa)) return isa;
    }
    return kernels::best_isa();
}

// Below this many values per thread a step runs on the calling thread alone.
constexpr int64_t kMinParallelValues = 16384;

// Bytes of a GGUF Q8_0 block: an F16 scale and 32 int8 quants.
constexpr size_t kQ8_0Block = 34;

// Attention takes up to kMaxRunTokens tokens of one sequence at a time (their query
// rows share each key and value read), as many as keep a thread's scores (float and
// F16, every query head of a KV head, max_positions each) within kAttnScratchBytes.
constexpr int64_t kMaxRunTokens = 16;
constexpr size_t kAttnScratchBytes = size_t{4} << 20;

// e^x for x <= 0 (softmax after the max is taken off), as plain arithmetic the
// compiler vectorizes: x = k ln2 + r with |r| <= ln2 / 2 (ln2 in two parts), e^r by
// its Taylor polynomial to r^6 (relative error below 2e-7), times 2^k through the
// exponent bits. Below -87.3 the result is 2^-126-ish, effectively 0.
inline float exp_nonpositive(float x) {
    x = x < -87.3f ? -87.3f : x;
    constexpr float kLog2e = 1.44269504088896341f, kRound = 12582912.0f;  // 1.5 * 2^23
    const float kf = (x * kLog2e + kRound) - kRound;                      // nearest integer
    const float r = (x - kf * 0.693145751953125f) - kf * 1.428606765330187e-06f;
    const float p =
        1.0f + r * (1.0f + r * (0.5f + r * (1.0f / 6 + r * (1.0f / 24 + r * (1.0f / 120 + r * (1.0f / 720))))));
    const int32_t bits = (static_cast<int32_t>(kf) + 127) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

// Softmax of sc[0, n) * scale in place, the sum in double (as llama.cpp's). Every
// loop keeps kLanes independent lanes, so the compiler vectorizes each (a float
// maximum or sum with one accumulator is a serial chain it may not reorder).
void softmax_scaled(float* sc, int64_t n, float scale) {
    constexpr int64_t kLanes = 8;
    float maxes[kLanes];
    std::fill(maxes, maxes + kLanes, -INFINITY);
    int64_t j = 0;
    for (; j + kLanes <= n; j += kLanes) {
        for (int64_t k = 0; k < kLanes; ++k) {
            const float v = sc[j + k] * scale;
            sc[j + k] = v;
            maxes[k] = maxes[k] > v ? maxes[k] : v;
        }
    }
    for (; j < n; ++j) {
        sc[j] *= scale;
        maxes[0] = maxes[0] > sc[j] ? maxes[0] : sc[j];
    }
    float max = maxes[0];
    for (int64_t k = 1; k < kLanes; ++k) max = std::max(max, maxes[k]);
    for (j = 0; j < n; ++j) sc[j] = exp_nonpositive(sc[j] - max);
    double sums[kLanes] = {};
    for (j = 0; j + kLanes <= n; j += kLanes) {
        for (int64_t k = 0; k < kLanes; ++k) sums[k] += static_cast<double>(sc[j + k]);
    }
    for (; j < n; ++j) sums[0] += static_cast<double>(sc[j]);
    double sum = 0;
    for (int64_t k = 0; k < kLanes; ++k) sum += sums[k];
    const float inv = static_cast<float>(1.0 / sum);
    for (int64_t i = 0; i < n; ++i) sc[i] *= inv;
}

// A matmul step's rows go out in chunks that shrink as the step goes on (each a
// 1/kChunkDivisor share of what is left per thread, down to kMinChunkBytes of
// weights): the threads take them from a shared counter, so one slowed by the
// memory system or another process does not hold the others up, and the last
// chunks are small, so the threads finish together. With a fixed 1/8 of the rows
// per chunk on 2 threads, decoding spent 6.4% of each thread's matmul time
// waiting at the join (the first to finish idles for half a chunk on average).
constexpr int64_t kChunkDivisor = 2;
constexpr int64_t kMinChunkBytes = 32 * 1024;

}  // namespace

CpuForward::CpuForward(const Model& model, const CpuForwardParams& params)
    : m_model(model),
      m_max_tokens(std::max(params.max_tokens, 1)),
      m_max_positions(std::max(params.max_positions, 1)),
      m_isa(choose_isa(params.kernels)),
      m_table(params.kernel_table),
      m_pool(params.n_threads),
      m_profile(params.profile) {
    const ModelHParams& hp = model.hparams();
    const int64_t n_embd = hp.n_embd, n_q = hp.n_embd_q(), n_kv = hp.n_embd_kv(), n_ff = hp.n_ff;

    // Room for every packed matrix (each once: a tied output may share its data).
    {
        std::vector<const uint8_t*> seen;
        size_t bytes = 0;
        auto add = [&](const WeightTensor& w) {
            if (std::find(seen.begin(), seen.end(), w.data) != seen.end()) return;
            seen.push_back(w.data);
            bytes += (packed_size(w, params.pack_weights) + 63) / 64 * 64;
        };
        for (const LayerWeights& w : model.layers()) {
            for (const WeightTensor* t : {&w.wq, &w.wk, &w.wv, &w.wo, &w.ffn_gate, &w.ffn_up, &w.ffn_down}) add(*t);
        }
        add(model.output());
        m_packed.reserve(bytes);
    }
    m_layers.resize(idx(hp.n_layer));
    for (int32_t il = 0; il < hp.n_layer; ++il) {
        const LayerWeights& w = model.layers()[idx(il)];
        Layer& l = m_layers[idx(il)];
        l.attn_norm = vector_of(w.attn_norm);
        l.ffn_norm = vector_of(w.ffn_norm);
        l.bq = vector_of(w.bq);
        l.bk = vector_of(w.bk);
        l.bv = vector_of(w.bv);
        l.wq = make_linear(w.wq, params.pack_weights);
        l.wk = make_linear(w.wk, params.pack_weights);
        l.wv = make_linear(w.wv, params.pack_weights);
        l.wo = make_linear(w.wo, params.pack_weights);
        l.gate = make_linear(w.ffn_gate, params.pack_weights);
        l.up = make_linear(w.ffn_up, params.pack_weights);
        l.down = make_linear(w.ffn_down, params.pack_weights);
    }
    m_output_norm = vector_of(model.output_norm());
    m_output = make_linear(model.output(), params.pack_weights);
    // matmuls()'s chunks: at most one per 8-row group of each of up to 3 jobs.
    int64_t max_out = m_output.w->n_out;
    for (const Layer& l : m_layers) {
        for (const Linear* lin : {&l.wq, &l.wk, &l.wv, &l.wo, &l.gate, &l.up, &l.down})
            max_out = std::max(max_out, lin->w->n_out);
    }
    m_chunks.reserve(3 * idx(max_out / 8 + 1));
    m_f16 = kernels_for(static_cast<uint32_t>(GgmlType::F16));
    m_q8 = kernels_for(static_cast<uint32_t>(GgmlType::Q8_0));
    // A given table may lack the transposed product: the scalar one then.
    auto weights_v = [](const kernels::MatmulKernels* k) {
        return k->gemm_t_acc ? k->gemm_t_acc
                             : kernels::matmul_kernels(k->weight_type, kernels::Isa::Scalar)->gemm_t_acc;
    };
    m_weights_v_f16 = weights_v(m_f16);
    m_weights_v_q8 = weights_v(m_q8);

    const size_t nb = idx(m_max_tokens);
    m_x.resize(nb * idx(n_embd));
    m_cur.resize(nb * idx(n_embd));
    m_q.resize(nb * idx(n_q));
    m_k.resize(nb * idx(n_kv));
    m_v.resize(nb * idx(n_kv));
    m_attn.resize(nb * idx(n_q));
    m_gate.resize(nb * idx(n_ff));
    m_up.resize(nb * idx(n_ff));
    m_proj.resize(nb * idx(n_embd));
    m_rope_cos.resize(nb * idx(hp.n_rot / 2));
    m_rope_sin.resize(nb * idx(hp.n_rot / 2));

    size_t xq_bytes = 0;
    auto need = [&](const Linear& lin) { xq_bytes = std::max(xq_bytes, lin.k->activation_bytes(lin.w->n_in) * nb); };
    for (const Layer& l : m_layers) {
        for (const Linear* lin : {&l.wq, &l.wk, &l.wv, &l.wo, &l.gate, &l.up, &l.down}) need(*lin);
    }
    need(m_output);
    for (auto& b : m_xq) b.resize(xq_bytes);

    const size_t nt = idx(m_pool.size());
    // Per thread, room for the query heads of one KV head for a run of up to
    // m_run_tokens tokens (attend_heads): as many tokens as keep the scores within
    // kAttnScratchBytes, at most kMaxRunTokens.
    const size_t n_group = idx(hp.n_head / hp.n_head_kv);
    const size_t score_bytes = n_group * idx(m_max_positions) * (sizeof(float) + sizeof(uint16_t));
    m_run_tokens = std::clamp<int64_t>(static_cast<int64_t>(kAttnScratchBytes / score_bytes), 1, kMaxRunTokens);
    m_runs.reserve(nb);
    const size_t rows = n_group * idx(m_run_tokens);
    m_scores.assign(nt, std::vector<float>(rows * idx(m_max_positions)));
    m_head_acc.assign(nt, std::vector<float>(rows * idx(hp.n_embd_head)));
    m_scores_q.assign(nt, std::vector<uint8_t>(rows * m_f16->activation_bytes(m_max_positions)));
    m_head_q.assign(nt, std::vector<uint8_t>(rows * std::max(m_f16->activation_bytes(hp.n_embd_head),
                                                             m_q8->activation_bytes(hp.n_embd_head))));
}

CpuForward::~CpuForward() = default;

void CpuForward::PackedArena::reserve(size_t bytes) {
    m_buffer = HugePageBuffer(bytes);
}

uint8_t* CpuForward::PackedArena::take(size_t bytes) {
    uint8_t* p = m_buffer.data() + m_used;
    m_used += (bytes + 63) / 64 * 64;
    return m_used <= m_buffer.size() ? p : nullptr;
}

size_t CpuForward::packed_size(const WeightTensor& w, bool pack) const {
    const kernels::MatmulKernels& k = *kernels_for(w.type);
    if (!pack || !w || k.pack_rows <= 0 || w.n_out % k.pack_rows != 0) return 0;
    return static_cast<size_t>(w.n_out / k.pack_rows) * k.packed_bytes(w.n_in);
}

CpuForward::Linear CpuForward::make_linear(const WeightTensor& w, bool pack) {
    // Model::load() accepts only types the dequantizer handles, and every such
    // type has kernels (a generic one at worst).
    Linear lin{&w, kernels_for(w.type), nullptr};
    const kernels::MatmulKernels& k = *lin.k;
    const size_t bytes = packed_size(w, pack);
    if (bytes == 0) return lin;
    // Tied embeddings: the output matrix may already be packed.
    for (const auto& [done, copy] : m_packed_of) {
        if (done == w.data) {
            lin.packed = copy;
            return lin;
        }
    }
    const size_t group_bytes = k.packed_bytes(w.n_in);
    uint8_t* dst = m_packed.take(bytes);
    if (dst == nullptr) return lin;  // not reserved for: cannot happen (the constructor sized the arena)
    m_pool.run([&](int ith, int nth) {
        const auto [r0, r1] = ThreadPool::split(w.n_out, ith, nth, k.pack_rows);
        if (r1 > r0)
            k.pack(w.n_in, w.data + idx(r0) * w.row_bytes, w.row_bytes, r1 - r0,
                   dst + idx(r0 / k.pack_rows) * group_bytes);
    });
    m_model.file().release_pages(w.data, static_cast<uint64_t>(w.n_out) * w.row_bytes);
    lin.packed = dst;
    m_packed_of.emplace_back(w.data, dst);
    return lin;
}

const kernels::MatmulKernels* CpuForward::kernels_for(uint32_t type) const {
    if (m_table != nullptr) {
        if (const kernels::MatmulKernels* k = m_table(type)) return k;
    }
    return kernels::matmul_kernels(type, m_isa);
}

std::string CpuForward::backend() const {
    return std::string("cpu ") + (m_table != nullptr ? "given kernels" : kernels::isa_name(m_isa)) + ", " +
           std::to_string(m_pool.size()) +
           (m_pool.size() == 1 ? " thread" : " threads");
}

std::vector<PhaseTime> CpuForward::phase_times() const {
    if (!m_profile) return {};
    static constexpr const char* kNames[kPhases] = {"embedding",     "rms norm",        "quantize activations",
                                                    "matmul q k v",  "attention",       "matmul attn output",
                                                    "matmul ffn in", "matmul ffn down", "output"};
    std::vector<PhaseTime> out;
    for (int i = 0; i < kPhases; ++i) out.push_back({kNames[i], m_phase_s[idx(i)]});
    return out;
}

void CpuForward::mark_slow(Phase p) {
    const auto now = std::chrono::steady_clock::now();
    m_phase_s[idx(static_cast<int>(p))] += std::chrono::duration<double>(now - m_mark).count();
    m_mark = now;
}

void CpuForward::rms_norm(const float* x, const std::vector<float>& w, int64_t n_tokens, float* out) {
    const int64_t n = m_model.hparams().n_embd;
    const float eps = m_model.hparams().rms_eps;
    auto one = [&](int64_t t) { detail::rms_norm_row(x + t * n, w.data(), eps, n, out + t * n); };
    if (n_tokens * n < kMinParallelValues) {
        for (int64_t t = 0; t < n_tokens; ++t) one(t);
    } else {
        m_pool.run([&](int ith, int nth) {
            const auto [b, e] = ThreadPool::split(n_tokens, ith, nth);
            for (int64_t t = b; t < e; ++t) one(t);
        });
    }
    mark(Phase::Norm);
}

template <class After>
void CpuForward::matmuls(Phase phase, const float* x, int64_t n_tokens, std::initializer_list<MatmulJob> jobs,
                         After&& after) {
    // One quantized copy of x per distinct activation form among the jobs.
    const kernels::MatmulKernels* forms[3] = {};
    int slot_of[3] = {};
    int n_forms = 0, j = 0;
    for (const MatmulJob& job : jobs) {
        int s = 0;
        while (s < n_forms && forms[s]->quantize != job.lin->k->quantize) ++s;
        if (s == n_forms) forms[n_forms++] = job.lin->k;
        slot_of[j++] = s;
    }
    const int64_t n_in = jobs.begin()->lin->w->n_in;
    auto quantize = [&](int64_t t) {
        for (int s = 0; s < n_forms; ++s) {
            const size_t bytes = forms[s]->activation_bytes(n_in);
            forms[s]->quantize(x + t * n_in, m_xq[s].data() + idx(t) * bytes, n_in);
        }
    };
    if (n_tokens * n_in < kMinParallelValues) {
        for (int64_t t = 0; t < n_tokens; ++t) quantize(t);
    } else {
        m_pool.run([&](int ith, int nth) {
            const auto [b, e] = ThreadPool::split(n_tokens, ith, nth);
            for (int64_t t = b; t < e; ++t) quantize(t);
        });
    }
    mark(Phase::Quantize);
    // Chunks: rows in multiples of the jobs' packed row groups (8 for AVX2's
    // layouts, 16 for AVX-512's; a packed matrix can only be entered at a group).
    // Jobs with the same rows go together (a chunk does every job's rows, then
    // after()); otherwise each job's rows are chunked in turn.
    const int64_t n_jobs = static_cast<int64_t>(jobs.size());
    bool shared_rows = true;
    int64_t group = 8, total_rows = 0, row_bytes = 0;
    for (const MatmulJob& job : jobs) {
        shared_rows = shared_rows && job.lin->w->n_out == jobs.begin()->lin->w->n_out;
        if (job.lin->packed) group = std::max(group, job.lin->k->pack_rows);
        total_rows += job.lin->w->n_out;
        row_bytes += static_cast<int64_t>(job.lin->w->row_bytes);
    }
    if (shared_rows)
        total_rows = jobs.begin()->lin->w->n_out;
    else
        row_bytes /= n_jobs;
    const int64_t nth_all = m_pool.size();
    const int64_t min_rows =
        (std::max<int64_t>(1, kMinChunkBytes / std::max<int64_t>(row_bytes, 1)) + group - 1) / group * group;
    m_chunks.clear();
    int64_t done = 0;
    for (int64_t jj = 0; jj < (shared_rows ? 1 : n_jobs); ++jj) {
        const int64_t n_out = jobs.begin()[jj].lin->w->n_out;
        for (int64_t r0 = 0; r0 < n_out;) {
            const int64_t left = total_rows - done;
            int64_t rows = (left / (nth_all * kChunkDivisor) + group - 1) / group * group;
            rows = std::min(std::max(rows, min_rows), n_out - r0);
            m_chunks.push_back({shared_rows ? -1 : static_cast<int32_t>(jj), r0, r0 + rows});
            r0 += rows;
            done += rows;
        }
    }
    const auto n_chunks = static_cast<int64_t>(m_chunks.size());
    m_next_chunk.store(nth_all, std::memory_order_relaxed);
    m_pool.run([&](int ith, int) {
        // Threads take chunks from a shared counter: first their own, then whatever is left.
        for (int64_t c = ith; c < n_chunks; c = m_next_chunk.fetch_add(1, std::memory_order_relaxed)) {
            const RowChunk& chunk = m_chunks[idx(c)];
            const int64_t j0 = chunk.job < 0 ? 0 : chunk.job, j1 = chunk.job < 0 ? n_jobs : chunk.job + 1;
            const int64_t r0 = chunk.r0, r1 = chunk.r1;
            for (int64_t jj = j0; jj < j1; ++jj) {
                const MatmulJob& job = jobs.begin()[jj];
                const WeightTensor& w = *job.lin->w;
                const kernels::MatmulKernels& k = *job.lin->k;
                const uint8_t* xq = m_xq[slot_of[jj]].data();
                if (job.lin->packed) {
                    k.gemm_packed(n_in, job.lin->packed + idx(r0 / k.pack_rows) * k.packed_bytes(n_in), r1 - r0, xq,
                                  k.activation_bytes(n_in), n_tokens, job.y + r0, w.n_out);
                } else {
                    k.gemm(n_in, w.data + idx(r0) * w.row_bytes, w.row_bytes, r1 - r0, xq,
                           k.activation_bytes(n_in), n_tokens, job.y + r0, w.n_out);
                }
            }
            if (shared_rows) after(r0, r1);
        }
    });
    mark(phase);
}

void CpuForward::matmuls(Phase phase, const float* x, int64_t n_tokens, std::initializer_list<MatmulJob> jobs) {
    matmuls(phase, x, n_tokens, jobs, [](int64_t, int64_t) {});
}

void CpuForward::rope(float* head, int64_t t) const {
    const ModelHParams& hp = m_model.hparams();
    const int32_t half = hp.n_rot / 2;
    const float* c = m_rope_cos.data() + t * half;
    const float* s = m_rope_sin.data() + t * half;
    const bool normal = hp.rope_mode == RopeMode::Normal;
    for (int32_t i = 0; i < half; ++i) {
        const int32_t a = normal ? 2 * i : i;
        const int32_t b = normal ? 2 * i + 1 : i + half;
        const float x0 = head[a], x1 = head[b];
        head[a] = x0 * c[i] - x1 * s[i];
        head[b] = x0 * s[i] + x1 * c[i];
    }
}

void CpuForward::prepare_kv_head(const ForwardBatch& b, PagedKvCache& kv, int32_t il, int32_t g) {
    const ModelHParams& hp = m_model.hparams();
    const Layer& l = m_layers[idx(il)];
    const int64_t n_kv = hp.n_embd_kv();
    const int32_t hd = hp.n_embd_head, bt = kv.block_tokens();
    for (size_t t = 0; t < b.tokens.size(); ++t) {
        float* k = m_k.data() + idx(t) * idx(n_kv) + idx(g * hd);
        float* v = m_v.data() + idx(t) * idx(n_kv) + idx(g * hd);
        for (int32_t i = 0; i < hd; ++i) {
            if (!l.bk.empty()) k[i] += l.bk[idx(g * hd + i)];
            if (!l.bv.empty()) v[i] += l.bv[idx(g * hd + i)];
        }
        rope(k, static_cast<int64_t>(t));
        const int32_t pos = b.pos[t];
        const int32_t block = b.tables[idx(b.seq[t])][idx(pos / bt)];
        const int32_t slot = pos % bt;
        if (kv.type() == KvType::Q8_0) {
            // Head g's part of the position's rows: whole blocks of 32 (hd is a multiple of 32).
            const size_t at = idx(slot) * kv.row_bytes() + idx(g * hd / 32) * kQ8_0Block;
            kernels::quantize_row(static_cast<uint32_t>(GgmlType::Q8_0), k, kv.k(il, block) + at, hd);
            kernels::quantize_row(static_cast<uint32_t>(GgmlType::Q8_0), v, kv.v(il, block) + at, hd);
            continue;
        }
        // F16: head g's rows of the block together (see attend_heads).
        const size_t at = (idx(g) * idx(bt) + idx(slot)) * idx(hd);
        auto* kc = reinterpret_cast<uint16_t*>(kv.k(il, block)) + at;
        auto* vc = reinterpret_cast<uint16_t*>(kv.v(il, block)) + at;
        for (int32_t i = 0; i < hd; ++i) {
            kc[i] = kernels::fp32_to_fp16(k[i]);
            vc[i] = kernels::fp32_to_fp16(v[i]);
        }
    }
}

void CpuForward::prepare_q_head(int32_t il, int32_t h, int64_t t) {
    const ModelHParams& hp = m_model.hparams();
    const Layer& l = m_layers[idx(il)];
    const int32_t hd = hp.n_embd_head;
    float* q = m_q.data() + t * hp.n_embd_q() + h * hd;
    if (!l.bq.empty()) {
        for (int32_t i = 0; i < hd; ++i) q[i] += l.bq[idx(h * hd + i)];
    }
    rope(q, t);
}

void CpuForward::attend_heads(const ForwardBatch& b, const PagedKvCache& kv, int32_t il, int32_t h0, int32_t nh,
                              int64_t t0, int64_t nt, int ith) {
    const ModelHParams& hp = m_model.hparams();
    const int64_t n_q = hp.n_embd_q();
    const int32_t hd = hp.n_embd_head, bt = kv.block_tokens();
    const int32_t n_group = hp.n_head / hp.n_head_kv;
    const float kq_scale = 1.0f / std::sqrt(static_cast<float>(hd));
    const kernels::MatmulKernels& f16 = *m_f16;
    const bool q8 = kv.type() == KvType::Q8_0;
    const kernels::MatmulKernels& kk = q8 ? *m_q8 : f16;  // Q·K
    // Query row r = (t - t0) * nh + i (token t, head h0 + i) has its scores at
    // scores + r * n_pos, its quantized query at head_q + r * q_bytes, its quantized
    // scores at scores_q + r * sq_bytes and its output at acc + r * hd.
    const int64_t n_pos = m_max_positions;
    const int64_t n_rows = nt * nh;
    const size_t q_bytes = kk.activation_bytes(hd), sq_bytes = f16.activation_bytes(n_pos);
    float* scores = m_scores[idx(ith)].data();
    uint8_t* scores_q = m_scores_q[idx(ith)].data();
    uint8_t* head_q = m_head_q[idx(ith)].data();
    float* acc = m_head_acc[idx(ith)].data();
    const std::span<const int32_t> table = b.tables[idx(b.seq[idx(t0)])];

    // The run's last token sees the most; the others mask what lies past their own position.
    const int64_t pos0 = b.pos[idx(t0)];
    const int64_t n_seen = pos0 + nt;
    const int64_t n_blocks = (n_seen + bt - 1) / bt;
    const int64_t kv_off = static_cast<int64_t>(h0 / n_group) * hd;
    for (int64_t t = 0; t < nt; ++t) {
        for (int32_t i = 0; i < nh; ++i)
            kk.quantize(m_q.data() + (t0 + t) * n_q + (h0 + i) * hd, head_q + idx(t * nh + i) * q_bytes, hd);
    }
    // The stretches of positions one call takes, every query row at once so that
    // each key and value row is read once. F16 cache: a block (a KV head's rows of it
    // lie together, head_bytes; the hardware prefetcher follows them: asking for the
    // next block ahead measured no faster). Q8_0: rows of every head, so a run of
    // consecutive blocks (one call where the table is contiguous).
    const size_t head_bytes = idx(bt) * idx(hd) * sizeof(uint16_t);
    const size_t off = q8 ? idx(kv_off / 32) * kQ8_0Block : idx(h0 / n_group) * head_bytes;
    const size_t row_bytes = q8 ? kv.row_bytes() : idx(hd) * sizeof(uint16_t);
    auto for_each_stretch = [&](auto fn) {
        for (int64_t b0 = 0; b0 < n_blocks;) {
            int64_t b1 = b0 + 1;
            while (q8 && b1 < n_blocks && table[idx(b1)] == table[idx(b1 - 1)] + 1) ++b1;
            fn(b0 * bt, std::min<int64_t>(b1 * bt, n_seen) - b0 * bt, table[idx(b0)]);
            b0 = b1;
        }
    };
    for_each_stretch([&](int64_t p0, int64_t rows, int32_t block) {
        kk.gemm(hd, kv.k(il, block) + off, row_bytes, rows, head_q, q_bytes, n_rows, scores + p0, n_pos);
    });
    for (int64_t r = 0; r < n_rows; ++r) {
        float* sc = scores + r * n_pos;
        const int64_t seen = pos0 + r / nh + 1;
        softmax_scaled(sc, seen, kq_scale);
        std::fill(sc + seen, sc + n_seen, 0.0f);  // masked: no weight on later positions
    }
    for (int64_t r = 0; r < n_rows; ++r) f16.quantize(scores + r * n_pos, scores_q + idx(r) * sq_bytes, n_seen);
    // Weights·V: V's rows scaled by each query row's weights and summed.
    std::fill(acc, acc + n_rows * hd, 0.0f);
    const auto weights_v = q8 ? m_weights_v_q8 : m_weights_v_f16;
    for_each_stretch([&](int64_t p0, int64_t rows, int32_t block) {
        weights_v(rows, kv.v(il, block) + off, row_bytes, hd, scores_q + f16.activation_bytes(p0), sq_bytes, n_rows,
                  acc, hd);
    });
    for (int64_t t = 0; t < nt; ++t) {
        std::memcpy(m_attn.data() + (t0 + t) * n_q + h0 * hd, acc + t * nh * hd, idx(nh) * idx(hd) * sizeof(float));
    }
}

void CpuForward::find_runs(const ForwardBatch& b) {
    m_runs.clear();
    const auto n = static_cast<int64_t>(b.tokens.size());
    for (int64_t t = 0; t < n;) {
        int64_t e = t + 1;
        while (e < n && e - t < m_run_tokens && b.seq[idx(e)] == b.seq[idx(t)] &&
               b.pos[idx(e)] == b.pos[idx(e - 1)] + 1)
            ++e;
        m_runs.emplace_back(t, e - t);
        t = e;
    }
}

void CpuForward::attention(const ForwardBatch& b, PagedKvCache& kv, int32_t il) {
    const ModelHParams& hp = m_model.hparams();
    const int32_t n_group = hp.n_head / hp.n_head_kv;
    const int64_t n_tokens = static_cast<int64_t>(b.tokens.size());
    if (il == 0) find_runs(b);
    const auto n_runs = static_cast<int64_t>(m_runs.size());
    if (hp.n_head_kv >= m_pool.size()) {
        // Each thread owns whole KV heads: it writes their cache entries itself, so
        // the query heads that read them need no barrier in between.
        m_pool.run([&](int ith, int nth) {
            const auto [g0, g1] = ThreadPool::split(hp.n_head_kv, ith, nth);
            for (int64_t g = g0; g < g1; ++g) {
                prepare_kv_head(b, kv, il, static_cast<int32_t>(g));
                for (const auto& [t0, nt] : m_runs) {
                    for (int64_t t = t0; t < t0 + nt; ++t) {
                        for (int32_t h = static_cast<int32_t>(g) * n_group; h < (g + 1) * n_group; ++h)
                            prepare_q_head(il, h, t);
                    }
                    attend_heads(b, kv, il, static_cast<int32_t>(g) * n_group, n_group, t0, nt, ith);
                }
            }
        });
        return;
    }
    m_pool.run([&](int ith, int nth) {
        const auto [g0, g1] = ThreadPool::split(hp.n_head_kv, ith, nth);
        for (int64_t g = g0; g < g1; ++g) prepare_kv_head(b, kv, il, static_cast<int32_t>(g));
        const auto [t0, t1] = ThreadPool::split(n_tokens * hp.n_head, ith, nth);
        for (int64_t task = t0; task < t1; ++task) {
            prepare_q_head(il, static_cast<int32_t>(task % hp.n_head), task / hp.n_head);
        }
    });
    // A task is a run's query heads of one KV head (their keys and values read
    // once), unless that leaves too few tasks to keep every thread busy (decoding
    // one token on many threads): then one query head.
    const int32_t per_task = n_runs * hp.n_head_kv >= 2 * int64_t{m_pool.size()} ? n_group : 1;
    const int64_t heads_per_run = hp.n_head / per_task;
    m_pool.run([&](int ith, int nth) {
        const auto [k0, k1] = ThreadPool::split(n_runs * heads_per_run, ith, nth);
        for (int64_t task = k0; task < k1; ++task) {
            const auto h0 = static_cast<int32_t>(task % heads_per_run) * per_task;
            const auto& [r0, rn] = m_runs[idx(task / heads_per_run)];
            attend_heads(b, kv, il, h0, per_task, r0, rn, ith);
        }
    });
}

void CpuForward::forward(const ForwardBatch& batch, PagedKvCache& kv, float* logits) {
    const ModelHParams& hp = m_model.hparams();
    const int64_t n_embd = hp.n_embd, n_ff = hp.n_ff;
    const int64_t n_tokens = static_cast<int64_t>(batch.tokens.size());
    const int32_t half = hp.n_rot / 2;
    float* x = m_x.data();
    if (m_profile) m_mark = std::chrono::steady_clock::now();

    for (int64_t t = 0; t < n_tokens; ++t) m_model.token_embd().dequantize_row(batch.tokens[idx(t)], x + t * n_embd);

    // Rotation angles per token, as llama.cpp computes them (theta multiplied up step by step).
    const float theta_scale = std::pow(hp.rope_freq_base, -2.0f / static_cast<float>(hp.n_rot));
    for (int64_t t = 0; t < n_tokens; ++t) {
        float theta = static_cast<float>(batch.pos[idx(t)]);
        for (int32_t i = 0; i < half; ++i) {
            m_rope_cos[idx(t * half + i)] = std::cos(theta);
            m_rope_sin[idx(t * half + i)] = std::sin(theta);
            theta *= theta_scale;
        }
    }
    // Adds the projection's rows [r0, r1) of every token to the residual stream.
    auto residual = [&](int64_t r0, int64_t r1) {
        for (int64_t t = 0; t < n_tokens; ++t) {
            for (int64_t i = r0; i < r1; ++i) x[t * n_embd + i] += m_proj[idx(t * n_embd + i)];
        }
    };
    auto swiglu = [&](int64_t r0, int64_t r1) {
        for (int64_t t = 0; t < n_tokens; ++t) {
            for (int64_t i = t * n_ff + r0; i < t * n_ff + r1; ++i) m_gate[idx(i)] = silu(m_gate[idx(i)]) * m_up[idx(i)];
        }
    };

    mark(Phase::Embed);
    for (int32_t il = 0; il < hp.n_layer; ++il) {
        const Layer& l = m_layers[idx(il)];
        rms_norm(x, l.attn_norm, n_tokens, m_cur.data());
        matmuls(Phase::MatmulQkv, m_cur.data(), n_tokens,
                {{&l.wq, m_q.data()}, {&l.wk, m_k.data()}, {&l.wv, m_v.data()}});
        attention(batch, kv, il);
        mark(Phase::Attention);
        matmuls(Phase::MatmulAttnOut, m_attn.data(), n_tokens, {{&l.wo, m_proj.data()}}, residual);
        rms_norm(x, l.ffn_norm, n_tokens, m_cur.data());
        matmuls(Phase::MatmulFfnIn, m_cur.data(), n_tokens, {{&l.gate, m_gate.data()}, {&l.up, m_up.data()}}, swiglu);
        matmuls(Phase::MatmulFfnOut, m_gate.data(), n_tokens, {{&l.down, m_proj.data()}}, residual);
    }
    const int64_t n_out = static_cast<int64_t>(batch.outputs.size());
    if (n_out == 0 || !logits) return;
    // The rows whose logits are wanted, gathered (m_proj is free now).
    float* rows = m_proj.data();
    for (int64_t j = 0; j < n_out; ++j) {
        std::memcpy(rows + j * n_embd, x + idx(batch.outputs[idx(j)]) * idx(n_embd), idx(n_embd) * sizeof(float));
    }
    rms_norm(rows, m_output_norm, n_out, m_cur.data());
    matmuls(Phase::Output, m_cur.data(), n_out, {{&m_output, logits}});
}

}  // namespace fyr
