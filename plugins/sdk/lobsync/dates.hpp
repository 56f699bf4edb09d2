// Calendar dates as the roster format carries them ("YYYY-MM-DD") and UTC instants as the host
// sends them ("YYYY-MM-DDTHH:MM:SSZ"), shared by the host and the plugins so every source checks
// them the same way, and "today" in the school's time zone.
// Uses Howard Hinnant's date library (the system's tz database); plugins that include this
// link date::date-tz, which lobsync_add_plugin does for them.
#pragma once

#include <date/tz.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace lobsync::sdk {

// The day, when `text` is exactly YYYY-MM-DD and names a real day (no 2025-02-30).
inline std::optional<date::year_month_day> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  // Digits only: from_chars would read "-027" as the year -27.
  for (const std::size_t at : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[at] < '0' || text[at] > '9') return std::nullopt;
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

// Whether `name` is a zone of the tz database ("Europe/Amsterdam"), for settings that name one.
inline bool is_time_zone_name(const std::string& name) {
  try {
    (void)date::locate_zone(name);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

using UtcSeconds = std::chrono::sys_seconds;

// Reads `length` digits at `at`; false when they are not all digits.
inline bool iso_digits(std::string_view text, std::size_t at, std::size_t length, int& out) {
  if (at + length > text.size()) return false;
  const char* first = text.data() + at;
  const auto [end, ec] = std::from_chars(first, first + length, out);
  return ec == std::errc() && end == first + length;
}

// "YYYY-MM-DD?HH:MM[:SS[.fraction]]" with `sep` between date and time; the rest (zone part)
// is returned in `rest`. Seconds default to 0; a fraction is dropped (instants are whole seconds).
inline std::optional<date::local_seconds> parse_local_date_time(std::string_view text, std::string_view& rest) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() < 16 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':')
    return std::nullopt;
  if (!iso_digits(text, 0, 4, y) || !iso_digits(text, 5, 2, mo) || !iso_digits(text, 8, 2, d) ||
      !iso_digits(text, 11, 2, h) || !iso_digits(text, 14, 2, mi))
    return std::nullopt;
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!iso_digits(text, at + 1, 2, s)) return std::nullopt;
    at += 3;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      ++at;
      const std::size_t first = at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
      if (at == first) return std::nullopt;
    }
  }
  const date::year_month_day day{date::year(y), date::month(static_cast<unsigned>(mo)), date::day(static_cast<unsigned>(d))};
  if (!day.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  rest = text.substr(at);
  return date::local_days(day) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

// "2026-10-25T01:30:00Z" (fractional seconds allowed) → the instant; nullopt otherwise.
inline std::optional<UtcSeconds> parse_utc_instant(std::string_view text) {
  std::string_view rest;
  const auto local = parse_local_date_time(text, rest);
  if (!local || text[10] != 'T' || rest != "Z") return std::nullopt;
  return UtcSeconds(local->time_since_epoch());
}

inline std::string format_utc_instant(UtcSeconds t) { return date::format("%Y-%m-%dT%H:%M:%SZ", t); }

}  // namespace lobsync::sdk
