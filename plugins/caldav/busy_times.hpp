// The busy time in one calendar object as a CalDAV server stores it (a VCALENDAR holding one
// event, or one recurring series with its overridden instances): every VEVENT instance that
// overlaps the window, as UTC intervals clipped to it. Transparent and cancelled events (and
// instances) are free time. Never throws on bad input: what cannot be read becomes a problem.
#pragma once

#include "ical_time.hpp"

#include <date/tz.h>

#include <string>
#include <string_view>
#include <vector>

namespace caldav::ical {

struct BusyInterval {
  Instant start;
  Instant end;
  std::string uid;
  bool operator==(const BusyInterval&) const = default;
};

struct BusyTimes {
  std::vector<BusyInterval> busy;     // ordered by start
  std::vector<std::string> problems;  // what was skipped or guessed, without personal data
};

// `school_zone` reads floating times and all-day dates, and stands in for unknown TZIDs.
BusyTimes busy_times(std::string_view ics, Instant from, Instant to, const date::time_zone* school_zone);

}  // namespace caldav::ical
