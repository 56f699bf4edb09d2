#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace lobsync::log {
namespace {

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::trace: return spdlog::level::trace;
    case Level::debug: return spdlog::level::debug;
    case Level::info: return spdlog::level::info;
    case Level::warn: return spdlog::level::warn;
    case Level::error: return spdlog::level::err;
    case Level::off: return spdlog::level::off;
  }
  return spdlog::level::info;
}

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    auto l = std::make_shared<spdlog::logger>("lobsync", sink);
    // journald adds its own timestamp; a terminal user still wants one, so keep it short.
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
    l->set_level(spdlog::level::info);
    l->flush_on(spdlog::level::warn);
    return l;
  }();
  return instance;
}

Level current_level = Level::info;
std::mutex level_mutex;

}  // namespace

void init(Level level) { set_level(level); }

void set_level(Level level) {
  std::lock_guard lock(level_mutex);
  current_level = level;
  logger()->set_level(to_spdlog(level));
}

Level level() {
  std::lock_guard lock(level_mutex);
  return current_level;
}

std::optional<Level> parse_level(std::string_view name) {
  if (name == "trace") return Level::trace;
  if (name == "debug") return Level::debug;
  if (name == "info") return Level::info;
  if (name == "warn" || name == "warning") return Level::warn;
  if (name == "error") return Level::error;
  if (name == "off") return Level::off;
  return std::nullopt;
}

void write(Level level, std::string_view name, std::string_view message) {
  auto& l = logger();
  const auto lvl = to_spdlog(level);
  if (!l->should_log(lvl)) return;
  l->log(lvl, "[{}] {}", name, message);
}

}  // namespace lobsync::log
