// Engine logging without Qt: the engine reports through one process-wide sink
// that the host installs (fyr and fyrctl route it into their Qt logging; tests may
// capture it). Without a sink, warnings and errors go to stderr.
//
//   fyr::log::set_sink([](fyr::log::Level lv, std::string_view area, std::string_view msg) { ... });
//   FYR_LOG_INFO("gguf", "loaded " + path);
//
// Thread-safe: set_sink() and write() may be called from any thread. The sink is
// called on the logging thread and must be thread-safe itself.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace fyr::log {

enum class Level { Debug = 0, Info = 1, Warning = 2, Error = 3 };

using Sink = std::function<void(Level level, std::string_view area, std::string_view message)>;

// Replaces the sink; an empty function restores the stderr default.
void set_sink(Sink sink);

// Messages below this level are dropped before formatting reaches the sink.
void set_min_level(Level level);
Level min_level();

void write(Level level, std::string_view area, std::string_view message);

const char* level_name(Level level);

}  // namespace fyr::log

#define FYR_LOG_DEBUG(area, msg) ::fyr::log::write(::fyr::log::Level::Debug, (area), (msg))
#define FYR_LOG_INFO(area, msg) ::fyr::log::write(::fyr::log::Level::Info, (area), (msg))
#define FYR_LOG_WARN(area, msg) ::fyr::log::write(::fyr::log::Level::Warning, (area), (msg))
#define FYR_LOG_ERROR(area, msg) ::fyr::log::write(::fyr::log::Level::Error, (area), (msg))
