#include "fyr/chat_template_case.h"

#include "fyr/jinja/strftime.h"

namespace fyr {
namespace {

std::string line_column(std::string_view text, size_t byte) {
    byte = std::min(byte, text.size());
    size_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < byte; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return std::to_string(line) + ":" + std::to_string(byte - line_start + 1);
}

}  // namespace

bool parse_ordered_json(std::string_view text, const std::string& name, nlohmann::ordered_json* out,
                        std::string* error) {
    try {
        *out = nlohmann::ordered_json::parse(text.begin(), text.end());
        return true;
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann reports the byte just past the problem, counted from 1.
        const size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        // Keep nlohmann's description, not its own "[json.exception...] ... column N:" prefix.
        std::string what = e.what();
        const auto column = what.find("column ");
        const auto colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
        if (colon != std::string::npos) what = what.substr(colon + 2);
        if (error) *error = name + ":" + line_column(text, byte) + ": invalid JSON: " + what;
        return false;
    }
}

bool load_chat_template_case(std::string_view text, const std::string& name, ChatTemplateCase* out,
                             std::string* error) {
    nlohmann::ordered_json c;
    if (!parse_ordered_json(text, name, &c, error)) return false;
    auto fail = [&](const std::string& why) {
        if (error) *error = name + ": " + why;
        return false;
    };
    if (!c.is_object()) return fail("expected a JSON object at the top level");
    auto string_key = [&](const char* key, std::string* value) {
        const auto it = c.find(key);
        if (it == c.end() || !it->is_string()) return fail(std::string("'") + key + "' must be a string");
        *value = it->get<std::string>();
        return true;
    };
    ChatTemplateCase k;
    if (!string_key("template", &k.template_file) || !string_key("bos_token", &k.input.bos_token) ||
        !string_key("eos_token", &k.input.eos_token) || !string_key("strftime_now", &k.now)) {
        return false;
    }
    if (c.contains("note") && c["note"].is_string()) k.note = c["note"].get<std::string>();
    if (!c.contains("messages") || !c["messages"].is_array()) return fail("'messages' must be an array");
    k.input.messages = c["messages"];
    if (!c.contains("add_generation_prompt") || !c["add_generation_prompt"].is_boolean()) {
        return fail("'add_generation_prompt' must be true or false");
    }
    k.input.add_generation_prompt = c["add_generation_prompt"].get<bool>();
    // Absent tools/documents are passed as none, as transformers does.
    if (c.contains("tools")) k.input.tools = c["tools"];
    if (c.contains("documents")) k.input.documents = c["documents"];
    if (c.contains("extra_context")) {
        if (!c["extra_context"].is_object()) return fail("'extra_context' must be an object");
        k.input.extra_context = c["extra_context"];
    }
    const auto frozen = jinja::Strftime::parse_iso(k.now);
    if (!frozen) return fail("'strftime_now' must be a time as YYYY-MM-DDTHH:MM:SS, not '" + k.now + "'");
    const jinja::CivilTime at = *frozen;
    k.input.strftime_now = [at](const std::string& format) { return jinja::Strftime::format(format, at); };
    *out = std::move(k);
    return true;
}

}  // namespace fyr
