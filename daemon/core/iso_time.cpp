#include "core/iso_time.h"

#include "core/time_zone.h"

#include <date/date.h>
#include <date/tz.h>

#include <cstdio>

namespace lobsync {

std::string iso_utc(Instant t) { return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(t)); }

std::string iso_local(Instant t, std::string_view timezone) {
  const auto local = date::make_zoned(time_zone_or_utc(timezone), std::chrono::floor<std::chrono::seconds>(t));
  auto text = date::format("%FT%T%z", local);  // offset as +0100
  text.insert(text.size() - 2, ":");
  return text;
}

std::string local_text(Instant t, std::string_view timezone) {
  return date::format("%F %H:%M %Z", date::make_zoned(time_zone_or_utc(timezone), std::chrono::floor<std::chrono::minutes>(t)));
}

std::optional<Instant> parse_iso_utc(std::string_view text) {
  // Strict and small on purpose: date::parse drags in locale-dependent stream parsing.
  if (text.size() < 20 || text.size() > 40 || text.back() != 'Z') return std::nullopt;
  const std::string s(text);
  int year = 0, consumed = 0;
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(s.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%n", &year, &month, &day, &hour, &minute, &second, &consumed) != 6 ||
      consumed != 19)
    return std::nullopt;
  int millis = 0;
  std::size_t i = 19;
  if (s[i] == '.') {
    int digits = 0;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits)
      if (digits < 3) millis = millis * 10 + (s[i] - '0');
    if (digits == 0) return std::nullopt;
    for (int d = digits; d < 3; ++d) millis *= 10;
  }
  if (i != s.size() - 1) return std::nullopt;
  const date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return Instant{date::sys_days{ymd}.time_since_epoch() + std::chrono::hours{hour} + std::chrono::minutes{minute} +
                 std::chrono::seconds{second} + std::chrono::milliseconds{millis}};
}

}  // namespace lobsync
