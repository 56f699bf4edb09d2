// The ISO 8601 weeks a busy window covers, in school time (Europe/Amsterdam): the rooster
// endpoints take only a week number (1–53, no year), so each week also carries its Monday, which
// the answer's begindatum is checked against.
#pragma once

#include <lobsync/busy_request.hpp>

#include <string>
#include <vector>

namespace somtoday {

struct IsoWeek {
  int number = 0;      // 1–53
  std::string monday;  // "YYYY-MM-DD", the begindatum Somtoday should answer with
};

struct WeekRange {
  std::vector<IsoWeek> weeks;          // at most max_weeks, from the week of `from`
  lobsync::sdk::UtcSeconds read_until;  // the end of the last week read (local midnight), or `to`
};

// The school's time zone, in which Somtoday's local times and week numbers are meant.
const date::time_zone* school_zone();

// The weeks touched by [from, to), capped at `max_weeks`.
WeekRange weeks_between(lobsync::sdk::UtcSeconds from, lobsync::sdk::UtcSeconds to, int max_weeks);

}  // namespace somtoday
