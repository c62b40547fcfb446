// Turns a GenerationRequest into the token ids the model sees: the conversation
// rendered with the model's chat template (add_generation_prompt, special tokens
// parsed), or, without a template, the last user message as plain text.
//
//   fyr::app::PromptBuilder builder(*tokenizer, chatPrompt.get());   // may be null: no template
//   const fyr::app::PromptBuilder::Result p = builder.build(request);
//   if (!p.ok()) show(p.error); else evaluate(p.ids);
//
// Thread-safe: build() only reads the tokenizer and the template, both immutable.
// They must outlive the builder.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/generation_request.h"

namespace fyr {
class ChatPrompt;
class Tokenizer;
}  // namespace fyr

namespace fyr::app {

class PromptBuilder final {
    Q_DECLARE_TR_FUNCTIONS(fyr::app::PromptBuilder)
public:
    struct Result {
        std::vector<int32_t> ids;
        std::string text;  // the prompt as text (the rendered template, or the raw prompt)
        QString error;     // translated; set when no prompt could be made
        bool ok() const { return error.isEmpty(); }
    };

    PromptBuilder(const Tokenizer& tokenizer, const ChatPrompt* chatPrompt);

    bool usesChatTemplate() const { return m_template != nullptr; }
    Result build(const GenerationRequest& request) const;

private:
    const Tokenizer& m_tokenizer;
    const ChatPrompt* m_template;
};

}  // namespace fyr::app
