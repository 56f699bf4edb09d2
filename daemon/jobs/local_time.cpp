#include "jobs/local_time.h"

#include <chrono>

namespace lobsync::jobs {
namespace {

bool two_digits(std::string_view text, int& value) {
  if (text.size() != 2 || text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9') return false;
  value = (text[0] - '0') * 10 + (text[1] - '0');
  return true;
}

}  // namespace

date::local_days local_day_of(Instant t, const date::time_zone* tz) {
  return date::floor<date::days>(tz->to_local(t));
}

std::optional<TimeOfDay> parse_time_of_day(std::string_view text) {
  TimeOfDay t;
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  if (!two_digits(text.substr(0, 2), t.hour) || !two_digits(text.substr(3, 2), t.minute)) return std::nullopt;
  if (t.hour > 23 || t.minute > 59) return std::nullopt;
  return t;
}

Instant resolve_local(date::local_days day, TimeOfDay t, const date::time_zone* tz) {
  const date::local_seconds wall = day + std::chrono::hours(t.hour) + std::chrono::minutes(t.minute);
  const date::local_info info = tz->get_info(wall);
  date::sys_seconds result{};
  switch (info.result) {
    case date::local_info::unique:
      result = date::sys_seconds(wall.time_since_epoch() - info.first.offset);
      break;
    case date::local_info::nonexistent:
      // The clock jumps over this time; the run belongs to the moment the jump lands.
      result = info.second.begin;
      break;
    case date::local_info::ambiguous:
      // `first` is the offset in force before the change (summer time), the earlier instant.
      result = date::sys_seconds(wall.time_since_epoch() - info.first.offset);
      break;
  }
  return std::chrono::time_point_cast<std::chrono::milliseconds>(result);
}

Instant next_occurrence(TimeOfDay t, const date::time_zone* tz, Instant after) {
  // Start a day early: a local day's occurrence can fall before `after` in UTC terms or after.
  for (date::local_days day = local_day_of(after, tz) - date::days(1);; day += date::days(1)) {
    const Instant candidate = resolve_local(day, t, tz);
    if (candidate > after) return candidate;
  }
}

Instant latest_occurrence(TimeOfDay t, const date::time_zone* tz, Instant at_or_before) {
  for (date::local_days day = local_day_of(at_or_before, tz) + date::days(1);; day -= date::days(1)) {
    const Instant candidate = resolve_local(day, t, tz);
    if (candidate <= at_or_before) return candidate;
  }
}

}  // namespace lobsync::jobs
