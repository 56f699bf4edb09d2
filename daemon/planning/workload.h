// Each lead's conversations per week after a plan, for the plan report: so a school sees at a
// glance whether the limits spread the work or a mentor's weeks are full.
#pragma once

#include "planning/planner.h"

#include <date/tz.h>

#include <map>
#include <string>

namespace lobsync::planning {

// lead (staff key) → ISO week ("2027-W03") → active conversations that week.
using WeeklyLoad = std::map<std::string, std::map<std::string, int>>;

WeeklyLoad weekly_load(const PlanResult& result, const date::time_zone* zone);

}  // namespace lobsync::planning
