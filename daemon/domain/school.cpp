#include "domain/school.h"

#include <lobsync/ascii.hpp>
#include <algorithm>
#include <cctype>

namespace lobsync::domain {

std::string join_name(const std::string& given, const std::string& prefix, const std::string& family) {
  std::string out;
  for (const auto* part : {&given, &prefix, &family}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out;
}

std::string Student::display_name() const { return join_name(given_name, family_name_prefix, family_name); }

bool Student::adult_on(date::year_month_day day) const {
  if (!birth_date) return false;
  return date::sys_days{day} >= date::sys_days{birth_date->year() / birth_date->month() / birth_date->day() + date::years{18}};
}

bool Student::active_on(date::year_month_day day) const {
  const auto d = date::sys_days{day};
  if (active_from && d < date::sys_days{*active_from}) return false;
  if (active_until && d > date::sys_days{*active_until}) return false;
  return true;
}

std::string Guardian::display_name() const {
  if (is_organisation) return family_name;
  return join_name(given_name.empty() ? initials : given_name, family_name_prefix, family_name);
}

std::string Staff::display_name() const {
  return join_name(given_name.empty() ? initials : given_name, family_name_prefix, family_name);
}

std::string School::mentor_of(const Student& student) const {
  if (auto it = student_mentor.find(student.key); it != student_mentor.end()) return it->second;
  if (auto it = group_mentor.find(student.group); it != group_mentor.end()) return it->second;
  return {};
}

std::string School::second_mentor_of(const Student& student) const {
  if (auto it = student_second_mentor.find(student.key); it != student_second_mentor.end()) return it->second;
  if (auto it = group_second_mentor.find(student.group); it != group_second_mentor.end()) return it->second;
  return {};
}

namespace {

using lobsync::sdk::ascii_lower;

}  // namespace

void School::index_staff() {
  staff_by_reference.clear();
  for (const auto& [key, s] : staff)
    for (const auto* value : {&s.email, &s.abbreviation}) {
      if (value->empty()) continue;
      auto& keys = staff_by_reference[ascii_lower(*value)];
      if (keys.empty() || keys.back() != key) keys.push_back(key);  // an e-mail equal to the code: once
    }
}

const Staff* School::find_staff(const std::string& reference) const {
  if (reference.empty()) return nullptr;
  if (auto it = staff.find(reference); it != staff.end()) return &it->second;
  const auto found = staff_by_reference.find(ascii_lower(reference));
  // Several staff with one code: better no lead than the wrong one.
  if (found == staff_by_reference.end() || found->second.size() != 1) return nullptr;
  const auto it = staff.find(found->second.front());
  return it == staff.end() ? nullptr : &it->second;
}

const GuardianLink* School::link(const Guardian& guardian, const std::string& student_key) const {
  for (const auto& l : guardian.students)
    if (l.student == student_key) return &l;
  return nullptr;
}

std::vector<const Guardian*> School::guardians_of(const std::string& student_key) const {
  std::vector<const Guardian*> out;
  if (auto it = guardians_by_student.find(student_key); it != guardians_by_student.end())
    for (const auto& key : it->second)
      if (auto g = guardians.find(key); g != guardians.end()) out.push_back(&g->second);
  std::stable_sort(out.begin(), out.end(), [&](const Guardian* a, const Guardian* b) {
    const int oa = link(*a, student_key)->contact_order, ob = link(*b, student_key)->contact_order;
    return oa != ob ? oa < ob : a->key < b->key;
  });
  return out;
}

const Student* School::find_student(const std::string& key_or_number) const {
  if (auto it = students.find(key_or_number); it != students.end()) return &it->second;
  const Student* found = nullptr;
  for (const auto& [key, s] : students) {
    if (s.student_number != key_or_number) continue;
    if (found) return nullptr;  // ambiguous over two sources: ask for the key
    found = &s;
  }
  return found;
}

void School::index_guardians() {
  guardians_by_student.clear();
  for (const auto& [key, g] : guardians)
    for (const auto& l : g.students) guardians_by_student[l.student].push_back(key);
}

std::string first_name(const School& school, const Participant& person) {
  if (person.role != "student") return person.name;
  if (const auto it = school.students.find(person.key); it != school.students.end() && !it->second.given_name.empty())
    return it->second.given_name;
  return person.name.substr(0, person.name.find(' '));
}

std::string student_first_name(const School& school, const Meeting& meeting) {
  if (const auto it = school.students.find(meeting.student); it != school.students.end() && !it->second.given_name.empty())
    return it->second.given_name;
  for (const auto& p : meeting.participants)
    if (p.role == "student") return first_name(school, p);
  return "";
}

}  // namespace lobsync::domain
