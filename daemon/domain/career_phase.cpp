#include "domain/career_phase.h"

#include <algorithm>
#include <iterator>

namespace lobsync::domain {

bool known_career_phase(std::string_view phase) {
  return std::any_of(std::begin(kCareerPhases), std::end(kCareerPhases), [&](auto p) { return p == phase; });
}

std::string career_phase(const Policy& policy, const ConversationType& type, const std::string& level, int year) {
  if (!type.career_phase.empty()) return type.career_phase;
  auto it = policy.career_phases.find(level);
  // A level the roster did not give (or one a source maps to nothing known) reads as "other".
  if (it == policy.career_phases.end()) it = policy.career_phases.find("other");
  if (it == policy.career_phases.end() || it->second.empty()) return "";
  const auto& by_year = it->second;
  const auto index = std::clamp(year, 1, static_cast<int>(by_year.size())) - 1;
  return by_year[static_cast<std::size_t>(index)];
}

std::string career_phase_of(const School& school, const Policy& policy, const Meeting& meeting) {
  const auto* type = policy.type(meeting.type);
  const auto student = school.students.find(meeting.student);
  if (type == nullptr || student == school.students.end()) return "";
  return career_phase(policy, *type, student->second.level, student->second.year);
}

}  // namespace lobsync::domain
