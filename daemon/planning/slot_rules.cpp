#include "planning/slot_rules.h"

#include "planning/school_calendar.h"

#include <algorithm>

namespace lobsync::planning {

domain::TimeWindow hours_for(const domain::Policy& policy, const domain::ConversationType& type) {
  return type.with_parents ? policy.parent_hours : policy.mentor_hours;
}

bool calendar_allows(const domain::Policy& policy, const date::time_zone* zone, Instant start, Instant end,
                     date::sys_days from, date::sys_days to, const domain::TimeWindow& hours) {
  const auto day = local_day(zone, start);
  if (day < from || day > to || !conversation_day(policy, day)) return false;
  if (local_day(zone, end - std::chrono::milliseconds{1}) != day) return false;
  return local_minute(zone, start) >= hours.from && local_minute(zone, end) <= hours.to;
}

std::vector<Instant> start_times(const domain::Policy& policy, const date::time_zone* zone, date::sys_days day,
                                 const domain::TimeWindow& hours, int length_minutes) {
  std::vector<Instant> out;
  if (!conversation_day(policy, day)) return out;
  const int step = std::max(policy.slot_minutes, 1);
  for (int m = hours.from; m + length_minutes <= hours.to; m += step) out.push_back(at_local(zone, day, m));
  return out;
}

}  // namespace lobsync::planning
