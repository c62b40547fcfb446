#include "fyr/log.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>

namespace fyr::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::Info)};

// The sink is swapped rarely and read on every message: readers copy a shared_ptr
// under a short lock, then call outside it so a slow sink never blocks set_sink().
std::mutex g_mutex;
std::shared_ptr<const Sink> g_sink;

void default_sink(Level level, std::string_view area, std::string_view message) {
    if (level < Level::Warning) return;
    std::fprintf(stderr, "fyr %s [%.*s] %.*s\n", level_name(level), static_cast<int>(area.size()), area.data(),
                 static_cast<int>(message.size()), message.data());
}

}  // namespace

void set_sink(Sink sink) {
    auto next = sink ? std::make_shared<const Sink>(std::move(sink)) : nullptr;
    std::lock_guard lock(g_mutex);
    g_sink = std::move(next);
}

void set_min_level(Level level) { g_min_level.store(static_cast<int>(level), std::memory_order_relaxed); }

Level min_level() { return static_cast<Level>(g_min_level.load(std::memory_order_relaxed)); }

void write(Level level, std::string_view area, std::string_view message) {
    if (static_cast<int>(level) < g_min_level.load(std::memory_order_relaxed)) return;
    std::shared_ptr<const Sink> sink;
    {
        std::lock_guard lock(g_mutex);
        sink = g_sink;
    }
    if (sink) {
        (*sink)(level, area, message);
    } else {
        default_sink(level, area, message);
    }
}

const char* level_name(Level level) {
    switch (level) {
        case Level::Debug: return "debug";
        case Level::Info: return "info";
        case Level::Warning: return "warning";
        case Level::Error: return "error";
    }
    return "unknown";
}

}  // namespace fyr::log
