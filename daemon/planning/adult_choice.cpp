#include "planning/adult_choice.h"

#include <algorithm>

namespace lobsync::planning {

bool adult_for(const domain::Student& student, date::sys_days window_start) {
  return student.adult_on(date::year_month_day{window_start});
}

PlannedParents planned_parents(const std::vector<domain::Meeting>& existing) {
  PlannedParents out;
  for (const auto& m : existing) {
    if (!m.active()) continue;
    const bool parents = std::any_of(m.participants.begin(), m.participants.end(),
                                     [](const auto& p) { return p.role == "parent"; });
    auto& entry = out[{m.student, m.type}];
    entry = entry || parents;
  }
  return out;
}

AdultDecision decide_for_adult(const PlanInput& input, const PlannedParents& planned, const std::string& student,
                               const domain::ConversationType& type, date::sys_days window_end, date::sys_days today) {
  const auto key = std::make_pair(student, type.id);
  if (auto it = input.adult_answers.find(key); it != input.adult_answers.end())
    return {it->second ? ParentsDecision::invite : ParentsDecision::alone, {}};
  // Invitations went out without an answer (after the wait, or before this rule existed): the
  // meeting stays as it was sent until the student answers.
  if (auto it = planned.find(key); it != planned.end())
    return {it->second ? ParentsDecision::invite : ParentsDecision::alone, {}};
  const auto last_wait_day = window_end - date::days{input.policy->adult_answer_days + 1};
  if (today <= last_wait_day) return {ParentsDecision::wait, last_wait_day};
  return {ParentsDecision::alone, {}};
}

}  // namespace lobsync::planning
