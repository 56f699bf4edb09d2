// The school's calendar as the planner needs it: the school year, the days conversations may
// happen, each type's window, and local wall time ↔ UTC in the school's zone.
#pragma once

#include "core/clock.h"
#include "domain/policy.h"

#include <date/tz.h>

#include <string>
#include <utility>
#include <vector>

namespace lobsync::planning {

struct SchoolYear {
  date::sys_days start, end;  // inclusive
  std::string label;          // "2026-2027"
};

// The configured school year, or 1 August .. 31 July around `today`.
SchoolYear school_year_for(const domain::Policy& policy, date::sys_days today);

// Weekday allowed, not in a holiday, not a closed day, not a public holiday (unless switched off).
bool conversation_day(const domain::Policy& policy, date::sys_days day);

// The Monday of the week a day falls in (weeks for the per-week limits run Monday to Sunday).
date::sys_days monday_of_week(date::sys_days day);

// Warnings for a school year without any holiday, shipped for the school's region or typed:
// conversations could be planned in the school's vacation weeks. The year around `today` is
// checked, and in its last 13 weeks also the next one, so there is time to add it. Empty when fine.
std::vector<std::string> holidays_missing_warnings(const domain::Policy& policy, date::sys_days today);

// First and last day of a type's ISO-week window inside the school year (weeks from 31 on fall
// in the year's first calendar year, earlier weeks in the second).
std::pair<date::sys_days, date::sys_days> type_window(const domain::ConversationType& type, const SchoolYear& year);

// The instant a local wall-clock time happens; in the spring gap the later side is used.
Instant at_local(const date::time_zone* zone, date::sys_days day, domain::MinuteOfDay minute);
// The local calendar day an instant falls on.
date::sys_days local_day(const date::time_zone* zone, Instant t);
// Minutes after local midnight.
domain::MinuteOfDay local_minute(const date::time_zone* zone, Instant t);

}  // namespace lobsync::planning
