#include "cli/staff_lookup.h"

#include <lobsync/ascii.hpp>
#include <algorithm>
#include <cctype>
#include <iostream>

namespace lobsync::cli {
namespace {

using lobsync::sdk::ascii_lower;

}  // namespace

std::string staff_key_of(const domain::School& school, const std::string& mentor) {
  if (school.staff.count(mentor)) return mentor;
  for (const auto& [key, staff] : school.staff)
    if (!staff.email.empty() && ascii_lower(staff.email) == ascii_lower(mentor)) return key;
  // An abbreviation ("JAN") only when exactly one staff member has it.
  std::string found;
  for (const auto& [key, staff] : school.staff) {
    if (staff.abbreviation.empty() || ascii_lower(staff.abbreviation) != ascii_lower(mentor)) continue;
    if (!found.empty()) return "";
    found = key;
  }
  return found;
}

std::string staff_key_or_report(const domain::School& school, const std::string& mentor) {
  auto key = staff_key_of(school, mentor);
  if (key.empty())
    std::cerr << "no staff member with that key, e-mail address or abbreviation in the synced roster\n";
  return key;
}

}  // namespace lobsync::cli
