// The daemon's log. spdlog is confined to log.cpp so its heavy headers stay out of every other
// translation unit; callers format with fmt and hand over finished lines.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string_view>
#include <utility>

namespace lobsync::log {

enum class Level { trace, debug, info, warn, error, off };

// Sets up logging to stderr (journald picks it up under systemd). Safe to call again.
void init(Level level);
void set_level(Level level);
Level level();
std::optional<Level> parse_level(std::string_view name);

// Writes one line under a logger name such as "host", "http" or "plugin:somtoday-main".
void write(Level level, std::string_view logger, std::string_view message);

template <class... Args>
void trace(fmt::format_string<Args...> f, Args&&... args) {
  write(Level::trace, "lobsync", fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void debug(fmt::format_string<Args...> f, Args&&... args) {
  write(Level::debug, "lobsync", fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void info(fmt::format_string<Args...> f, Args&&... args) {
  write(Level::info, "lobsync", fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void warn(fmt::format_string<Args...> f, Args&&... args) {
  write(Level::warn, "lobsync", fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void error(fmt::format_string<Args...> f, Args&&... args) {
  write(Level::error, "lobsync", fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace lobsync::log
