// Parses a Jinja template into a TemplateAst. Unknown tags, filters and tests are
// syntax errors here rather than surprises at render time.
//
//   try {
//     std::unique_ptr<const TemplateAst> ast = Parser::parse(source);
//   } catch (const TemplateError& e) {
//     // e.what(): "template:2:9: expected 'endfor', found end of template"
//   }
//
// Never crashes or hangs on any input: nesting is bounded (kMaxDepth).
// Thread-safe: stateless static interface.
#pragma once

#include <memory>
#include <string_view>

#include "fyr/jinja/ast.h"

namespace fyr::jinja {

class Parser {
public:
    static constexpr int kMaxDepth = 200;

    static std::unique_ptr<const TemplateAst> parse(std::string_view source);
};

}  // namespace fyr::jinja
