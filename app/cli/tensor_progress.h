// How fyrctl commands that write models (quantize, make-test-model) report each
// tensor: one line on stderr, "[3/21] blk.0.attn_q.weight: q4_K", with the reason for
// a fallback type, and (with markCopied) "copied" for tensors written unchanged.
//
//   quantize_model(in, out, ft, [&](const TensorProgress& p) { printTensorProgress(p, io.err, true); }, &error);
//
// Not thread-safe (writes to the stream it is given).
#pragma once

#include <QTextStream>

#include "fyr/model_quantizer.h"

namespace fyr::app::cli {

void printTensorProgress(const TensorProgress& p, QTextStream& err, bool markCopied);

}  // namespace fyr::app::cli
