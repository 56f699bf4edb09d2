#include "config/assignments_load.h"

#include "messaging/assignment_templates.h"
#include "messaging/translations.h"

#include <string_view>

namespace lobsync::config {
namespace {

using nlohmann::json;
constexpr std::string_view kAssignmentsPath = "/assignments";

// The translations a template id is checked against: the files the daemon will show; nullptr
// with the reason when they cannot be read (then ids cannot be checked).
const messaging::Translations* shipped(std::string& why) {
  try {
    return &messaging::shipped_translations();
  } catch (const std::exception& e) {
    why = e.what();
    return nullptr;
  }
}

void read_types(config::Reader& r, const json& section, config::Config& c) {
  if (!section.contains("types")) return;
  const auto path = config::pointer(kAssignmentsPath, "types");
  const auto& types = section["types"];
  if (!r.expect_object(types, path)) return;
  for (const auto& [type, value] : types.items()) {
    const auto where = config::pointer(path, type);
    if (c.planning.type(type) == nullptr) {
      r.problem(where, "unknown conversation type (see planning.types)");
      continue;
    }
    if (value.is_null()) {
      c.assignments.types.erase(type);
      continue;
    }
    if (!value.is_string() || value.get<std::string>().empty()) {
      r.problem(where, std::string("must be a template id or null, not ") + config::type_name(value));
      continue;
    }
    const auto id = value.get<std::string>();
    std::string why;
    const auto* translations = shipped(why);
    if (translations == nullptr)
      r.problem(where, "cannot check the template id: the translation files cannot be read (" + why + ")");
    else if (!messaging::template_exists(*translations, id))
      r.problem(where, "unknown template \"" + id + "\" (known: " + messaging::known_templates(*translations) + ")");
    else
      c.assignments.types[type] = id;
  }
}

}  // namespace

void read_assignments(config::Reader& r, const json& root, config::Config& c) {
  if (!root.contains("assignments")) return;
  const auto& section = root["assignments"];
  const std::string path(kAssignmentsPath);
  if (!r.expect_object(section, path)) return;
  r.reject_unknown(section, path, {"days_before", "reminder_days_before", "types"});
  auto& a = c.assignments;
  r.integer(section, path, "days_before", a.days_before, 1, 60);
  r.integer(section, path, "reminder_days_before", a.reminder_days_before, 0, 59);
  if (a.reminder_days_before >= a.days_before)
    r.problem(config::pointer(path, "reminder_days_before"),
              "must be less than days_before (" + std::to_string(a.days_before) + ")");
  read_types(r, section, c);
}

}  // namespace lobsync::config
