#include "cpu_context.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

#include "batch_check.h"
#include "fyr/model.h"

namespace fyr {

namespace {

// Positions per cache block. Attention streams each KV head's rows of a block as
// one stretch (head_bytes in CpuForward::attend_heads): at 256 a stretch is 64 KB
// for 128-value heads, long enough for the hardware prefetcher (at 32, 8 KB
// stretches: attention at depth 2048 took 7.5-8.4 instead of 5.9-6.6 ms per token
// here). Positions past n_ctx's use are never touched, so they cost no memory.
constexpr int32_t kBlockTokens = 256;

CpuForwardParams forward_params(const ContextParams& p) {
    CpuForwardParams f;
    f.n_threads = p.n_threads;
    f.kernels = p.kernels;
    f.kernel_table = p.kernel_table;
    f.pack_weights = p.pack_weights;
    f.profile = p.profile;
    f.max_positions = std::max(p.n_ctx, 1);
    f.max_tokens = std::clamp(p.n_batch, 1, f.max_positions);
    return f;
}

KvType checked_kv_type(const Model& model, KvType type) {
    if (const std::string why = kv_type_problem(model.hparams().n_embd_head, type); !why.empty())
        throw std::invalid_argument(model.file().path() + ": " + why);
    return type;
}

int32_t blocks_for(int32_t n_ctx) {
    return (std::max(n_ctx, 1) + kBlockTokens - 1) / kBlockTokens;
}

}  // namespace

CpuContext::CpuContext(const Model& model, const ContextParams& params)
    : m_model(model),
      m_n_ctx(std::max(params.n_ctx, 1)),
      m_forward(model, forward_params(params)),
      m_kv(model.hparams().n_layer, model.hparams().n_embd_kv(), kBlockTokens, blocks_for(params.n_ctx),
           checked_kv_type(model, params.kv_type)),
      m_table(static_cast<size_t>(blocks_for(params.n_ctx))) {
    std::iota(m_table.begin(), m_table.end(), 0);
    const size_t nb = static_cast<size_t>(m_forward.max_tokens());
    m_pos.resize(nb);
    m_seq.assign(nb, 0);
    m_outputs.reserve(nb);
}

CpuContext::~CpuContext() = default;

void CpuContext::truncate(int32_t pos) {
    m_n_past = std::clamp(pos, 0, m_n_past);
}

std::span<const float> CpuContext::decode(std::span<const int32_t> tokens, bool all_logits, std::string* error) {
    const ModelHParams& hp = m_model.hparams();
    if (std::string why = detail::check_batch(m_model, tokens, m_n_past, m_n_ctx); !why.empty()) {
        if (error) *error = std::move(why);
        return {};
    }
    const int64_t n = static_cast<int64_t>(tokens.size());
    const int64_t n_batch = m_forward.max_tokens();
    m_logits.resize(static_cast<size_t>((all_logits ? n : 1) * hp.n_vocab));
    const std::span<const int32_t> table(m_table);
    for (int64_t off = 0; off < n; off += n_batch) {
        const int64_t nb = std::min<int64_t>(n_batch, n - off);
        const bool last = off + nb == n;
        for (int64_t t = 0; t < nb; ++t) m_pos[static_cast<size_t>(t)] = m_n_past + static_cast<int32_t>(t);
        m_outputs.clear();
        if (all_logits) {
            for (int64_t t = 0; t < nb; ++t) m_outputs.push_back(static_cast<int32_t>(t));
        } else if (last) {
            m_outputs.push_back(static_cast<int32_t>(nb - 1));
        }
        ForwardBatch batch;
        batch.tokens = tokens.subspan(static_cast<size_t>(off), static_cast<size_t>(nb));
        batch.pos = std::span<const int32_t>(m_pos).first(static_cast<size_t>(nb));
        batch.seq = std::span<const int32_t>(m_seq).first(static_cast<size_t>(nb));
        batch.tables = std::span<const std::span<const int32_t>>(&table, 1);
        batch.outputs = m_outputs;
        float* out = all_logits ? m_logits.data() + off * hp.n_vocab : m_logits.data();
        m_forward.forward(batch, m_kv, out);
        m_n_past += static_cast<int32_t>(nb);
    }
    return m_logits;
}

}  // namespace fyr
