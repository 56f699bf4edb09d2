#include "notices/quiet_hours.h"

#include "planning/school_calendar.h"

namespace lobsync::notices {

std::optional<Instant> quiet_until(const config::NoticeSettings& s, const date::time_zone* zone, Instant now) {
  if (!s.has_quiet_hours) return std::nullopt;
  const auto day = planning::local_day(zone, now);
  const int minute = planning::local_minute(zone, now);
  const int from = s.quiet_from_minute;
  const int to = s.quiet_to_minute;
  if (from < to) {  // e.g. 12:00-13:00, within one day
    if (minute >= from && minute < to) return planning::at_local(zone, day, to);
    return std::nullopt;
  }
  // Crosses midnight: the evening part ends tomorrow, the morning part today.
  if (minute >= from) return planning::at_local(zone, day + date::days{1}, to);
  if (minute < to) {
    const auto end = planning::at_local(zone, day, to);
    // In the spring gap a morning end may resolve to an instant before a local time read as
    // "before it" (never in practice with whole minutes, but keep the answer after now).
    if (end > now) return end;
  }
  return std::nullopt;
}

Instant deliverable_from(const config::NoticeSettings& s, const date::time_zone* zone, Instant now) {
  return quiet_until(s, zone, now).value_or(now);
}

}  // namespace lobsync::notices
