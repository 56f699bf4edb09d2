// The mentor's record form as values: read from a stored record (to prefill), from a posted
// form, and turned into the JSON body the records API takes. Field names in the form:
// look_back, reflect, look_forward, act; competence.<id>; step<n>.what/.owner/.due;
// attended.<role>; home_assignment_discussed; aandebak_discussed (only where asked).
#pragma once

#include "records/record_check.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::messaging {
class Translations;
}

namespace lobsync::selfservice {

inline constexpr std::array<std::string_view, 4> kFormPhases{"look_back", "reflect", "look_forward", "act"};
inline constexpr std::array<std::string_view, 6> kFormCompetences{
    "reflection_on_motives", "reflection_on_qualities", "work_exploration",
    "career_steering",       "networking",              "dealing_with_expectations"};
inline constexpr std::array<std::string_view, 3> kFormRoles{"student", "parent", "mentor"};
// Rows shown for next steps (more when a stored record has more).
inline constexpr std::size_t kFormStepRows = 3;

struct StepRow {
  std::string what, owner, due;
  bool empty() const { return what.empty() && due.empty(); }
};

struct RecordFormValues {
  std::map<std::string, std::string> phases;
  std::set<std::string> competences;
  std::vector<StepRow> steps;  // at least kFormStepRows
  std::set<std::string> attended;
  bool home_assignment_discussed = false;
  // Whether this conversation asks about the AanDeBak-garantie (its type, or a stored version
  // that answered it); only then is aandebak_discussed shown and written.
  bool asks_aandebak = false;
  bool aandebak_discussed = false;
};

// A stored record body (shape of the records API; unknown or odd values are skipped).
RecordFormValues values_from_body(const nlohmann::json& body);
// A posted form (strings as sent; nothing checked here).
RecordFormValues values_from_form(const std::map<std::string, std::string>& form);

struct FormBody {
  nlohmann::json body;
  std::vector<std::size_t> step_rows;  // body next_steps index → form row
};
// The API body: all four phases, checked boxes as lists, filled step rows only (an empty due
// left out).
FormBody body_of(const RecordFormValues& values);

// records::validate_record's errors as messages next to the form's fields, keyed by form name
// ("phases", "look_back", "competences", "step1.due", "attended", …, "form" for the rest).
std::map<std::string, std::string> form_errors(const std::vector<records::FieldError>& errors, const FormBody& form,
                                               const messaging::Translations& tr, std::string_view language);

}  // namespace lobsync::selfservice
