#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include "batch_check.h"
#include "fyr/ggml_type.h"
#include "fyr/gguf_file.h"
#include "fyr/kernels/dequantize.h"
#include "fyr/model.h"
#include "fyr/reference_forward.h"
#include "rms_norm.h"

namespace fyr {

namespace {

using kernels::bf16_to_fp32;
using kernels::fp16_to_fp32;
using kernels::fp32_to_bf16;
using kernels::fp32_to_fp16;

float round_f16(float v) {
    return fp16_to_fp32(fp32_to_fp16(v));
}

size_t idx(int64_t v) {
    return static_cast<size_t>(v);
}

// llama.cpp's activations for 32-value blocks (Q8_0/Q8_1): a scale of
// max|x| / 127 kept as F16 and values rounded to the nearest of its multiples.
void round_to_q8_0(float* x, int64_t n) {
    for (int64_t b = 0; b + 32 <= n; b += 32) {
        float amax = 0.0f;
        for (int64_t i = b; i < b + 32; ++i) amax = std::max(amax, std::abs(x[i]));
        const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
        const float d = round_f16(amax / 127.0f);
        for (int64_t i = b; i < b + 32; ++i) x[i] = std::nearbyint(x[i] * id) * d;
    }
}

// The same for 256-value blocks (Q8_K): the scale is a float and the value of
// largest magnitude maps to -127.
void round_to_q8_k(float* x, int64_t n) {
    for (int64_t b = 0; b + 256 <= n; b += 256) {
        float amax = 0.0f, max = 0.0f;
        for (int64_t i = b; i < b + 256; ++i) {
            if (std::abs(x[i]) > amax) {
                amax = std::abs(x[i]);
                max = x[i];
            }
        }
        if (amax == 0.0f) {
            std::fill(x + b, x + b + 256, 0.0f);
            continue;
        }
        const float iscale = -127.0f / max;
        const float d = 1.0f / iscale;
        for (int64_t i = b; i < b + 256; ++i) x[i] = std::min(127.0f, std::nearbyint(iscale * x[i])) * d;
    }
}

// Rounds one token's activations to the type llama.cpp's CPU backend converts
// them to before a matmul with weights of `type` (its "vec_dot_type").
void round_activations(uint32_t type, float* x, int64_t n) {
    switch (static_cast<GgmlType>(type)) {
        case GgmlType::F16:
            for (int64_t i = 0; i < n; ++i) x[i] = round_f16(x[i]);
            break;
        case GgmlType::BF16:
            for (int64_t i = 0; i < n; ++i) x[i] = bf16_to_fp32(fp32_to_bf16(x[i]));
            break;
        case GgmlType::Q4_0:
        case GgmlType::Q4_1:
        case GgmlType::Q5_0:
        case GgmlType::Q5_1:
        case GgmlType::Q8_0:
        case GgmlType::IQ4_NL: round_to_q8_0(x, n); break;
        case GgmlType::Q2_K:
        case GgmlType::Q3_K:
        case GgmlType::Q4_K:
        case GgmlType::Q5_K:
        case GgmlType::Q6_K:
        case GgmlType::IQ2_XXS:
        case GgmlType::IQ2_XS:
        case GgmlType::IQ3_XXS:
        case GgmlType::IQ1_S:
        case GgmlType::IQ3_S:
        case GgmlType::IQ2_S:
        case GgmlType::IQ4_XS:
        case GgmlType::IQ1_M:
        case GgmlType::TQ1_0:
        case GgmlType::TQ2_0: round_to_q8_k(x, n); break;
        default: break;
    }
}

// y[t, n_out] = W · x[t, n_in] for n_tokens rows of x; each weight row is
// dequantized once per batch. The activations are first rounded as llama.cpp
// rounds them for this weight type.
void matmul(const WeightTensor& w, const float* x, int64_t n_tokens, float* y) {
    const int64_t n_in = w.n_in;
    std::vector<float> xr(x, x + n_in * n_tokens);
    for (int64_t t = 0; t < n_tokens; ++t) round_activations(w.type, xr.data() + t * n_in, n_in);
    std::vector<float> row(idx(n_in));
    for (int64_t r = 0; r < w.n_out; ++r) {
        w.dequantize_row(r, row.data());
        for (int64_t t = 0; t < n_tokens; ++t) {
            const float* xt = xr.data() + t * n_in;
            float sum = 0.0f;
            for (int64_t i = 0; i < n_in; ++i) sum += row[idx(i)] * xt[i];
            y[t * w.n_out + r] = sum;
        }
    }
}

std::vector<float> vector_of(const WeightTensor& w) {
    std::vector<float> v(idx(w.n_in));
    w.dequantize_row(0, v.data());
    return v;
}

void add_bias(const WeightTensor& b, float* y, int64_t n_tokens) {
    if (!b) return;
    const std::vector<float> bias = vector_of(b);
    for (int64_t t = 0; t < n_tokens; ++t) {
        for (int64_t i = 0; i < b.n_in; ++i) y[t * b.n_in + i] += bias[idx(i)];
    }
}

// out = x / rms(x) * weight, per token, with the sum of squares in double.
void rms_norm(const float* x, const WeightTensor& weight, float eps, int64_t n_tokens, int64_t n, float* out) {
    const std::vector<float> w = vector_of(weight);
    for (int64_t t = 0; t < n_tokens; ++t) detail::rms_norm_row(x + t * n, w.data(), eps, n, out + t * n);
}

// Rotates the first n_rot dimensions of each of n_heads heads at position pos.
void rope(float* v, int32_t n_heads, int32_t head_dim, int32_t n_rot, float freq_base, RopeMode mode, int32_t pos) {
    const float theta_scale = std::pow(freq_base, -2.0f / static_cast<float>(n_rot));
    std::vector<float> cos_t(idx(n_rot / 2)), sin_t(idx(n_rot / 2));
    float theta = static_cast<float>(pos);
    for (int32_t i = 0; i < n_rot / 2; ++i) {
        cos_t[idx(i)] = std::cos(theta);
        sin_t[idx(i)] = std::sin(theta);
        theta *= theta_scale;
    }
    for (int32_t h = 0; h < n_heads; ++h) {
        float* x = v + h * head_dim;
        for (int32_t i = 0; i < n_rot / 2; ++i) {
            const int32_t a = mode == RopeMode::Normal ? 2 * i : i;
            const int32_t b = mode == RopeMode::Normal ? 2 * i + 1 : i + n_rot / 2;
            const float x0 = x[a], x1 = x[b];
            x[a] = x0 * cos_t[idx(i)] - x1 * sin_t[idx(i)];
            x[b] = x0 * sin_t[idx(i)] + x1 * cos_t[idx(i)];
        }
    }
}

float silu(float x) {
    return x / (1.0f + std::exp(-x));
}

}  // namespace

ReferenceContext::ReferenceContext(const Model& model, int32_t n_ctx) : m_model(model), m_n_ctx(std::max(n_ctx, 1)) {
    const ModelHParams& hp = model.hparams();
    const size_t cache = idx(m_n_ctx) * idx(hp.n_embd_kv());
    m_k_cache.assign(idx(hp.n_layer), std::vector<uint16_t>(cache));
    m_v_cache.assign(idx(hp.n_layer), std::vector<uint16_t>(cache));
}

std::span<const float> ReferenceContext::decode(std::span<const int32_t> tokens, bool all_logits, std::string* error) {
    const ModelHParams& hp = m_model.hparams();
    if (std::string why = detail::check_batch(m_model, tokens, m_n_past, m_n_ctx); !why.empty()) {
        if (error) *error = std::move(why);
        return {};
    }

    const int64_t n_tokens = static_cast<int64_t>(tokens.size());
    const int64_t n_embd = hp.n_embd, n_q = hp.n_embd_q(), n_kv = hp.n_embd_kv(), n_ff = hp.n_ff;
    const int32_t head_dim = hp.n_embd_head;
    const int32_t n_group = hp.n_head / hp.n_head_kv;
    const float kq_scale = 1.0f / std::sqrt(static_cast<float>(head_dim));

    std::vector<float> x(idx(n_tokens * n_embd));  // [n_tokens, n_embd] residual stream
    std::vector<float> cur(idx(n_tokens * n_embd));
    std::vector<float> q(idx(n_tokens * n_q)), k(idx(n_tokens * n_kv)), v(idx(n_tokens * n_kv));
    std::vector<float> attn(idx(n_tokens * n_q));
    std::vector<float> gate(idx(n_tokens * n_ff)), up(idx(n_tokens * n_ff));
    std::vector<float> proj(idx(n_tokens * n_embd));
    std::vector<float> scores(idx(m_n_ctx));
    std::vector<float> qh(idx(head_dim));

    for (int64_t t = 0; t < n_tokens; ++t) m_model.token_embd().dequantize_row(tokens[idx(t)], x.data() + t * n_embd);

    for (int32_t il = 0; il < hp.n_layer; ++il) {
        const LayerWeights& l = m_model.layers()[idx(il)];
        std::vector<uint16_t>& kc = m_k_cache[idx(il)];
        std::vector<uint16_t>& vc = m_v_cache[idx(il)];

        rms_norm(x.data(), l.attn_norm, hp.rms_eps, n_tokens, n_embd, cur.data());
        matmul(l.wq, cur.data(), n_tokens, q.data());
        matmul(l.wk, cur.data(), n_tokens, k.data());
        matmul(l.wv, cur.data(), n_tokens, v.data());
        add_bias(l.bq, q.data(), n_tokens);
        add_bias(l.bk, k.data(), n_tokens);
        add_bias(l.bv, v.data(), n_tokens);
        for (int64_t t = 0; t < n_tokens; ++t) {
            const int32_t pos = m_n_past + static_cast<int32_t>(t);
            rope(q.data() + t * n_q, hp.n_head, head_dim, hp.n_rot, hp.rope_freq_base, hp.rope_mode, pos);
            rope(k.data() + t * n_kv, hp.n_head_kv, head_dim, hp.n_rot, hp.rope_freq_base, hp.rope_mode, pos);
            for (int64_t i = 0; i < n_kv; ++i) {
                kc[idx(pos * n_kv + i)] = fp32_to_fp16(k[idx(t * n_kv + i)]);
                vc[idx(pos * n_kv + i)] = fp32_to_fp16(v[idx(t * n_kv + i)]);
            }
        }

        // Causal attention: token t sees positions 0 .. n_past + t.
        for (int64_t t = 0; t < n_tokens; ++t) {
            const int32_t n_seen = m_n_past + static_cast<int32_t>(t) + 1;
            for (int32_t h = 0; h < hp.n_head; ++h) {
                const int64_t kv_off = static_cast<int64_t>(h / n_group) * head_dim;
                const float* qt = q.data() + t * n_q + h * head_dim;
                for (int32_t d = 0; d < head_dim; ++d) qh[idx(d)] = round_f16(qt[d]);
                float max = -INFINITY;
                for (int32_t j = 0; j < n_seen; ++j) {
                    const uint16_t* kj = kc.data() + j * n_kv + kv_off;
                    float dot = 0.0f;
                    for (int32_t d = 0; d < head_dim; ++d) dot += qh[idx(d)] * fp16_to_fp32(kj[d]);
                    scores[idx(j)] = dot * kq_scale;
                    max = std::max(max, scores[idx(j)]);
                }
                double sum = 0.0;
                for (int32_t j = 0; j < n_seen; ++j) {
                    scores[idx(j)] = std::exp(scores[idx(j)] - max);
                    sum += static_cast<double>(scores[idx(j)]);
                }
                const float inv = static_cast<float>(1.0 / sum);
                for (int32_t j = 0; j < n_seen; ++j) scores[idx(j)] = round_f16(scores[idx(j)] * inv);
                float* out = attn.data() + t * n_q + h * head_dim;
                for (int32_t d = 0; d < head_dim; ++d) {
                    float acc = 0.0f;
                    for (int32_t j = 0; j < n_seen; ++j)
                        acc += scores[idx(j)] * fp16_to_fp32(vc[idx(j * n_kv + kv_off + d)]);
                    out[d] = acc;
                }
            }
        }
        matmul(l.wo, attn.data(), n_tokens, proj.data());
        for (size_t i = 0; i < x.size(); ++i) x[i] += proj[i];

        rms_norm(x.data(), l.ffn_norm, hp.rms_eps, n_tokens, n_embd, cur.data());
        matmul(l.ffn_gate, cur.data(), n_tokens, gate.data());
        matmul(l.ffn_up, cur.data(), n_tokens, up.data());
        for (size_t i = 0; i < gate.size(); ++i) gate[i] = silu(gate[i]) * up[i];
        matmul(l.ffn_down, gate.data(), n_tokens, proj.data());
        for (size_t i = 0; i < x.size(); ++i) x[i] += proj[i];
    }
    m_n_past += static_cast<int32_t>(n_tokens);

    const int64_t first = all_logits ? 0 : n_tokens - 1;
    const int64_t n_out = n_tokens - first;
    rms_norm(x.data() + first * n_embd, m_model.output_norm(), hp.rms_eps, n_out, n_embd, cur.data());
    m_logits.resize(idx(n_out * hp.n_vocab));
    matmul(m_model.output(), cur.data(), n_out, m_logits.data());
    return m_logits;
}

}  // namespace fyr
