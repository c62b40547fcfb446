#include <memory>
#include <string>

#include "cpu_context.h"
#include "fyr/gguf_file.h"
#include "fyr/inference_context.h"
#include "fyr/model.h"
#include "fyr/reference_forward.h"

namespace fyr {

std::unique_ptr<InferenceContext> create_context(const Model& model, const ContextParams& params, std::string* error) {
    if (params.reference) return std::make_unique<ReferenceContext>(model, params.n_ctx);
    if (std::string why = kv_type_problem(model.hparams().n_embd_head, params.kv_type); !why.empty()) {
        if (error) *error = model.file().path() + ": " + why;
        return nullptr;
    }
    return std::make_unique<CpuContext>(model, params);
}

}  // namespace fyr
