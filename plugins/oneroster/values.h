// Parsing OneRoster field values: dates, booleans, id lists and grades.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oneroster {

// True for a real calendar date written YYYY-MM-DD.
bool valid_date(std::string_view text);

// "true"/"false" in any case; nullopt for anything else.
std::optional<bool> parse_bool(std::string_view text);

// A comma-separated id list (agentSourcedIds, orgSourcedIds, grades), trimmed, empties dropped.
std::vector<std::string> split_list(std::string_view text);

// Grade codes → leerjaar 1-6. Empty: years are left out (the default, because what a school's
// export puts in `grades` differs and a wrong year would pick the wrong conversation topic).
using GradeYears = std::map<std::string, int>;

// The preset names of the "grade_years" setting: "us" ("07".."12" → 1..6) and "leerjaar"
// ("1".."6" and "01".."06" → 1..6); nullopt for an unknown name.
std::optional<GradeYears> grade_preset(std::string_view name);

enum class YearResult { none, ok, unmapped, conflicting };
// The year of a grades list: ok with `year` set when every grade maps to the same year.
YearResult year_for(const GradeYears& map, const std::vector<std::string>& grades, int& year);

}  // namespace oneroster
