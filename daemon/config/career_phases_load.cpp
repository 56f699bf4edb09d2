#include "config/career_phases_load.h"

#include "domain/career_phase.h"

namespace lobsync::config {
namespace {

constexpr const char* kNotAPhase = "must be a career phase: \"orienteren\", \"verkennen\", \"verdiepen\" or \"beslissen\"";
constexpr std::size_t kMaxYears = 6;

bool is_phase(const nlohmann::json& v) { return v.is_string() && domain::known_career_phase(v.get<std::string>()); }

}  // namespace

void read_type_career_phase(Reader& r, const nlohmann::json& type, const std::string& path,
                            domain::ConversationType& out) {
  if (!type.contains("career_phase")) return;
  const auto& v = type["career_phase"];
  // null or "" takes a shipped type's own phase away: it follows the year and level again.
  if (v.is_null() || (v.is_string() && v.get<std::string>().empty())) {
    out.career_phase.clear();
  } else if (is_phase(v)) {
    out.career_phase = v.get<std::string>();
  } else {
    r.problem(path + "/career_phase", kNotAPhase);
  }
}

void read_career_phases(Reader& r, const nlohmann::json& planning, domain::Policy& policy) {
  if (!planning.contains("career_phases")) return;
  const std::string path = "/planning/career_phases";
  if (!r.expect_object(planning["career_phases"], path)) return;
  // A level given replaces the shipped list of that level; the other levels keep theirs.
  for (const auto& [level, phases] : planning["career_phases"].items()) {
    const auto at = pointer(path, level);
    if (!domain::known_level(level)) {
      r.problem(at, kNotALevel);
      continue;
    }
    if (!phases.is_array() || phases.empty() || phases.size() > kMaxYears) {
      r.problem(at, "must list the phase of school year 1, 2, … (1 to 6 phases), like [\"orienteren\", \"verkennen\"]");
      continue;
    }
    std::vector<std::string> list;
    for (std::size_t i = 0; i < phases.size(); ++i) {
      if (!is_phase(phases[i])) r.problem(at + "/" + std::to_string(i), kNotAPhase);
      else list.push_back(phases[i].get<std::string>());
    }
    if (list.size() == phases.size()) policy.career_phases[level] = std::move(list);
  }
}

}  // namespace lobsync::config
