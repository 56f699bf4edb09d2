#include "config/leads_load.h"

#include "domain/leads.h"

#include <algorithm>
#include <iterator>

namespace lobsync::config {
namespace {

constexpr std::size_t kMaxStaffPerLevel = 20, kMaxReference = 200;

bool known_role(const std::string& role) {
  return std::any_of(std::begin(domain::kLeadRoles), std::end(domain::kLeadRoles), [&](auto r) { return role == r; });
}

// A non-empty list of distinct lead roles; nullopt (with the problems reported) otherwise.
std::optional<std::vector<std::string>> read_roles(Reader& r, const nlohmann::json& v, const std::string& path) {
  if (!v.is_array() || v.empty()) {
    r.problem(path, "must be a non-empty list of \"mentor\", \"second_mentor\", \"decaan\"");
    return std::nullopt;
  }
  std::vector<std::string> roles;
  bool ok = true;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto at = path + "/" + std::to_string(i);
    if (!v[i].is_string() || !known_role(v[i].get<std::string>())) {
      r.problem(at, "must be \"mentor\" (first mentor), \"second_mentor\" or \"decaan\"");
      ok = false;
    } else if (std::find(roles.begin(), roles.end(), v[i].get<std::string>()) != roles.end()) {
      r.problem(at, "names a lead twice");
      ok = false;
    } else {
      roles.push_back(v[i].get<std::string>());
    }
  }
  if (!ok) return std::nullopt;
  return roles;
}

}  // namespace

void read_leads(Reader& r, const nlohmann::json& type, const std::string& path, domain::ConversationType& out) {
  if (type.contains("leads"))
    if (auto roles = read_roles(r, type["leads"], path + "/leads")) out.leads = std::move(*roles);
  if (!type.contains("leads_by_level")) return;
  const auto here = path + "/leads_by_level";
  if (!r.expect_object(type["leads_by_level"], here)) return;
  for (const auto& [level, roles] : type["leads_by_level"].items()) {
    const auto at = pointer(here, level);
    if (!domain::known_level(level)) {
      r.problem(at, kNotALevel);
      continue;
    }
    if (auto list = read_roles(r, roles, at)) out.leads_by_level[level] = std::move(*list);
  }
}

void read_decanen(Reader& r, const nlohmann::json& planning, domain::Policy& policy) {
  if (!planning.contains("decanen")) return;
  const std::string path = "/planning/decanen";
  if (!r.expect_object(planning["decanen"], path)) return;
  for (const auto& [level, staff] : planning["decanen"].items()) {
    const auto at = pointer(path, level);
    if (!domain::known_level(level)) {
      r.problem(at, kNotALevel);
      continue;
    }
    // One reference or a list of them: abbreviation (docent code), e-mail or roster key.
    const auto list = staff.is_array() ? staff : nlohmann::json::array({staff});
    if (list.empty() || list.size() > kMaxStaffPerLevel) {
      r.problem(at, "must name 1 to " + std::to_string(kMaxStaffPerLevel) + " staff members");
      continue;
    }
    std::vector<std::string> references;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& v = list[i];
      const bool ok = v.is_string() && !v.get<std::string>().empty() && v.get<std::string>().size() <= kMaxReference;
      if (ok) references.push_back(v.get<std::string>());
      else
        r.problem(staff.is_array() ? at + "/" + std::to_string(i) : at,
                  "must be a staff member's abbreviation (docent code), e-mail address or roster key");
    }
    if (!references.empty()) policy.decanen[level] = std::move(references);
  }
}

}  // namespace lobsync::config
