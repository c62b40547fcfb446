#include "fyr/jinja/dict.h"

namespace fyr::jinja {

const Value* Dict::find(const Value& key) const {
    for (const auto& e : entries_)
        if (e.first.equals(key)) return &e.second;
    return nullptr;
}

const Value* Dict::find(std::string_view key) const {
    for (const auto& e : entries_)
        if (e.first.is_str() && e.first.as_str() == key) return &e.second;
    return nullptr;
}

void Dict::set(Value key, Value value) {
    for (auto& e : entries_) {
        if (e.first.equals(key)) {
            e.second = std::move(value);
            return;
        }
    }
    entries_.emplace_back(std::move(key), std::move(value));
}

}  // namespace fyr::jinja
