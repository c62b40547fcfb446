// Splits a Jinja template into tokens, applying the whitespace rules of the
// environment transformers uses: trim_blocks, lstrip_blocks, `-`/`+` markers,
// comments dropped, {% raw %} kept verbatim, one trailing newline removed.
//
//   std::vector<Token> tokens = Lexer::tokenize(source);  // throws TemplateError
//
// Thread-safe: stateless static interface.
#pragma once

#include <string_view>
#include <vector>

#include "fyr/jinja/token.h"

namespace fyr::jinja {

class Lexer {
public:
    static std::vector<Token> tokenize(std::string_view source);
};

}  // namespace fyr::jinja
