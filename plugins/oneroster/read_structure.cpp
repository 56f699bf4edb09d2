// Everything but users.csv: locations, classes, roles (1.2), birth dates and enrollments.
#include "bundle.h"
#include "reader.h"

#include <tuple>

namespace oneroster {

using lobsync::sdk::Error;
using nlohmann::json;

void Reader::run() {
  bundle_ = open_bundle(settings_.path);
  manifest_ = read_manifest(*bundle_, settings_.encoding, settings_.version, out_);
  read_orgs();
  read_classes();
  if (manifest_.version == "1.2") read_roles();
  read_demographics();
  read_enrollments();
  read_users();
  host_.info("read a OneRoster " + manifest_.version + " bulk export from " + settings_.path.string());
}

std::optional<Table> Reader::open(const std::string& file, const std::vector<std::string>& columns, bool needed) {
  const std::string name = file + ".csv";
  const std::string mode = manifest_.mode(file);
  if (mode == "absent") {
    if (needed) throw Error(LOBSYNC_E_INVALID_ARGUMENT, "manifest.csv marks file." + file + " as absent, but " + name + " is required");
    return std::nullopt;
  }
  auto table = Table::open(*bundle_, name, settings_.encoding, columns, out_);
  if (!table && mode == "bulk") {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, "manifest.csv lists file." + file + " as bulk, but " + name + " is missing");
  }
  if (!table && needed) throw Error(LOBSYNC_E_INVALID_ARGUMENT, name + " is missing");
  return table;
}

std::string Reader::checked_date(const Table& table, const std::string& column) const {
  std::string value = table.get(column);
  if (value.empty() || valid_date(value)) return value;
  table.problem(column, "not a date (YYYY-MM-DD)", false);
  return {};
}

std::optional<int> Reader::year(const Table& table, const std::string& column) const {
  int result = 0;
  switch (year_for(settings_.grade_years, split_list(table.get(column)), result)) {
    case YearResult::ok: return result;
    case YearResult::none: return std::nullopt;
    case YearResult::unmapped: table.problem(column, "grade not in the grade_years setting", false); break;
    case YearResult::conflicting: table.problem(column, "grades map to different years", false); break;
  }
  return std::nullopt;
}

void Reader::read_orgs() {
  auto orgs = open("orgs", {"sourcedId", "status", "name", "type", "identifier"}, false);
  std::unordered_set<std::string> seen;
  while (orgs && orgs->next()) {
    const std::string id = orgs->get("sourcedId");
    if (id.empty()) { orgs->problem("sourcedId", "empty sourcedId", true); continue; }
    if (!seen.insert(id).second) { orgs->problem("sourcedId", "duplicate sourcedId " + id, true); continue; }
    if (lobsync::sdk::detail::ascii_lower(orgs->get("type")) != "school") continue;  // districts, departments
    if (orgs->get("name").empty()) { orgs->problem("name", "school without a name", true); continue; }
    json doc = {{"kind", "location"}, {"source_id", id}, {"name", orgs->get("name")}};
    if (!orgs->get("identifier").empty()) doc["code"] = orgs->get("identifier");
    out_.emit(doc);
    schools_.insert(id);
  }
}

void Reader::read_classes() {
  auto classes = open("classes", {"sourcedId", "status", "title", "grades", "classCode", "classType", "schoolSourcedId"}, false);
  std::unordered_set<std::string> seen;
  while (classes && classes->next()) {
    const std::string id = classes->get("sourcedId");
    if (id.empty()) { classes->problem("sourcedId", "empty sourcedId", true); continue; }
    if (!seen.insert(id).second) { classes->problem("sourcedId", "duplicate sourcedId " + id, true); continue; }
    // A scheduled class is a lesson group (e.g. 2H1-wiskunde), not a stamgroep.
    if (lobsync::sdk::detail::ascii_lower(classes->get("classType")) != "homeroom") continue;
    std::string name = classes->get("title");
    if (name.empty()) name = classes->get("classCode");
    if (name.empty()) { classes->problem("title", "homeroom class without title or classCode", true); continue; }
    json doc = {{"kind", "group"}, {"source_id", id}, {"name", name}};
    if (auto y = year(*classes, "grades")) doc["year"] = *y;
    if (schools_.contains(classes->get("schoolSourcedId"))) doc["location"] = classes->get("schoolSourcedId");
    out_.emit(doc);
    homerooms_.insert(id);
  }
}

void Reader::read_roles() {
  auto roles = open("roles", {"userSourcedId", "status", "roleType", "role", "orgSourcedId"}, true);
  while (roles->next()) {
    if (lobsync::sdk::detail::ascii_lower(roles->get("roleType")) != "primary") continue;
    const std::string user = roles->get("userSourcedId");
    if (user.empty()) { roles->problem("userSourcedId", "empty userSourcedId", true); continue; }
    auto [it, added] = roles_.try_emplace(user, lobsync::sdk::detail::ascii_lower(roles->get("role")), roles->get("orgSourcedId"));
    if (!added && it->second.first != lobsync::sdk::detail::ascii_lower(roles->get("role"))) {
      roles->problem("role", "user " + user + " has a second primary role; the first (" + it->second.first + ") is used", true);
    }
  }
}

void Reader::read_demographics() {
  auto demographics = open("demographics", {"sourcedId", "status", "birthDate"}, false);
  while (demographics && demographics->next()) {
    const std::string id = demographics->get("sourcedId");
    if (id.empty()) { demographics->problem("sourcedId", "empty sourcedId", true); continue; }
    if (birth_dates_.contains(id)) { demographics->problem("sourcedId", "duplicate sourcedId " + id, true); continue; }
    birth_dates_[id] = checked_date(*demographics, "birthDate");
  }
}

void Reader::read_enrollments() {
  auto enrollments = open("enrollments", {"sourcedId", "status", "classSourcedId", "userSourcedId", "role", "primary",
                                          "beginDate", "endDate"}, false);
  std::unordered_set<std::string> seen;
  std::set<std::tuple<std::string, std::string, std::string>> mentors;
  while (enrollments && enrollments->next()) {
    const std::string id = enrollments->get("sourcedId");
    if (!id.empty() && !seen.insert(id).second) {
      enrollments->problem("sourcedId", "duplicate sourcedId " + id, true);
      continue;
    }
    const std::string group = enrollments->get("classSourcedId");
    if (!homerooms_.contains(group)) continue;  // lessons in scheduled classes say nothing about mentors
    const std::string user = enrollments->get("userSourcedId");
    const std::string role = lobsync::sdk::detail::ascii_lower(enrollments->get("role"));
    if (user.empty()) { enrollments->problem("userSourcedId", "empty userSourcedId", true); continue; }
    if (role == "student") {
      Placement placement{group, checked_date(*enrollments, "beginDate"), checked_date(*enrollments, "endDate")};
      if (!placements_.try_emplace(user, placement).second) {
        enrollments->problem("classSourcedId", "student " + user + " is already in homeroom class " +
                                                   placements_[user].group + "; this enrollment is left out", true);
      }
    } else if (role == "teacher") {
      const auto primary = parse_bool(enrollments->get("primary"));
      if (!primary && !enrollments->get("primary").empty()) {
        enrollments->problem("primary", "not true or false; read as false", false);
      }
      const std::string rank = primary.value_or(false) ? "first" : "second";
      if (mentors.emplace(user, group, rank).second) {
        out_.emit({{"kind", "mentor"}, {"staff", user}, {"group", group}, {"role", rank}});
      }
    }
  }
}

}  // namespace oneroster
