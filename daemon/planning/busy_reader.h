// Reads mentors' busy times from every plugin with the busy-source capability (a SIS timetable,
// a CalDAV calendar) through the `busy.read` operation. A source that fails fails the plan:
// planning without it would put conversations into lessons.
#pragma once

#include "domain/school.h"
#include "plugin_host/runtime.h"
#include "planning/planner.h"

#include <set>
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

// `ignore_uids`: events the product wrote itself (its own meetings in a mentor's calendar).
BusyRead read_busy(plugin_host::PluginRuntime& plugins, const domain::School& school,
                   const std::set<std::string>& mentors, Instant from, Instant to,
                   const std::set<std::string>& ignore_uids);

}  // namespace lobsync::planning
