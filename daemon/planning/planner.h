// The planner: places every conversation the policy says a student is owed this school year,
// inside its window, in the mentor's free time, within the hours for its kind, and explains
// each one it could not place. A pure function of its input: the same school, policy, busy
// times, existing meetings and "now" give the same plan, byte for byte.
#pragma once

#include "core/clock.h"
#include "domain/meeting.h"
#include "domain/policy.h"
#include "domain/school.h"

#include <date/tz.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace lobsync::planning {

struct BusyInterval {
  std::string person;  // staff key
  Instant start, end;
};

struct Unplaced {
  std::string student, type, reason;
};

// What happened to a meeting in this plan.
enum class Change { kept, created, moved, updated, cancelled };
const char* change_name(Change change);

struct PlanInput {
  const domain::School* school = nullptr;
  const domain::Policy* policy = nullptr;
  const date::time_zone* zone = nullptr;
  Instant now;
  std::vector<BusyInterval> busy;
  std::vector<domain::Meeting> existing;          // the store's meetings of this school year
  std::set<std::string> separate_households;      // students whose parents meet separately
  std::map<std::string, domain::TimeWindow> parent_preferences;  // student → hours parents asked for
};

struct PlannedMeeting {
  domain::Meeting meeting;
  Change change = Change::kept;
};

struct PlanResult {
  std::string school_year;
  std::vector<PlannedMeeting> meetings;  // every meeting of the year after planning, by id
  std::vector<Unplaced> unplaced;
  int count(Change change) const;
};

PlanResult plan(const PlanInput& input);

// The stable id of the meeting for (school year, type, student, household).
std::string meeting_id(const std::string& school_year, const std::string& type, const std::string& student,
                       const std::string& household);

}  // namespace lobsync::planning
