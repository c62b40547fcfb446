// One bubble of the Chat page's transcript: a user message or an answer, with the
// answer's statistics once it has finished, or the reason it failed.
//
//   fyr::ui::ChatEntry e;
//   e.message = {QStringLiteral("assistant"), QString()};
//   e.speaker = QStringLiteral("stories260K");
//
// Plain data, GUI thread.
#pragma once

#include <QString>

#include <optional>

#include "engine/chat_message.h"
#include "engine/generation_stats.h"

namespace fyr::ui {

struct ChatEntry {
    app::ChatMessage message;
    QString speaker;                            // the model's name for answers; empty for the user (shown as "You")
    std::optional<app::GenerationStats> stats;  // set when an answer has finished
    QString error;                              // set when an answer failed

    bool isUser() const { return message.role == QLatin1String("user"); }
    bool isFinished() const { return stats.has_value() || !error.isEmpty(); }
};

}  // namespace fyr::ui
