// The calendar rules every conversation time obeys, whoever picks it (the planner, or a parent
// on the booking page): a conversation day inside the allowed days, within the hours for its
// kind, starting on the slot grid, ending the same day.
#pragma once

#include "core/clock.h"
#include "domain/policy.h"

#include <date/tz.h>

#include <vector>

namespace lobsync::planning {

// Parent hours for conversations with parents, mentor hours for the others.
domain::TimeWindow hours_for(const domain::Policy& policy, const domain::ConversationType& type);

// [start, end) lies on a conversation day in [from, to], inside `hours`, on one local day.
bool calendar_allows(const domain::Policy& policy, const date::time_zone* zone, Instant start, Instant end,
                     date::sys_days from, date::sys_days to, const domain::TimeWindow& hours);

// Start times on `day` every slot_minutes from the hours' opening at which a conversation of
// `length_minutes` still ends inside the hours (empty for a day without conversations).
std::vector<Instant> start_times(const domain::Policy& policy, const date::time_zone* zone, date::sys_days day,
                                 const domain::TimeWindow& hours, int length_minutes);

}  // namespace lobsync::planning
