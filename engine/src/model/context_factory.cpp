#include <memory>

#include "fyr/inference_context.h"
#include "cpu_context.h"
#include "fyr/reference_forward.h"

namespace fyr {

std::unique_ptr<InferenceContext> create_context(const Model& model, const ContextParams& params) {
    if (params.reference) return std::make_unique<ReferenceContext>(model, params.n_ctx);
    return std::make_unique<CpuContext>(model, params);
}

}  // namespace fyr
