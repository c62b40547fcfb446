// The Chat page's one-line texts: a loaded model's description and an answer's
// statistics, translated.
//
//   label->setText(fyr::ui::ChatFormat::modelLine(summary));
//   // "stories260K · llama · 292.8K parameters · F32 · 1.1 MiB · context 2048 · scalar reference, threads: 1"
//   stats->setText(fyr::ui::ChatFormat::statsLine(stats));
//   // "TTFT 12 ms · 480 tok/s · 32 tokens · length limit"
//
// Stateless; GUI thread (translations are read from the application).
#pragma once

#include <QCoreApplication>
#include <QString>

#include "engine/generation_stats.h"
#include "engine/model_summary.h"

namespace fyr::ui {

class ChatFormat final {
    Q_DECLARE_TR_FUNCTIONS(fyr::ui::ChatFormat)
public:
    ChatFormat() = delete;

    static QString modelLine(const app::ModelSummary& model);
    static QString statsLine(const app::GenerationStats& stats);
    // "length limit", "end of answer", "stop string", "stopped", "context full".
    static QString finishReason(const QString& reason);
    // 292.8K, 1.84M, 6.74B.
    static QString parameterCount(quint64 n);
};

}  // namespace fyr::ui
