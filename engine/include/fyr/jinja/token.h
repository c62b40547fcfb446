// One lexical token of a Jinja template, with its 1-based source position.
//
//   for (const Token& t : Lexer::tokenize("Hi {{ name }}")) std::cout << t.describe();
//
// Thread-safe: plain value type.
#pragma once

#include <string>

namespace fyr::jinja {

struct Token {
    enum class Type {
        Data,        // literal template text, whitespace control already applied
        VarBegin,    // {{
        VarEnd,      // }}
        BlockBegin,  // {%
        BlockEnd,    // %}
        Name,
        String,  // text holds the unescaped value
        Integer,
        Float,
        Operator,  // text holds the operator: + - * / // % ** ~ == != < <= > >= = . : | , ( ) [ ] { }
        End,       // end of template
    };

    Type type = Type::End;
    std::string text;
    int line = 1;
    int column = 1;

    // How an error message names this token: "name 'foo'", "'%}'", "end of template".
    std::string describe() const;
};

}  // namespace fyr::jinja
