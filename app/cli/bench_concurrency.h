// fyrctl bench --concurrency: many sequences at once through the serving
// runtime (fyr/runtime.h), per concurrency level: aggregate and per-sequence
// generation tokens/s, and TTFT / TPOT percentiles.
//
//   ConcurrencyBench b{model, params, {1, 2, 4, 8}, /*n_prompt=*/128, /*n_gen=*/64, /*shared_prefix=*/0, /*reps=*/3};
//   QJsonObject o = b.run(&error);
//
// Not thread-safe; run() blocks until every level has finished.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QTextStream>

#include <cstdint>
#include <functional>
#include <vector>

#include "fyr/runtime.h"

namespace fyr {
class Model;
}

namespace fyr::app::cli {

struct ConcurrencyBench {
    const Model& model;
    RuntimeParams params;
    std::vector<int32_t> levels;
    int32_t n_prompt = 128;
    int32_t n_gen = 64;
    int32_t shared_prefix = 0;  // leading prompt tokens every sequence of a run shares
    int32_t repetitions = 3;
    std::function<void(const QString&)> progress;  // optional
    fyr::RuntimeObserver* observer = nullptr;       // optional: sees every step and request

    // {"levels": [{"concurrency", "aggregate_gen_tokens_per_s", "per_sequence_gen_tokens_per_s",
    //   "throughput_tokens_per_s", "ttft_ms": {"p50","p95","p99"}, "tpot_ms": {...},
    //   "reused_prefix_tokens", "preemptions"}], "backend": ...}; empty with *error on failure.
    QJsonObject run(QString* error) const;
};

// The text table of run()'s result.
void printConcurrencyTable(const QJsonObject& result, QTextStream& out);

}  // namespace fyr::app::cli
