#include "domain/leads.h"

#include <algorithm>

namespace lobsync::domain {
namespace {

void add_once(std::vector<std::string>& list, const std::string& key) {
  if (!key.empty() && std::find(list.begin(), list.end(), key) == list.end()) list.push_back(key);
}

bool valid_staff(const School& school, const std::string& key) { return !key.empty() && school.staff.count(key); }

}  // namespace

const std::vector<std::string>& lead_roles(const ConversationType& type, const std::string& level) {
  static const std::vector<std::string> first_mentor{"mentor"};
  if (auto it = type.leads_by_level.find(level); it != type.leads_by_level.end() && !it->second.empty())
    return it->second;
  return type.leads.empty() ? first_mentor : type.leads;
}

std::vector<std::string> decanen_of(const School& school, const Policy& policy, const std::string& level) {
  std::vector<std::string> out;
  if (auto it = policy.decanen.find(level); it != policy.decanen.end())
    for (const auto& reference : it->second)
      if (const auto* staff = school.find_staff(reference)) add_once(out, staff->key);
  return out;
}

std::vector<std::string> lead_candidates(const School& school, const Policy& policy, const ConversationType& type,
                                         const Student& student) {
  std::vector<std::string> out;
  for (const auto& role : lead_roles(type, student.level)) {
    if (role == "mentor") {
      if (const auto key = school.mentor_of(student); valid_staff(school, key)) add_once(out, key);
    } else if (role == "second_mentor") {
      if (const auto key = school.second_mentor_of(student); valid_staff(school, key)) add_once(out, key);
    } else if (role == "decaan") {
      for (const auto& key : decanen_of(school, policy, student.level)) add_once(out, key);
    }
  }
  if (out.empty())
    if (const auto key = school.mentor_of(student); valid_staff(school, key)) out.push_back(key);
  return out;
}

std::vector<std::string> possible_leads(const School& school, const Policy& policy, const Student& student) {
  std::vector<std::string> out;
  for (const auto& type : policy.types)
    for (const auto& key : lead_candidates(school, policy, type, student)) add_once(out, key);
  if (const auto key = school.mentor_of(student); valid_staff(school, key)) add_once(out, key);
  return out;
}

bool leads_as_decaan(const School& school, const Policy& policy, const Student& student, const std::string& staff) {
  if (staff == school.mentor_of(student) || staff == school.second_mentor_of(student)) return false;
  const auto decanen = decanen_of(school, policy, student.level);
  return std::find(decanen.begin(), decanen.end(), staff) != decanen.end();
}

bool led_by_decaan(const School& school, const Policy& policy, const Meeting& meeting) {
  const auto it = school.students.find(meeting.student);
  return it != school.students.end() && leads_as_decaan(school, policy, it->second, meeting.mentor);
}

std::vector<std::string> unknown_decanen(const School& school, const Policy& policy) {
  std::vector<std::string> out;
  for (const auto& [level, references] : policy.decanen)
    for (const auto& reference : references)
      if (!school.find_staff(reference))
        out.push_back("planning.decanen." + level + ": '" + reference +
                      "' matches no staff member (or several) of the roster by key, e-mail or abbreviation");
  return out;
}

}  // namespace lobsync::domain
