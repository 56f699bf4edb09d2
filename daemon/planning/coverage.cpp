#include "planning/coverage.h"

#include "planning/demands.h"
#include "planning/school_calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace lobsync::planning {

std::vector<CoverageRow> coverage(const domain::School& school, const domain::Policy& policy,
                                  const std::vector<domain::Meeting>& meetings, const date::time_zone* zone, Instant now) {
  const auto today = local_day(zone, now);
  const auto year = school_year_for(policy, today);
  // (student, type) → "held" | "unmarked" | "planned", the first winning over the later ones.
  std::map<std::pair<std::string, std::string>, std::string> state;
  const auto rank = [](const std::string& s) { return s == "held" ? 3 : s == "unmarked" ? 2 : s == "planned" ? 1 : 0; };
  for (const auto& m : meetings) {
    if (!m.active() || m.school_year != year.label) continue;
    // Held only when the mentor said so (or wrote the record): a time that passed proves
    // nothing. A missed conversation is owed again (and planned again).
    std::string now_state = m.status == domain::kHeld                              ? "held"
                            : m.status == domain::kMissed                          ? ""
                            : m.end <= now                                          ? "unmarked"
                                                                                    : "planned";
    auto& s = state[{m.student, m.type}];
    if (rank(now_state) > rank(s)) s = now_state;
  }
  std::vector<CoverageRow> rows;
  for (const auto& [key, student] : school.students) {
    if (!student.active_on(date::year_month_day{today})) continue;
    CoverageRow row;
    for (const auto& type : policy.types) {
      if (!type_applies(type, student)) continue;
      auto it = state.find({key, type.id});
      if (it != state.end() && it->second == "held") continue;
      row.missing.push_back(type.id);
      if (it == state.end()) continue;
      if (it->second == "planned") row.planned.push_back(type.id);
      if (it->second == "unmarked") row.unmarked.push_back(type.id);
    }
    if (row.missing.empty()) continue;
    row.student = key;
    row.student_name = student.display_name();
    row.group = student.group;
    if (auto g = school.groups.find(student.group); g != school.groups.end()) row.group_name = g->second.name;
    row.mentor = school.mentor_of(student);
    if (auto s = school.staff.find(row.mentor); s != school.staff.end()) row.mentor_name = s->second.display_name();
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const CoverageRow& a, const CoverageRow& b) {
    return std::tie(a.group_name, a.student_name, a.student) < std::tie(b.group_name, b.student_name, b.student);
  });
  return rows;
}

nlohmann::json to_json(const std::vector<CoverageRow>& rows) {
  auto out = nlohmann::json::array();
  for (const auto& r : rows)
    out.push_back({{"student", r.student},
                   {"student_name", r.student_name},
                   {"class", r.group_name},
                   {"mentor", r.mentor},
                   {"mentor_name", r.mentor_name},
                   {"missing", r.missing},
                   {"planned", r.planned},
                   {"unmarked", r.unmarked}});
  return out;
}

std::string summary(const std::vector<CoverageRow>& rows) {
  if (rows.empty()) return "every active student has had this year's conversations\n";
  std::string out;
  std::map<std::string, std::pair<int, int>> by_class;  // class → (students missing, of which all planned)
  for (const auto& r : rows) {
    auto& c = by_class[r.group_name.empty() ? "(no class)" : r.group_name];
    ++c.first;
    if (r.planned.size() == r.missing.size()) ++c.second;
  }
  auto students = [](int n) { return fmt::format("{} {}", n, n == 1 ? "student" : "students"); };
  for (const auto& [name, counts] : by_class) {
    const auto [missing, planned] = counts;
    const auto verb = missing == 1 ? "misses" : "miss";
    if (planned == missing) {
      out += fmt::format("{}: {} still {} a conversation, all of them planned\n", name, students(missing), verb);
    } else if (planned == 0) {
      out += fmt::format("{}: {} still {} a conversation, none of them planned yet\n", name, students(missing), verb);
    } else {
      out += fmt::format("{}: {} still {} a conversation, {} of them without a planned time\n", name,
                         students(missing), verb, missing - planned);
    }
  }
  std::size_t unmarked = 0;
  for (const auto& r : rows) unmarked += r.unmarked.size();
  if (unmarked > 0)
    out += fmt::format("{} {} ended without being marked held or missed and without a record: they count as not "
                       "held until the mentor marks them (`lobsync attendance`, the API or the record form)\n",
                       unmarked, unmarked == 1 ? "conversation" : "conversations");
  out += fmt::format("{} in all; `lobsync coverage --json` lists them\n", students(static_cast<int>(rows.size())));
  return out;
}

}  // namespace lobsync::planning
