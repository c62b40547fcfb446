#include "fyr/chat_prompt.h"

#include "fyr/chat_template.h"
#include "fyr/gguf_file.h"
#include "fyr/tokenizer.h"

namespace fyr {

namespace {
// The text of a special token for the template, or "" when the vocabulary has none.
std::string token_text(const Tokenizer& tokenizer, int32_t id) {
    return id >= 0 ? tokenizer.token_to_piece(id, /*special=*/true) : std::string();
}
}  // namespace

ChatPrompt::~ChatPrompt() = default;

std::unique_ptr<ChatPrompt> ChatPrompt::from_gguf(const GgufFile& file, const Tokenizer& tokenizer,
                                                  std::string* error) {
    const auto source = file.get_string("tokenizer.chat_template");
    if (!source) {
        if (error) *error = file.path() + ": has no chat template (tokenizer.chat_template)";
        return nullptr;
    }
    std::string why;
    auto tmpl = ChatTemplate::parse(*source, &why);
    if (!tmpl) {
        if (error) *error = file.path() + ": tokenizer.chat_template: " + why;
        return nullptr;
    }
    std::unique_ptr<ChatPrompt> p(new ChatPrompt());
    p->m_template = std::move(tmpl);
    p->m_bos = token_text(tokenizer, tokenizer.bos_id());
    p->m_eos = token_text(tokenizer, tokenizer.eos_id());
    return p;
}

std::optional<std::string> ChatPrompt::render(const nlohmann::ordered_json& messages, bool add_generation_prompt,
                                              std::string* error) const {
    ChatTemplateInput in;
    in.messages = messages;
    in.add_generation_prompt = add_generation_prompt;
    in.bos_token = m_bos;
    in.eos_token = m_eos;
    ChatTemplateResult r = m_template->render(in);
    if (!r.ok) {
        if (error) *error = r.error;
        return std::nullopt;
    }
    return std::move(r.text);
}

}  // namespace fyr
