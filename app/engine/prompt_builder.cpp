#include "engine/prompt_builder.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "fyr/chat_template.h"
#include "fyr/tokenizer.h"

namespace fyr::app {
namespace {

// The text of a special token (BOS, EOS) for the chat template, or "" when the vocabulary has none.
std::string tokenText(const Tokenizer& tokenizer, int32_t id) {
    return id >= 0 ? tokenizer.token_to_piece(id, /*special=*/true) : std::string();
}

}  // namespace

PromptBuilder::PromptBuilder(const Tokenizer& tokenizer, const ChatTemplate* chatTemplate)
    : m_tokenizer(tokenizer), m_template(chatTemplate) {}

PromptBuilder::Result PromptBuilder::build(const GenerationRequest& request) const {
    Result r;
    if (!request.prompt.isEmpty()) {
        r.text = request.prompt.toStdString();
        r.ids = m_tokenizer.encode_prompt(r.text, /*with_bos=*/true, /*parse_special=*/false);
    } else if (request.messages.isEmpty()) {
        r.error = tr("There is nothing to answer: the conversation is empty.");
        return r;
    } else if (m_template) {
        ChatTemplateInput in;
        for (const ChatMessage& m : request.messages)
            in.messages.push_back({{"role", m.role.toStdString()}, {"content", m.content.toStdString()}});
        in.add_generation_prompt = true;
        in.bos_token = tokenText(m_tokenizer, m_tokenizer.bos_id());
        in.eos_token = tokenText(m_tokenizer, m_tokenizer.eos_id());
        const ChatTemplateResult rendered = m_template->render(in);
        if (!rendered.ok) {
            r.error = tr("The model's chat template failed: %1").arg(QString::fromStdString(rendered.error));
            return r;
        }
        r.text = rendered.text;
        // The template writes special tokens (BOS, [INST], <|im_start|>) as text; a
        // BOS it already wrote is not added a second time.
        r.ids = m_tokenizer.encode_prompt(r.text, /*with_bos=*/true, /*parse_special=*/true);
    } else {
        // No template: a plain completion of what the user wrote last.
        auto last = std::find_if(request.messages.crbegin(), request.messages.crend(),
                                 [](const ChatMessage& m) { return m.role == QLatin1String("user"); });
        if (last == request.messages.crend()) {
            r.error = tr("There is nothing to answer: the conversation has no user message.");
            return r;
        }
        r.text = last->content.toStdString();
        r.ids = m_tokenizer.encode_prompt(r.text, /*with_bos=*/true, /*parse_special=*/false);
    }
    if (r.ids.empty()) r.error = tr("The prompt has no tokens.");
    return r;
}

}  // namespace fyr::app
