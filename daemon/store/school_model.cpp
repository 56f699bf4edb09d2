#include "store/school_model.h"

#include "messaging/address.h"

#include <lobsync/json_members.hpp>
#include <lobsync/dates.hpp>

namespace lobsync::store {
namespace {

using lobsync::sdk::string_member;
using nlohmann::json;

int number(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

bool flag(const json& j, const char* key, bool fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

std::optional<date::year_month_day> day(const json& j, const char* key) { return sdk::parse_iso_date(string_member(j, key)); }

// A reference inside a record points at a record of the same source.
std::string ref(const store::RosterRecord& r, const char* key) {
  const auto id = string_member(r.payload, key);
  return id.empty() ? std::string() : roster_key(r.source, id);
}

// The record's e-mail address when a message can carry it. A roster stored before the sync
// checked addresses by the sending rule may hold one that cannot: that person is then treated as
// having no address (the mentor's call list shows them) and the rest of the school goes on.
std::string address(const store::RosterRecord& r, const char* kind, domain::School& school) {
  auto value = string_member(r.payload, "email");
  if (value.empty()) return value;
  if (auto check = messaging::check_address(value); !check.valid) {
    school.problems.push_back({roster_key(r.source, r.source_id), kind, "email",
                               "not a usable e-mail address: " + check.problem});
    return {};
  }
  return value;
}

}  // namespace

std::string roster_key(const std::string& source, const std::string& source_id) { return source + ":" + source_id; }

domain::School load_school(store::RosterStore& roster, const domain::GuardianOrganisations& organisations) {
  domain::School school;
  for (const auto& r : roster.records("group")) {
    domain::Group g;
    g.key = roster_key(r.source, r.source_id);
    g.name = string_member(r.payload, "name");
    g.level = string_member(r.payload, "level");
    g.year = number(r.payload, "year");
    school.groups.emplace(g.key, std::move(g));
  }
  for (const auto& r : roster.records("staff")) {
    domain::Staff s;
    s.key = roster_key(r.source, r.source_id);
    s.given_name = string_member(r.payload, "given_name");
    s.initials = string_member(r.payload, "initials");
    s.family_name_prefix = string_member(r.payload, "family_name_prefix");
    s.family_name = string_member(r.payload, "family_name");
    s.abbreviation = string_member(r.payload, "abbreviation");
    s.email = address(r, "staff", school);
    school.staff.emplace(s.key, std::move(s));
  }
  for (const auto& r : roster.records("student")) {
    domain::Student s;
    s.key = roster_key(r.source, r.source_id);
    s.student_number = string_member(r.payload, "student_number");
    s.given_name = string_member(r.payload, "given_name");
    s.family_name_prefix = string_member(r.payload, "family_name_prefix");
    s.family_name = string_member(r.payload, "family_name");
    s.email = address(r, "student", school);
    s.phone = string_member(r.payload, "phone");
    s.language = string_member(r.payload, "language");
    s.group = ref(r, "group");
    s.level = string_member(r.payload, "level");
    s.year = number(r.payload, "year");
    // A class knows its year and level when the student record does not.
    if (auto g = school.groups.find(s.group); g != school.groups.end()) {
      if (s.year == 0) s.year = g->second.year;
      if (s.level.empty()) s.level = g->second.level;
    }
    s.birth_date = day(r.payload, "birth_date");
    s.active_from = day(r.payload, "active_from");
    s.active_until = day(r.payload, "active_until");
    school.students.emplace(s.key, std::move(s));
  }
  for (const auto& r : roster.records("guardian")) {
    domain::Guardian g;
    g.key = roster_key(r.source, r.source_id);
    g.given_name = string_member(r.payload, "given_name");
    g.initials = string_member(r.payload, "initials");
    g.family_name_prefix = string_member(r.payload, "family_name_prefix");
    g.family_name = string_member(r.payload, "family_name");
    g.is_organisation = flag(r.payload, "is_organisation", false);
    g.email = address(r, "guardian", school);
    g.phone = string_member(r.payload, "phone");
    g.language = string_member(r.payload, "language");
    g.household = string_member(r.payload, "household");
    if (auto links = r.payload.find("students"); links != r.payload.end() && links->is_array()) {
      for (const auto& l : *links) {
        if (!l.is_object() || string_member(l, "student").empty()) continue;
        domain::GuardianLink link;
        link.student = roster_key(r.source, string_member(l, "student"));
        link.relation = string_member(l, "relation");
        link.parental_authority = flag(l, "parental_authority", true);
        link.may_receive_mail = flag(l, "may_receive_mail", true);
        const int order = number(l, "contact_order");
        link.contact_order = order > 0 ? order : 99;
        g.students.push_back(std::move(link));
      }
    }
    school.guardians.emplace(g.key, std::move(g));
  }
  school.index_guardians();
  school.index_staff();
  domain::recognise_guardian_organisations(school, organisations);
  // What people chose on their pages goes before what the source says.
  for (const auto& [person, language] : roster.language_choices()) {
    if (auto it = school.students.find(person); it != school.students.end()) it->second.language = language;
    if (auto it = school.guardians.find(person); it != school.guardians.end()) it->second.language = language;
    if (auto it = school.staff.find(person); it != school.staff.end()) it->second.language = language;
  }
  for (const auto& r : roster.records("mentor")) {
    // The first mentor leads by default; a second mentor where the policy shares the work.
    const bool second = string_member(r.payload, "role") == "second";
    auto& by_student = second ? school.student_second_mentor : school.student_mentor;
    auto& by_group = second ? school.group_second_mentor : school.group_mentor;
    const auto staff = ref(r, "staff");
    if (const auto student = ref(r, "student"); !student.empty()) by_student[student] = staff;
    else if (const auto group = ref(r, "group"); !group.empty()) by_group[group] = staff;
  }
  return school;
}

std::shared_ptr<const domain::School> SchoolCache::get(RosterStore& roster,
                                                        const domain::GuardianOrganisations& organisations) {
  // Held while loading, so requests arriving together after a sync build the model once.
  std::lock_guard lock(mutex_);
  const auto revision = roster.revision();
  if (!school_ || revision != revision_) {
    school_ = std::make_shared<const domain::School>(load_school(roster, organisations));
    revision_ = revision;
  }
  return school_;
}

}  // namespace lobsync::store
