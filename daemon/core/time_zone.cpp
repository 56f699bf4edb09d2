#include "core/time_zone.h"

#include <date/tz.h>

#include <string>

namespace lobsync {

const date::time_zone* find_time_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    throw UnknownTimeZone("unknown time zone '" + std::string(name) + "'");
  }
}

const date::time_zone* time_zone_or_utc(std::string_view name) noexcept {
  try {
    return date::locate_zone(name);
  } catch (...) {
    return date::locate_zone("UTC");
  }
}

}  // namespace lobsync
