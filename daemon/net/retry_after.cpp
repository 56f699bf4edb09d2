// Retry-After parsing (RFC 9110 10.2.3), done by hand so it depends on no locale or time zone.
#include "net/http_client.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace lobsync::net {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Exactly `digits` decimal digits at s[pos...], or -1.
int fixed_number(std::string_view s, std::size_t pos, std::size_t digits) {
  if (pos + digits > s.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT": always 29 characters.
std::optional<std::chrono::sys_seconds> parse_imf_fixdate(std::string_view s) {
  static constexpr std::array<std::string_view, 7> days{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
      s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT") {
    return std::nullopt;
  }
  bool day_ok = false;
  for (auto d : days) day_ok = day_ok || s.substr(0, 3) == d;
  unsigned month = 0;
  for (unsigned i = 0; i < months.size(); ++i) {
    if (s.substr(8, 3) == months[i]) month = i + 1;
  }
  const int day = fixed_number(s, 5, 2), year = fixed_number(s, 12, 4);
  const int hour = fixed_number(s, 17, 2), minute = fixed_number(s, 20, 2), second = fixed_number(s, 23, 2);
  if (!day_ok || month == 0 || day < 0 || year < 0 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second);
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, Instant now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(value.front()))) {
    // Saturate instead of overflowing: any huge value is capped by the caller anyway.
    constexpr std::int64_t limit = std::int64_t{1} << 40;
    std::int64_t seconds = 0;
    for (char c : value) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      seconds = std::min(limit, seconds * 10 + (c - '0'));
    }
    return std::chrono::seconds(seconds);
  }
  auto date = parse_imf_fixdate(value);
  if (!date) return std::nullopt;
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*date - now);
  return std::max(wait, std::chrono::milliseconds(0));
}

}  // namespace lobsync::net
