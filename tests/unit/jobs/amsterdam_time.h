// Instants and zones shared by the local-time and scheduler tests.
#pragma once

#include "core/clock.h"
#include "jobs/local_time.h"

#include <date/tz.h>

namespace lobsync::jobs::test_time {

inline const date::time_zone* amsterdam() { return date::locate_zone("Europe/Amsterdam"); }

// A UTC instant: the day plus a time of day.
inline Instant utc(date::year_month_day day, std::chrono::minutes time_of_day) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(date::sys_days(day) + time_of_day);
}

inline constexpr TimeOfDay k0230{2, 30};

}  // namespace lobsync::jobs::test_time
