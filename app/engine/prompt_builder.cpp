#include "engine/prompt_builder.h"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "fyr/chat_prompt.h"
#include "fyr/tokenizer.h"

namespace fyr::app {
PromptBuilder::PromptBuilder(const Tokenizer& tokenizer, const ChatPrompt* chatPrompt)
    : m_tokenizer(tokenizer), m_template(chatPrompt) {}

PromptBuilder::Result PromptBuilder::build(const GenerationRequest& request) const {
    Result r;
    if (!request.prompt.isEmpty()) {
        r.text = request.prompt.toStdString();
        r.ids = m_tokenizer.encode_prompt(r.text, /*with_bos=*/true, /*parse_special=*/false);
    } else if (request.messages.isEmpty()) {
        r.error = tr("There is nothing to answer: the conversation is empty.");
        return r;
    } else if (m_template) {
        nlohmann::ordered_json messages = nlohmann::ordered_json::array();
        for (const ChatMessage& m : request.messages)
            messages.push_back({{"role", m.role.toStdString()}, {"content", m.content.toStdString()}});
        std::string error;
        const std::optional<std::string> rendered = m_template->render(messages, /*add_generation_prompt=*/true, &error);
        if (!rendered) {
            r.error = tr("The model's chat template failed: %1").arg(QString::fromStdString(error));
            return r;
        }
        r.text = *rendered;
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
