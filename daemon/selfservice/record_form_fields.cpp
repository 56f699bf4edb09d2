#include "selfservice/record_form_fields.h"

#include "messaging/translations.h"

#include <lobsync/json_members.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace lobsync::selfservice {
namespace {

using lobsync::sdk::string_member;
using nlohmann::json;

std::set<std::string> strings_of(const json& body, std::string_view key) {
  std::set<std::string> out;
  const auto it = body.find(key);
  if (it == body.end() || !it->is_array()) return out;
  for (const auto& item : *it)
    if (item.is_string()) out.insert(item.get<std::string>());
  return out;
}

std::string field(const std::map<std::string, std::string>& form, const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

template <std::size_t N>
json checked(const std::array<std::string_view, N>& all, const std::set<std::string>& on) {
  json list = json::array();
  for (const auto id : all)
    if (on.contains(std::string(id))) list.push_back(id);
  // Values the form does not offer (only from a crafted post) are kept, so the check names them.
  for (const auto& id : on)
    if (std::find(all.begin(), all.end(), id) == all.end()) list.push_back(id);
  return list;
}

// "/next_steps/3/due" → {"next_steps", "3", "due"}.
std::vector<std::string> segments(const std::string& pointer) {
  std::vector<std::string> out;
  std::size_t from = 1;
  while (from <= pointer.size() && !pointer.empty()) {
    auto to = pointer.find('/', from);
    if (to == std::string::npos) to = pointer.size();
    out.push_back(pointer.substr(from, to - from));
    from = to + 1;
  }
  return out;
}

std::string form_name(const std::vector<std::string>& parts, const FormBody& form) {
  if (parts.empty()) return "form";
  const auto& top = parts[0];
  if (top == "phases") return parts.size() > 1 ? parts[1] : "phases";
  if (top == "competences" || top == "attended" || top == "home_assignment_discussed" || top == "aandebak_discussed")
    return top;
  if (top == "next_steps" && parts.size() > 1) {
    std::size_t index = 0;
    const auto& digits = parts[1];
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (ec == std::errc() && ptr == digits.data() + digits.size() && index < form.step_rows.size())
      return fmt::format("step{}.{}", form.step_rows[index], parts.size() > 2 ? parts[2] : "what");
  }
  return top == "next_steps" ? "next_steps" : "form";
}

const char* message_key(const std::vector<std::string>& parts) {
  if (parts.empty()) return "record_form.error.other";
  if (parts.size() == 1 && parts[0] == "phases") return "record_form.error.phases";
  if (parts[0] == "phases") return "record_form.error.too_long";
  const auto& last = parts.back();
  if (parts[0] == "next_steps" && parts.size() == 2) return "record_form.error.what";
  if (last == "what") return "record_form.error.what";
  if (last == "owner") return "record_form.error.owner";
  if (last == "due") return "record_form.error.due";
  return "record_form.error.other";
}

}  // namespace

RecordFormValues values_from_body(const json& stored) {
  RecordFormValues v;
  const json& body = stored.is_object() ? stored : json::object();
  if (const auto phases = body.find("phases"); phases != body.end() && phases->is_object())
    for (const auto name : kFormPhases) v.phases[std::string(name)] = string_member(*phases, name);
  v.competences = strings_of(body, "competences");
  if (const auto steps = body.find("next_steps"); steps != body.end() && steps->is_array())
    for (const auto& step : *steps)
      if (step.is_object()) v.steps.push_back({string_member(step, "what"), string_member(step, "owner"), string_member(step, "due")});
  if (v.steps.size() < kFormStepRows) v.steps.resize(kFormStepRows);
  v.attended = strings_of(body, "attended");
  const auto discussed = body.find("home_assignment_discussed");
  v.home_assignment_discussed = discussed != body.end() && discussed->is_boolean() && discussed->get<bool>();
  const auto aandebak = body.find("aandebak_discussed");
  v.asks_aandebak = aandebak != body.end() && aandebak->is_boolean();
  v.aandebak_discussed = v.asks_aandebak && aandebak->get<bool>();
  return v;
}

RecordFormValues values_from_form(const std::map<std::string, std::string>& form) {
  RecordFormValues v;
  for (const auto name : kFormPhases) v.phases[std::string(name)] = field(form, std::string(name));
  for (const auto& [name, value] : form) {
    if (name.starts_with("competence.")) v.competences.insert(name.substr(11));
    if (name.starts_with("attended.")) v.attended.insert(name.substr(9));
  }
  for (std::size_t row = 0; row < records::kMaxNextSteps; ++row) {
    const auto prefix = fmt::format("step{}.", row);
    const bool present = form.contains(prefix + "what") || form.contains(prefix + "owner") || form.contains(prefix + "due");
    if (!present && row >= kFormStepRows) break;
    v.steps.push_back({field(form, prefix + "what"), field(form, prefix + "owner"), field(form, prefix + "due")});
  }
  v.home_assignment_discussed = form.contains("home_assignment_discussed");
  // An unchecked box is not posted: whether it was asked comes from the meeting (the handler).
  v.aandebak_discussed = form.contains("aandebak_discussed");
  return v;
}

FormBody body_of(const RecordFormValues& v) {
  FormBody out;
  json phases = json::object();
  for (const auto name : kFormPhases) {
    const auto it = v.phases.find(std::string(name));
    phases[std::string(name)] = it == v.phases.end() ? "" : it->second;
  }
  json steps = json::array();
  for (std::size_t row = 0; row < v.steps.size(); ++row) {
    const auto& s = v.steps[row];
    if (s.empty()) continue;
    json step{{"what", s.what}, {"owner", s.owner}};
    if (!s.due.empty()) step["due"] = s.due;
    steps.push_back(std::move(step));
    out.step_rows.push_back(row);
  }
  out.body = {{"phases", phases},
              {"competences", checked(kFormCompetences, v.competences)},
              {"next_steps", steps},
              {"attended", checked(kFormRoles, v.attended)},
              {"home_assignment_discussed", v.home_assignment_discussed}};
  if (v.asks_aandebak) out.body["aandebak_discussed"] = v.aandebak_discussed;
  return out;
}

std::map<std::string, std::string> form_errors(const std::vector<records::FieldError>& errors, const FormBody& form,
                                               const messaging::Translations& tr, std::string_view language) {
  std::map<std::string, std::string> out;
  for (const auto& e : errors) {
    const auto parts = segments(e.field);
    out.emplace(form_name(parts, form), tr.text(language, message_key(parts)));
  }
  return out;
}

}  // namespace lobsync::selfservice
