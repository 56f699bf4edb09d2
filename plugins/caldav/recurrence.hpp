// RRULE (RFC 5545 §3.3.10) for the rules teachers' calendars are made of: FREQ=DAILY and
// FREQ=WEEKLY with INTERVAL, COUNT, UNTIL, BYDAY (plain weekdays) and WKST. Occurrences are
// generated in wall-clock time, so a weekly 09:00 lesson stays at 09:00 local across a DST
// change; the caller turns each into an instant with the event's zone.
#pragma once

#include "ical_time.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace caldav::ical {

struct RecurrenceRule {
  std::string freq;  // as written: DAILY, WEEKLY, MONTHLY, ...
  int interval = 1;
  std::optional<long long> count;
  std::optional<DateTime> until;
  std::vector<date::weekday> by_day;  // without ordinals
  date::weekday week_start = date::Monday;
  // Why this reader cannot expand the rule (another FREQ, BYMONTH, BYSETPOS, "1MO"...); empty
  // when it can.
  std::string unsupported;

  bool expandable() const { return unsupported.empty(); }
};

// A rule, or what is wrong with it ("INTERVAL must be a positive number").
std::variant<RecurrenceRule, std::string> parse_rrule(std::string_view text);

// Generation stops at the first occurrence after this local time, or after this many.
struct ExpansionLimits {
  LocalTime stop_after;
  // Occurrences that start before this may be skipped (rules without COUNT only, where no
  // occurrence needs counting): the reader jumps ahead instead of walking decades of lessons.
  LocalTime skip_before;
  std::size_t max_occurrences = 20'000;
};

// Calls `occurrence` with each start in order, beginning with DTSTART itself (RFC 5545: it is
// always the first). `past_until` says whether a start lies after UNTIL (UNTIL in UTC needs the
// event's zone, which the caller has). Returns false when max_occurrences cut the series short.
bool expand(const RecurrenceRule& rule, LocalTime dtstart, const ExpansionLimits& limits,
            const std::function<bool(LocalTime)>& past_until, const std::function<void(LocalTime)>& occurrence);

}  // namespace caldav::ical
