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

// A conversation with parents for a student of 18 or over that waits for the student's answer
// (planning/adult_choice.h): not planned yet, and the student is asked (app/adult_question.h).
struct Waiting {
  std::string student, type;
  date::sys_days until;  // the last day it waits; after it, it is planned with the student alone
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
  // (student, type) → an adult student's answer: true = invite the parents, false = come alone.
  std::map<std::pair<std::string, std::string>, bool> adult_answers;
};

struct PlannedMeeting {
  domain::Meeting meeting;
  Change change = Change::kept;
};

struct PlanResult {
  std::string school_year;
  std::vector<PlannedMeeting> meetings;  // every meeting of the year after planning, by id
  std::vector<Unplaced> unplaced;
  std::vector<Waiting> waiting;  // by student, type
  int count(Change change) const;
};

PlanResult plan(const PlanInput& input);

// The stable id of the meeting for (school year, type, student, household).
std::string meeting_id(const std::string& school_year, const std::string& type, const std::string& student,
                       const std::string& household);

}  // namespace lobsync::planning
