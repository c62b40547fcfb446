#include "fyr/jinja/callable.h"

#include "fyr/jinja/template_error.h"

namespace fyr::jinja {

const Value* CallArgs::get(std::size_t index, const char* name) const {
    for (const auto& kw : keyword)
        if (kw.first == name) return &kw.second;
    if (index < positional.size()) return &positional[index];
    return nullptr;
}

void CallArgs::check(const char* function, std::initializer_list<const char*> names) const {
    if (positional.size() > names.size()) {
        throw TemplateError(TemplateError::Kind::Render, std::string(function) + "() takes at most " +
                                                             std::to_string(names.size()) + " argument(s), got " +
                                                             std::to_string(positional.size()));
    }
    for (const auto& kw : keyword) {
        bool known = false;
        std::size_t idx = 0;
        for (const char* n : names) {
            if (kw.first == n) {
                known = true;
                if (idx < positional.size()) {
                    throw TemplateError(
                        TemplateError::Kind::Render,
                        std::string(function) + "() got multiple values for argument '" + kw.first + "'");
                }
            }
            ++idx;
        }
        if (!known) {
            throw TemplateError(TemplateError::Kind::Render,
                                std::string(function) + "() got an unexpected keyword argument '" + kw.first + "'");
        }
    }
}

}  // namespace fyr::jinja
