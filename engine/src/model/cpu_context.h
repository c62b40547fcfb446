// The fast CPU context for one sequence: CpuForward (cpu_forward.h) over a KV
// cache of its own, laid out as consecutive blocks of a PagedKvCache so that
// attention reads each layer's K cache in one run.
//
//   fyr::ContextParams p;
//   p.n_ctx = 2048;
//   fyr::CpuContext ctx(model, p);                  // usually via fyr::create_context()
//   std::span<const float> logits = ctx.decode(ids, false, &error);
//
// Thread-safety: one thread at a time calls decode(); several contexts may share a Model.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "cpu_forward.h"
#include "fyr/inference_context.h"
#include "fyr/paged_kv_cache.h"

namespace fyr {

class Model;

class CpuContext final : public InferenceContext {
public:
    // Throws std::invalid_argument for a KV cache type the model's heads do not fit
    // (kv_type_problem()).
    CpuContext(const Model& model, const ContextParams& params);
    ~CpuContext() override;

    std::span<const float> decode(std::span<const int32_t> tokens, bool all_logits,
                                  std::string* error = nullptr) override;
    int32_t n_ctx() const override { return m_n_ctx; }
    int32_t n_past() const override { return m_n_past; }
    void clear() override { m_n_past = 0; }
    void truncate(int32_t pos) override;
    int32_t n_threads() const override { return m_forward.n_threads(); }
    std::string backend() const override { return m_forward.backend(); }
    std::vector<PhaseTime> phase_times() const override { return m_forward.phase_times(); }

private:
    const Model& m_model;
    int32_t m_n_ctx;
    int32_t m_n_past = 0;
    CpuForward m_forward;
    PagedKvCache m_kv;
    std::vector<int32_t> m_table;  // 0, 1, 2, ...: every block, in order
    std::vector<int32_t> m_pos, m_seq, m_outputs;
    std::vector<float> m_logits;
};

}  // namespace fyr
