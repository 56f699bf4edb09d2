// Calendar dates as the roster format carries them ("YYYY-MM-DD"), shared by the host and the
// plugins so every source checks dates the same way, and "today" in the school's time zone.
// Uses Howard Hinnant's date library (the system's tz database); plugins that include this
// link date::date-tz, which lobsync_add_plugin does for them.
#pragma once

#include <date/tz.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace lobsync::sdk {

// The day, when `text` is exactly YYYY-MM-DD and names a real day (no 2025-02-30).
inline std::optional<date::year_month_day> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  auto number = [&](std::size_t from, std::size_t length, int& out) {
    const char* first = text.data() + from;
    const auto [end, ec] = std::from_chars(first, first + length, out);
    return ec == std::errc() && end == first + length;
  };
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  const date::year_month_day day{date::year(y), date::month(static_cast<unsigned>(m)), date::day(static_cast<unsigned>(d))};
  if (!day.ok()) return std::nullopt;
  return day;
}

inline std::string format_iso_date(const date::year_month_day& day) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return out;
}

// The local calendar date of a UTC instant (milliseconds since the epoch) in `zone`.
inline date::year_month_day local_date(std::int64_t unix_ms, std::string_view zone = "Europe/Amsterdam") {
  const auto instant = std::chrono::floor<std::chrono::seconds>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(unix_ms)));
  const auto local = date::make_zoned(date::locate_zone(zone), instant).get_local_time();
  return date::year_month_day(date::floor<date::days>(local));
}

}  // namespace lobsync::sdk
