// Whether the parents of a student of 18 or over are invited to a conversation meant for the
// parents: the student decides (AVG). The planner asks first and waits for the answer until
// `adult_answer_days` before the type's window closes; then the conversation is held with the
// student alone (no answer, no parents: privacy first). Once a meeting was planned without an
// answer, it keeps who it was planned with, so a re-plan never changes it behind the student.
#pragma once

#include "planning/planner.h"

#include <date/date.h>

#include <map>
#include <string>
#include <utility>

namespace lobsync::planning {

enum class ParentsDecision { invite, alone, wait };

struct AdultDecision {
  ParentsDecision decision = ParentsDecision::alone;
  date::sys_days until;  // with `wait`: the last day the planner waits
};

// Whether the student counts as an adult for this conversation: 18 or over on the first day of
// the type's window. The window's first day does not move as the year goes on, so the answer is
// the same in every re-plan (a student who turns 18 halfway through the window stays a minor
// for it).
bool adult_for(const domain::Student& student, date::sys_days window_start);

// (student, type) → whether an active meeting of that conversation with parents exists.
using PlannedParents = std::map<std::pair<std::string, std::string>, bool>;
PlannedParents planned_parents(const std::vector<domain::Meeting>& existing);

AdultDecision decide_for_adult(const PlanInput& input, const PlannedParents& planned, const std::string& student,
                               const domain::ConversationType& type, date::sys_days window_end, date::sys_days today);

}  // namespace lobsync::planning
