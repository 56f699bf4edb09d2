#include "ical_time.hpp"

#include <charconv>
#include <cstdio>

namespace caldav::ical {

namespace {

// Exactly `length` decimal digits at `from`.
bool digits(std::string_view text, std::size_t from, std::size_t length, int& out) {
  if (from + length > text.size()) return false;
  const char* first = text.data() + from;
  for (std::size_t k = 0; k < length; ++k) {
    if (first[k] < '0' || first[k] > '9') return false;
  }
  return std::from_chars(first, first + length, out).ec == std::errc();
}

std::optional<date::local_days> parse_day(std::string_view text, std::size_t from) {
  int y = 0, m = 0, d = 0;
  if (!digits(text, from, 4, y) || !digits(text, from + 4, 2, m) || !digits(text, from + 6, 2, d)) return std::nullopt;
  const date::year_month_day day{date::year(y), date::month(static_cast<unsigned>(m)), date::day(static_cast<unsigned>(d))};
  if (!day.ok()) return std::nullopt;
  return date::local_days(day);
}

std::optional<std::chrono::seconds> parse_clock(std::string_view text, std::size_t from) {
  int h = 0, mi = 0, s = 0;
  if (!digits(text, from, 2, h) || !digits(text, from + 2, 2, mi) || !digits(text, from + 4, 2, s)) return std::nullopt;
  if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  if (s == 60) s = 59;  // a leap second: the instant before is close enough for busy time
  return std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

}  // namespace

std::optional<DateTime> parse_date_time(std::string_view text, bool date_only) {
  if (date_only) {
    if (text.size() != 8) return std::nullopt;
    auto day = parse_day(text, 0);
    if (!day) return std::nullopt;
    return DateTime{DateTime::Kind::date, LocalTime(*day)};
  }
  const bool utc = text.size() == 16 && text[15] == 'Z';
  if ((text.size() != 15 && !utc) || text[8] != 'T') return std::nullopt;
  auto day = parse_day(text, 0);
  auto clock = parse_clock(text, 9);
  if (!day || !clock) return std::nullopt;
  return DateTime{utc ? DateTime::Kind::utc : DateTime::Kind::local, LocalTime(*day) + *clock};
}

std::optional<DateTime> parse_date_time(const Property& property) {
  const std::string* type = property.param("VALUE");
  const bool date_only = type != nullptr ? *type == "DATE" : property.value.size() == 8;
  return parse_date_time(property.value, date_only);
}

std::optional<std::vector<DateTime>> parse_date_time_list(const Property& property) {
  const std::string* type = property.param("VALUE");
  if (type != nullptr && *type == "PERIOD") return std::nullopt;
  std::vector<DateTime> out;
  std::string_view rest = property.value;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    const bool date_only = type != nullptr ? *type == "DATE" : item.size() == 8;
    auto value = parse_date_time(item, date_only);
    if (!value) return std::nullopt;
    out.push_back(*value);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<Duration> parse_duration(std::string_view text) {
  // Bounds far beyond any event (about 270 years) that keep every sum from overflowing.
  constexpr long long max_days = 100'000;
  constexpr long long max_seconds = max_days * 86'400;
  Duration out;
  long long days = 0;
  long long seconds = 0;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) out.negative = text[i++] == '-';
  if (i >= text.size() || text[i++] != 'P') return std::nullopt;
  bool in_time = false;
  bool any = false;
  bool any_in_time = false;
  char last_unit = 0;
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    long long n = 0;
    const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), n);
    if (ec != std::errc() || end == text.data() + text.size() || n < 0 || n > max_seconds) return std::nullopt;
    i = static_cast<std::size_t>(end - text.data());
    const char unit = text[i++];
    // Units come in this order, each at most once.
    static constexpr std::string_view order = "WDHMS";
    if (last_unit != 0 && order.find(unit) <= order.find(last_unit)) return std::nullopt;
    last_unit = unit;
    switch (unit) {
      case 'W':
      case 'D':
        if (in_time) return std::nullopt;
        days += unit == 'W' ? 7 * n : n;
        break;
      case 'H':
      case 'M':
      case 'S':
        if (!in_time) return std::nullopt;
        seconds += unit == 'H' ? 3600 * n : unit == 'M' ? 60 * n : n;
        any_in_time = true;
        break;
      default:
        return std::nullopt;
    }
    if (days > max_days || seconds > max_seconds) return std::nullopt;
    any = true;
  }
  if (!any || (in_time && !any_in_time)) return std::nullopt;
  out.days = date::days(static_cast<int>(days));
  out.time = std::chrono::seconds(seconds);
  return out;
}

std::string format_instant(Instant instant) {
  const auto day = date::floor<date::days>(instant);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss<std::chrono::seconds> clock(instant - day);
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return out;
}

std::optional<Instant> parse_instant(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  const std::string compact = std::string(text.substr(0, 4)) + std::string(text.substr(5, 2)) +
                              std::string(text.substr(8, 2)) + "T" + std::string(text.substr(11, 2)) +
                              std::string(text.substr(14, 2)) + std::string(text.substr(17, 2)) + "Z";
  auto value = parse_date_time(compact, false);
  if (!value) return std::nullopt;
  return Instant(value->local.time_since_epoch());
}

std::string format_ical_utc(Instant instant) {
  std::string iso = format_instant(instant);  // 2026-12-07T08:00:00Z
  std::string out;
  for (char c : iso) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

}  // namespace caldav::ical
