// School-local wall-clock times and the UTC instants they name. Jobs are configured as "02:30"
// in the school's zone (Europe/Amsterdam); across daylight-saving changes a local time can be
// missing (spring) or happen twice (autumn), and these functions pick one instant for it:
// a missing time resolves to the end of the gap, a doubled time to its first occurrence.
#pragma once

#include "core/clock.h"

#include <date/tz.h>

#include <optional>
#include <string_view>

namespace lobsync::jobs {

struct TimeOfDay {
  int hour = 0;
  int minute = 0;
};

// Exactly "HH:MM", 00:00 to 23:59; rejects "2:3", "24:00", "12:60", "ab:cd".
std::optional<TimeOfDay> parse_time_of_day(std::string_view text);

// The local calendar day `t` falls on in `tz`.
date::local_days local_day_of(Instant t, const date::time_zone* tz);

// The instant `t` on local `day` in `tz`: a time in a gap resolves to the end of the gap,
// an ambiguous time to the earlier instant.
Instant resolve_local(date::local_days day, TimeOfDay t, const date::time_zone* tz);

// The first occurrence strictly after `after`.
Instant next_occurrence(TimeOfDay t, const date::time_zone* tz, Instant after);

// The last occurrence at or before `at_or_before`.
Instant latest_occurrence(TimeOfDay t, const date::time_zone* tz, Instant at_or_before);

}  // namespace lobsync::jobs
