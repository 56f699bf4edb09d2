// Coverage for the LOB coordinator: per student, which of this school year's conversations
// have not taken place yet, and which of those are at least planned.
#pragma once

#include "domain/meeting.h"
#include "domain/policy.h"
#include "domain/school.h"

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lobsync::planning {

struct CoverageRow {
  std::string student, student_name, group, group_name, mentor, mentor_name;
  std::vector<std::string> missing;   // due types not held: only the mentor's mark or record makes one held
  std::vector<std::string> planned;   // of those, the ones with a meeting still to come
  std::vector<std::string> unmarked;  // of those, the ones whose meeting ended without a mark or record yet
};

// Rows for active students that miss something, ordered by class, then student.
std::vector<CoverageRow> coverage(const domain::School& school, const domain::Policy& policy,
                                  const std::vector<domain::Meeting>& meetings, const date::time_zone* zone, Instant now);

nlohmann::json to_json(const std::vector<CoverageRow>& rows);
std::string summary(const std::vector<CoverageRow>& rows);

}  // namespace lobsync::planning
