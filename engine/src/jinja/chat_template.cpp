#include "fyr/chat_template.h"

#include "fyr/jinja/ast.h"
#include "fyr/jinja/evaluator.h"
#include "fyr/jinja/parser.h"
#include "fyr/jinja/strftime.h"
#include "fyr/jinja/template_error.h"

namespace fyr {

ChatTemplate::ChatTemplate(std::unique_ptr<const jinja::TemplateAst> ast) : ast_(std::move(ast)) {}

ChatTemplate::~ChatTemplate() = default;

std::unique_ptr<ChatTemplate> ChatTemplate::parse(std::string_view source, std::string* error) {
    try {
        return std::unique_ptr<ChatTemplate>(new ChatTemplate(jinja::Parser::parse(source)));
    } catch (const jinja::TemplateError& e) {
        if (error) *error = e.what();
    }
    return nullptr;
}

ChatTemplateResult ChatTemplate::render(const ChatTemplateInput& input) const {
    using jinja::Value;
    ChatTemplateResult result;
    try {
        // The variables transformers passes: messages, tools, documents and
        // add_generation_prompt always, then the special tokens and extra kwargs.
        jinja::Evaluator::Variables vars;
        vars.emplace_back("messages", Value::from_json(input.messages));
        vars.emplace_back("tools", Value::from_json(input.tools));
        vars.emplace_back("documents", Value::from_json(input.documents));
        vars.emplace_back("add_generation_prompt", Value::boolean(input.add_generation_prompt));
        vars.emplace_back("bos_token", Value::string(input.bos_token));
        vars.emplace_back("eos_token", Value::string(input.eos_token));
        if (input.extra_context.is_object()) {
            for (auto it = input.extra_context.begin(); it != input.extra_context.end(); ++it) {
                vars.emplace_back(it.key(), Value::from_json(it.value()));
            }
        }
        jinja::Evaluator evaluator(input.limits);
        if (input.strftime_now) {
            evaluator.set_strftime(input.strftime_now);
        } else {
            evaluator.set_strftime(
                [](const std::string& fmt) { return jinja::Strftime::format(fmt, jinja::Strftime::now_local()); });
        }
        result.text = evaluator.render(*ast_, vars);
        result.ok = true;
    } catch (const jinja::TemplateError& e) {
        result.raised = e.kind() == jinja::TemplateError::Kind::Raised;
        result.error = result.raised ? e.message() : std::string(e.what());
        result.text.clear();
    } catch (const std::exception& e) {
        result.error = std::string("template render failed: ") + e.what();
    }
    return result;
}

}  // namespace fyr
