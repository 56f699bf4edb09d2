#include "records/record_check.h"

#include "config/json_pointer.h"
#include "core/json_parse.h"
#include "records/signoff_rules.h"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

namespace lobsync::records {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kPhases{"look_back", "reflect", "look_forward", "act"};
constexpr std::array<std::string_view, 6> kCompetences{
    "reflection_on_motives", "reflection_on_qualities", "work_exploration",
    "career_steering",       "networking",              "dealing_with_expectations"};
constexpr std::array<std::string_view, 3> kRoles{"student", "parent", "mentor"};
constexpr std::array<std::string_view, 6> kFields{"phases", "competences", "next_steps", "attended",
                                                  "home_assignment_discussed", "aandebak_discussed"};
constexpr std::array<std::string_view, 3> kStepFields{"what", "owner", "due"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

template <std::size_t N>
std::string listed(const std::array<std::string_view, N>& list) {
  return fmt::format("{}", fmt::join(list, ", "));
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool is_calendar_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[i] < '0' || text[i] > '9') return false;
  const date::year_month_day day{date::year{std::stoi(text.substr(0, 4))},
                                 date::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                 date::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
  return day.ok();
}

template <std::size_t N>
void unknown_fields(const json& object, const std::array<std::string_view, N>& known, const std::string& at,
                    std::vector<FieldError>& errors) {
  for (const auto& [key, value] : object.items())
    if (!one_of(known, key)) errors.push_back({config::pointer(at, key), "unknown field; known are " + listed(known)});
}

void check_phases(const json& body, std::vector<FieldError>& errors) {
  if (!body.contains("phases")) {
    errors.push_back({"/phases", "required: an object with " + listed(kPhases)});
    return;
  }
  const auto& phases = body["phases"];
  if (!phases.is_object()) {
    errors.push_back({"/phases", "must be an object with " + listed(kPhases)});
    return;
  }
  unknown_fields(phases, kPhases, "/phases", errors);
  bool any_filled = false;
  for (const auto name : kPhases) {
    const auto it = phases.find(name);
    if (it == phases.end()) continue;
    const std::string field = fmt::format("/phases/{}", name);
    if (!it->is_string()) {
      errors.push_back({field, "must be a string"});
      continue;
    }
    const auto& text = it->get_ref<const std::string&>();
    if (characters(text) > kMaxPhaseChars)
      errors.push_back({field, fmt::format("at most {} characters", kMaxPhaseChars)});
    if (!blank(text)) any_filled = true;
  }
  if (!any_filled) errors.push_back({"/phases", "fill in at least one of " + listed(kPhases)});
}

template <std::size_t N>
void check_subset(const json& body, std::string_view name, const std::array<std::string_view, N>& allowed,
                  std::vector<FieldError>& errors) {
  const auto it = body.find(name);
  if (it == body.end()) return;
  const std::string field = fmt::format("/{}", name);
  if (!it->is_array()) {
    errors.push_back({field, "must be a list of " + listed(allowed)});
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& item = (*it)[i];
    const auto at = fmt::format("{}/{}", field, i);
    if (!item.is_string() || !one_of(allowed, item.get_ref<const std::string&>()))
      errors.push_back({at, "must be one of " + listed(allowed)});
    else if (!seen.insert(item.get<std::string>()).second)
      errors.push_back({at, "listed twice"});
  }
}

void check_step(const json& step, const std::string& at, std::vector<FieldError>& errors) {
  if (!step.is_object()) {
    errors.push_back({at, "must be an object with what, owner and optionally due"});
    return;
  }
  unknown_fields(step, kStepFields, at, errors);
  const auto what = step.find("what");
  if (what == step.end() || !what->is_string() || blank(what->get_ref<const std::string&>()))
    errors.push_back({at + "/what", "required: what will be done"});
  else if (characters(what->get_ref<const std::string&>()) > kMaxStepChars)
    errors.push_back({at + "/what", fmt::format("at most {} characters", kMaxStepChars)});
  const auto owner = step.find("owner");
  if (owner == step.end() || !owner->is_string() || !one_of(kRoles, owner->get_ref<const std::string&>()))
    errors.push_back({at + "/owner", "required: one of " + listed(kRoles)});
  const auto due = step.find("due");
  if (due != step.end() && (!due->is_string() || !is_calendar_date(due->get_ref<const std::string&>())))
    errors.push_back({at + "/due", "must be a date as YYYY-MM-DD"});
}

void check_next_steps(const json& body, std::vector<FieldError>& errors) {
  const auto it = body.find("next_steps");
  if (it == body.end()) return;
  if (!it->is_array()) {
    errors.push_back({"/next_steps", "must be a list"});
    return;
  }
  if (it->size() > kMaxNextSteps) errors.push_back({"/next_steps", fmt::format("at most {} steps", kMaxNextSteps)});
  for (std::size_t i = 0; i < it->size() && i < kMaxNextSteps; ++i)
    check_step((*it)[i], fmt::format("/next_steps/{}", i), errors);
}

}  // namespace

std::vector<FieldError> validate_record(const json& body) {
  std::vector<FieldError> errors;
  unknown_fields(body, kFields, "", errors);
  check_phases(body, errors);
  check_subset(body, "competences", kCompetences, errors);
  check_next_steps(body, errors);
  check_subset(body, "attended", kRoles, errors);
  for (const char* flag : {"home_assignment_discussed", "aandebak_discussed"})
    if (const auto it = body.find(flag); it != body.end() && !it->is_boolean())
      errors.push_back({fmt::format("/{}", flag), "must be true or false"});
  return errors;
}

CheckedRecord check_record(std::string_view text) {
  CheckedRecord out;
  if (text.size() > kMaxRecordBytes) {
    out.status = 400;
    out.errors.push_back({"", fmt::format("the record is larger than {} bytes", kMaxRecordBytes)});
    return out;
  }
  auto parsed = parse_json(text);
  if (!parsed.ok) {
    out.status = 400;
    if (parsed.byte > 0) out.errors.push_back({"", fmt::format("not valid JSON (byte {})", parsed.byte)});
    else out.errors.push_back({parsed.field, parsed.message});
    return out;
  }
  out.body = std::move(parsed.value);
  if (!out.body.is_object()) {
    out.status = 400;
    out.errors.push_back({"", "must be a JSON object"});
    return out;
  }
  out.errors = validate_record(out.body);
  if (!out.errors.empty()) out.status = 422;
  return out;
}

json errors_json(std::string_view summary, const std::vector<FieldError>& errors) {
  json list = json::array();
  for (const auto& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
  return {{"error", summary}, {"errors", list}};
}

}  // namespace lobsync::records
