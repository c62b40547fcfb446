#include "fyr/jinja/token.h"

namespace fyr::jinja {

std::string Token::describe() const {
    switch (type) {
        case Type::Data: return "template text";
        case Type::VarBegin: return "'{{'";
        case Type::VarEnd: return "'}}'";
        case Type::BlockBegin: return "'{%'";
        case Type::BlockEnd: return "'%}'";
        case Type::Name: return "name '" + text + "'";
        case Type::String: return "string";
        case Type::Integer:
        case Type::Float: return "number " + text;
        case Type::Operator: return "'" + text + "'";
        case Type::End: return "end of template";
    }
    return "token";
}

}  // namespace fyr::jinja
