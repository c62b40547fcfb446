// A model's own chat format: its template (tokenizer.chat_template) with its
// BOS/EOS texts, turning a conversation into the prompt text the model expects.
//
//   std::string error;
//   auto chat = fyr::ChatPrompt::from_gguf(file, tokenizer, &error);  // nullptr: no template, or it does not parse
//   nlohmann::ordered_json messages = {{{"role", "user"}, {"content", "Hi"}}};
//   std::optional<std::string> text = chat->render(messages, /*add_generation_prompt=*/true, &error);
//   auto ids = tokenizer.encode_prompt(*text, true, /*parse_special=*/true);  // the template writes special tokens
//
// Thread-safety: render() is const and keeps no state; share freely.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace fyr {

class ChatTemplate;
class GgufFile;
class Tokenizer;

class ChatPrompt final {
public:
    // nullptr with *error naming the file when it has no template or the template does not parse.
    static std::unique_ptr<ChatPrompt> from_gguf(const GgufFile& file, const Tokenizer& tokenizer, std::string* error);
    ~ChatPrompt();

    // messages: [{"role": ..., "content": ...}, ...]. nullopt with *error when the template fails.
    std::optional<std::string> render(const nlohmann::ordered_json& messages, bool add_generation_prompt,
                                      std::string* error) const;

private:
    ChatPrompt() = default;
    std::unique_ptr<ChatTemplate> m_template;
    std::string m_bos, m_eos;
};

}  // namespace fyr
