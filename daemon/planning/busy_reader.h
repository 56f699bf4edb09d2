// Reads mentors' busy times from every plugin with the busy-source capability (a SIS timetable,
// a CalDAV calendar) through the `busy.read` operation. A source that fails fails the plan:
// planning without it would put conversations into lessons.
#pragma once

#include "domain/school.h"
#include "plugin_host/runtime.h"
#include "planning/planner.h"

#include <set>
#include <tuple>
#include <stdexcept>
#include <string>
#include <vector>

namespace lobsync::planning {

class BusySourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BusyRead {
  std::vector<BusyInterval> busy;
  std::vector<std::string> warnings;  // people whose calendar could not be read, and why (no names)
};

// The meetings lobsync wrote into mentors' calendars itself (calendar-writer copies), which a
// busy source reads back as busy: by UID where the source names events (CalDAV), else, from an
// instance that writes the copies (planning.calendars), by the mentor and the exact time:
// free/busy answers such as Graph's getSchedule or Google's freeBusy name no events. Counted as
// busy, every meeting would block itself and move on each plan. A timetable (a SIS, Zermelo)
// holds no copies, so a lesson there always counts.
struct OwnMeetings {
  std::set<std::string> uids;
  std::set<std::tuple<std::string, Instant, Instant>> times;  // (mentor staff key, start, end)
  std::set<std::string> writers;                              // instances that hold the copies
};
OwnMeetings own_meetings(const std::vector<domain::Meeting>& meetings, const domain::Policy& policy);

BusyRead read_busy(plugin_host::PluginRuntime& plugins, const domain::School& school,
                   const std::set<std::string>& mentors, Instant from, Instant to, const OwnMeetings& own);

}  // namespace lobsync::planning
