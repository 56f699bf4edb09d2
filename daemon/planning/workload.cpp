#include "planning/workload.h"

#include "planning/school_calendar.h"

#include <date/iso_week.h>

#include <cstdio>

namespace lobsync::planning {

namespace {

std::string iso_week_label(date::sys_days day) {
  const iso_week::year_weeknum_weekday w{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-W%02u", static_cast<int>(w.year()), static_cast<unsigned>(w.weeknum()));
  return text;
}

}  // namespace

WeeklyLoad weekly_load(const PlanResult& result, const date::time_zone* zone) {
  WeeklyLoad load;
  for (const auto& pm : result.meetings)
    if (pm.meeting.active()) ++load[pm.meeting.mentor][iso_week_label(local_day(zone, pm.meeting.start))];
  return load;
}

}  // namespace lobsync::planning
