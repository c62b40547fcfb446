// The one exception type of the Jinja engine: syntax errors, render errors, limits and
// raise_exception() from a template all arrive as a TemplateError.
//
//   try { auto t = fyr::jinja::Parser::parse(source); }
//   catch (const fyr::jinja::TemplateError& e) { std::cerr << e.what(); }
//   // e.what() == "template:3:14: expected '%}', found name 'foo'"
//
// Thread-safe: immutable value type.
#pragma once

#include <stdexcept>
#include <string>

namespace fyr::jinja {

class TemplateError : public std::runtime_error {
public:
    enum class Kind {
        Syntax,  // the template text could not be parsed
        Render,  // evaluating the template failed (type errors, undefined values, ...)
        Raised,  // the template called raise_exception(message)
        Limit,   // a safety limit (recursion, loop iterations, output size) was hit
    };

    TemplateError(Kind kind, std::string message, int line = 0, int column = 0);

    Kind kind() const { return kind_; }
    // The message without the location prefix.
    const std::string& message() const { return message_; }
    int line() const { return line_; }
    int column() const { return column_; }
    bool has_location() const { return line_ > 0; }

    // A copy that carries the given location, if this one has none yet.
    TemplateError located(int line, int column) const;

private:
    static std::string format(const std::string& message, int line, int column);

    Kind kind_;
    std::string message_;
    int line_;
    int column_;
};

}  // namespace fyr::jinja
