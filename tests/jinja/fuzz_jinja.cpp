// libFuzzer target: any byte string is parsed as a chat template and, when it
// parses, rendered with a small fixed context under tight limits. Every outcome
// must be a result or a TemplateError, never a crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fyr/chat_template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    std::string error;
    auto tmpl = fyr::ChatTemplate::parse(source, &error);
    if (!tmpl) return 0;
    static const nlohmann::ordered_json messages = nlohmann::ordered_json::parse(R"([
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Hej! åäö 🇸🇪 <b>&</b>"},
    {"role": "assistant", "content": null, "tool_calls": [{"type": "function", "function": {"name": "f", "arguments": {"a": [1, 2.5, "x"]}}}]},
    {"role": "tool", "content": {"ok": true}}
  ])");
    static const nlohmann::ordered_json tools = nlohmann::ordered_json::parse(R"([
    {"type": "function", "function": {"name": "f", "description": "d", "parameters": {"type": "object", "properties": {"a": {"type": "array", "items": {"type": "string"}}}, "required": ["a"]}}}
  ])");
    fyr::ChatTemplateInput in;
    in.messages = messages;
    in.tools = tools;
    in.add_generation_prompt = true;
    in.bos_token = "<s>";
    in.eos_token = "</s>";
    in.extra_context = nlohmann::ordered_json{{"enable_thinking", false}, {"n", 3}};
    in.strftime_now = [](const std::string& fmt) { return fmt; };
    in.limits.max_loop_iterations = 20000;
    in.limits.max_output_bytes = 1 << 20;
    in.limits.max_call_depth = 40;
    (void)tmpl->render(in);
    return 0;
}
