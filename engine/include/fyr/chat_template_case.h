// Reading the JSON inputs of a chat-template render from text: messages, tools,
// extra variables, or a whole test case in the format of the shared templates
// folder (template file name, inputs, a frozen strftime_now). Key order is kept,
// because templates print objects with tojson in insertion order.
//
//   fyr::ChatTemplateCase c;
//   std::string error;
//   if (!fyr::load_chat_template_case(text, "cases/x.1.json", &c, &error)) ...; // "cases/x.1.json:3:14: ..."
//   auto r = tmpl->render(c.input);
//
// Thread-safe: the functions keep no state.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fyr/chat_template.h"

namespace fyr {

// Parses JSON text. On failure returns false with "<name>:<line>:<column>: <what>".
bool parse_ordered_json(std::string_view text, const std::string& name, nlohmann::ordered_json* out,
                        std::string* error);

struct ChatTemplateCase {
    std::string template_file;  // the "template" key: a file name beside the cases folder
    std::string note;
    std::string now;            // "YYYY-MM-DDTHH:MM:SS", the frozen clock
    ChatTemplateInput input;    // strftime_now is set to the frozen clock
};

// Reads a case file: template, messages, add_generation_prompt, bos_token,
// eos_token and strftime_now are required; tools and documents default to none;
// extra_context must be an object. Errors name the file and the key.
bool load_chat_template_case(std::string_view text, const std::string& name, ChatTemplateCase* out,
                             std::string* error);

}  // namespace fyr
