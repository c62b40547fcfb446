// Renders a model's Jinja chat template the way Hugging Face transformers does
// (apply_chat_template): same jinja2 environment, same variables.
//
//   std::string error;
//   auto tmpl = fyr::ChatTemplate::parse(source, &error);   // nullptr + error on syntax errors
//   fyr::ChatTemplateInput in;
//   in.messages = nlohmann::ordered_json::parse(R"([{"role":"user","content":"Hej!"}])");
//   in.add_generation_prompt = true;
//   fyr::ChatTemplateResult r = tmpl->render(in);
//   if (r.ok) use(r.text); else if (r.raised) show(r.error); else log(r.error);
//
// Thread-safe: a parsed ChatTemplate is immutable; render() may be called from
// several threads at once (each call has its own evaluation state).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fyr/jinja/render_limits.h"

namespace fyr {

namespace jinja {
struct TemplateAst;
}

struct ChatTemplateInput {
    nlohmann::ordered_json messages = nlohmann::ordered_json::array();
    nlohmann::ordered_json tools;      // null: the template sees `tools` = none (defined)
    nlohmann::ordered_json documents;  // null: `documents` = none
    bool add_generation_prompt = false;
    std::string bos_token;
    std::string eos_token;
    // Object; each key becomes a top-level variable (enable_thinking, date_string, ...).
    nlohmann::ordered_json extra_context = nlohmann::ordered_json::object();
    // strftime_now(format) for the template; empty: current local time, C locale.
    std::function<std::string(const std::string& format)> strftime_now;
    jinja::RenderLimits limits;
};

struct ChatTemplateResult {
    bool ok = false;
    std::string text;     // the rendered prompt when ok
    std::string error;    // "template:LINE:COL: ..." or, when raised, the template's own message
    bool raised = false;  // the template called raise_exception(error)
};

class ChatTemplate {
public:
    // Returns nullptr and sets *error ("template:LINE:COL: expected X, found Y") on failure.
    static std::unique_ptr<ChatTemplate> parse(std::string_view source, std::string* error);

    ChatTemplateResult render(const ChatTemplateInput& input) const;

    ~ChatTemplate();
    ChatTemplate(const ChatTemplate&) = delete;
    ChatTemplate& operator=(const ChatTemplate&) = delete;

private:
    explicit ChatTemplate(std::unique_ptr<const jinja::TemplateAst> ast);
    std::unique_ptr<const jinja::TemplateAst> ast_;
};

}  // namespace fyr
