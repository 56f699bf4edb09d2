// users.csv → student, guardian and staff records. Guardian links come from the student side
// (a student's agentSourcedIds lists its parents), but a guardian record must carry its
// students, so users.csv is read twice: once to collect the links, once to emit.
#include "reader.h"

#include <algorithm>

namespace oneroster {

using lobsync::sdk::Error;
using lobsync::sdk::detail::ascii_lower;
using nlohmann::json;

namespace {

bool is_guardian_role(const std::string& role) {
  return role == "parent" || role == "guardian" || role == "relative";
}

// Roles that exist in OneRoster but have no place in this roster (administrators, aides, …).
bool is_other_role(const std::string& role) {
  return role == "administrator" || role == "aide" || role == "proctor" || role == "districtadministrator" ||
         role == "siteadministrator" || role == "systemadministrator";
}

// 1.2 adds preferred names (the roepnaam); they win over the legal ones when present.
std::string preferred(const Table& users, const std::string& column) {
  const std::string chosen = users.get("preferred" + std::string(1, static_cast<char>(column[0] - 'a' + 'A')) + column.substr(1));
  return chosen.empty() ? users.get(column) : chosen;
}

}  // namespace

std::string Reader::role_of(const Table& users, const std::string& id) const {
  if (manifest_.version != "1.2") return ascii_lower(users.get("role"));
  auto it = roles_.find(id);
  return it == roles_.end() ? "" : it->second.first;
}

void Reader::read_users() {
  const bool v12 = manifest_.version == "1.2";
  std::vector<std::string> columns = {"sourcedId", "status", "givenName", "familyName", "middleName", "identifier",
                                      "email", "sms", "phone", "agentSourcedIds", "grades"};
  if (!v12) columns.insert(columns.end(), {"orgSourcedIds", "role"});
  auto users = open("users", columns, true);
  users->rewind(false);  // the first pass only collects links; the second reports
  collect_guardian_links(*users);
  if (users->rows_read() == 0) throw Error(LOBSYNC_E_INVALID_ARGUMENT, "users.csv has no rows");
  users->rewind();
  std::unordered_set<std::string> seen;
  while (users->next()) {
    const std::string id = users->get("sourcedId");
    if (id.empty()) { users->problem("sourcedId", "empty sourcedId", true); continue; }
    if (!seen.insert(id).second) { users->problem("sourcedId", "duplicate sourcedId " + id + "; left out", true); continue; }
    emit_person(*users, id, role_of(*users, id));
  }
  // Links to agents that did not become guardian records (unknown ids, teachers, dropped rows),
  // reported in the order of their ids.
  std::vector<std::string> unknown;
  for (const auto& [guardian, students] : guardian_students_)
    if (!guardians_emitted_.contains(guardian)) unknown.push_back(guardian);
  std::sort(unknown.begin(), unknown.end());
  for (const auto& guardian : unknown) {
    for (const auto& student : guardian_students_.at(guardian)) {
      out_.emit({{"kind", "problem"}, {"record", "student " + student}, {"field", "agentSourcedIds"},
                 {"message", "agent " + guardian + " is not a parent, guardian or relative in users.csv"},
                 {"dropped", "value"}});
    }
  }
}

void Reader::collect_guardian_links(Table& users) {
  std::unordered_set<std::string> seen;
  while (users.next()) {
    const std::string id = users.get("sourcedId");
    if (id.empty() || !seen.insert(id).second || role_of(users, id) != "student") continue;
    if (users.get("givenName").empty() || users.get("familyName").empty()) continue;  // dropped in the emit pass
    for (const auto& agent : split_list(users.get("agentSourcedIds"))) {
      auto& students = guardian_students_[agent];
      if (std::find(students.begin(), students.end(), id) == students.end()) students.push_back(id);
    }
  }
}

void Reader::add_names(const Table& users, json& doc) const {
  if (auto given = preferred(users, "givenName"); !given.empty()) doc["given_name"] = given;
  if (auto middle = preferred(users, "middleName"); settings_.middle_name_is_prefix && !middle.empty()) {
    doc["family_name_prefix"] = middle;
  }
  doc["family_name"] = preferred(users, "familyName");
  if (!users.get("email").empty()) doc["email"] = users.get("email");
}

void Reader::emit_person(const Table& users, const std::string& id, const std::string& role) {
  if (role.empty()) {
    users.problem("role", manifest_.version == "1.2" ? "roles.csv has no primary role for " + id : "empty role", true);
    return;
  }
  if (is_other_role(role)) return;
  const bool student = role == "student", staff = role == "teacher", guardian = is_guardian_role(role);
  if (!student && !staff && !guardian) { users.problem("role", "unknown role \"" + role + "\"", true); return; }
  if (preferred(users, "familyName").empty()) { users.problem("familyName", "empty familyName", true); return; }
  if (student && preferred(users, "givenName").empty()) { users.problem("givenName", "empty givenName", true); return; }

  json doc = {{"kind", student ? "student" : staff ? "staff" : "guardian"}, {"source_id", id}};
  add_names(users, doc);
  // The school: 1.2's primaryOrgSourcedId or its primary role's org; 1.1's first org that is a school.
  std::vector<std::string> orgs = split_list(users.get("orgSourcedIds"));
  if (auto primary = users.get("primaryOrgSourcedId"); !primary.empty()) orgs.insert(orgs.begin(), primary);
  if (auto r = roles_.find(id); r != roles_.end()) orgs.push_back(r->second.second);
  for (const auto& org : orgs) {
    if (!schools_.contains(org) || guardian) continue;
    doc["location"] = org;
    break;
  }
  if (student) {
    if (!users.get("identifier").empty()) doc["student_number"] = users.get("identifier");
    if (auto b = birth_dates_.find(id); b != birth_dates_.end() && !b->second.empty()) doc["birth_date"] = b->second;
    if (auto p = placements_.find(id); p != placements_.end()) {
      doc["group"] = p->second.group;
      if (!p->second.from.empty()) doc["active_from"] = p->second.from;
      if (!p->second.until.empty()) doc["active_until"] = p->second.until;
    }
    if (auto y = year(users, "grades")) doc["year"] = *y;
  }
  if (guardian) {
    const std::string phone = users.get("phone").empty() ? users.get("sms") : users.get("phone");
    if (!phone.empty()) doc["phone"] = phone;
    auto links = guardian_students_.find(id);
    if (links == guardian_students_.end()) {
      users.problem("agentSourcedIds", "no student lists this " + role + " in agentSourcedIds", true);
      return;
    }
    json students = json::array();
    for (const auto& s : links->second) students.push_back({{"student", s}, {"relation", role}});
    doc["students"] = std::move(students);
    guardians_emitted_.insert(id);
  }
  out_.emit(doc);
}

}  // namespace oneroster
