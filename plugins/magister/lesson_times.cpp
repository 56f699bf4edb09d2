#include "lesson_times.hpp"

#include "values.hpp"

#include <charconv>
#include <optional>

namespace magister {

namespace {

// "H:MM" or "HH:MM[:SS]" → "HH:MM:SS"; nullopt otherwise.
std::optional<std::string> time_of_day(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return std::nullopt;
  int h = 0, m = 0, s = 0;
  auto number = [](std::string_view part, int& out) {
    if (part.size() != 2 && part.size() != 1) return false;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && end == part.data() + part.size();
  };
  std::string_view rest = text.substr(colon + 1);
  std::string_view minutes = rest.substr(0, rest.find(':'));
  if (!number(text.substr(0, colon), h) || minutes.size() != 2 || !number(minutes, m)) return std::nullopt;
  if (minutes.size() < rest.size()) {
    const std::string_view seconds = rest.substr(3);
    if (seconds.size() != 2 || !number(seconds, s)) return std::nullopt;
  }
  if (h > 23 || m > 59 || s > 59) return std::nullopt;
  auto two = [](int n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); };
  return two(h) + ":" + two(m) + ":" + two(s);
}

}  // namespace

std::variant<lobsync::sdk::UtcSeconds, std::string> lesson_instant(std::string_view value, std::string_view day,
                                                                  const date::time_zone* school_zone) {
  if (value.empty()) return std::string("is empty");
  std::string iso;
  if (const auto time = time_of_day(value)) {
    if (day.empty()) return std::string("is a time without a date (map the date column)");
    const auto date = parse_date(day);
    if (!date) return std::string("has a date that is not a real date (dd-mm-yyyy or yyyy-mm-dd)");
    iso = *date + "T" + *time;
  } else {
    // A date-time: the date part may be in either order; the rest (time and zone) stays.
    const auto space = value.find_first_of("T ");
    if (space == std::string_view::npos) return std::string("is not a time (HH:MM) or a date-time");
    const auto date = parse_date(value.substr(0, space));
    if (!date) return std::string("is not a time (HH:MM) or a date-time");
    std::string_view rest = value.substr(space + 1);
    // A one-digit hour ("8:30") is as common in exports as "08:30".
    iso = *date + "T" + (rest.size() > 1 && rest[1] == ':' ? "0" : "") + std::string(rest);
  }
  const auto parsed = lobsync::sdk::parse_instant(iso, school_zone);
  if (parsed.instant) return *parsed.instant;
  if (parsed.issue == lobsync::sdk::LocalTimeIssue::nonexistent) {
    return std::string("does not exist in Europe/Amsterdam (the clock skips that hour)");
  }
  return std::string("is not a time (HH:MM) or a date-time");
}

}  // namespace magister
