#include "fyr/jinja/template_error.h"

namespace fyr::jinja {

TemplateError::TemplateError(Kind kind, std::string message, int line, int column)
    : std::runtime_error(format(message, line, column)),
      kind_(kind),
      message_(std::move(message)),
      line_(line),
      column_(column) {}

TemplateError TemplateError::located(int line, int column) const {
    if (has_location() || kind_ == Kind::Raised) return *this;
    return TemplateError(kind_, message_, line, column);
}

std::string TemplateError::format(const std::string& message, int line, int column) {
    if (line <= 0) return message;
    return "template:" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

}  // namespace fyr::jinja
