// An insertion-ordered Python dict of Values (keys are usually strings).
//
//   Dict d;
//   d.set(Value::string("role"), Value::string("user"));
//   if (const Value* v = d.find("role")) { ... }
//
// Lookup is linear: template dicts are small, and order must follow insertion
// so that tojson and iteration match Python. Thread-safe for concurrent reads.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "fyr/jinja/value.h"

namespace fyr::jinja {

class Dict {
public:
    using Entry = std::pair<Value, Value>;

    const Value* find(const Value& key) const;
    const Value* find(std::string_view key) const;
    // Replaces the value of an existing key in place (Python keeps the first position).
    void set(Value key, Value value);
    // Appends without looking for the key: only for keys known to be new.
    void add_new(Value key, Value value) { entries_.emplace_back(std::move(key), std::move(value)); }
    void reserve(std::size_t n) { entries_.reserve(n); }
    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    const std::vector<Entry>& entries() const { return entries_; }

private:
    std::vector<Entry> entries_;
};

}  // namespace fyr::jinja
