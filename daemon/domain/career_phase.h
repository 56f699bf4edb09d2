// The phase of a student's career orientation a conversation belongs to. Seed 004 asks for
// "contactmomenten in iedere fase van: oriënteren, verkennen, verdiepen, beslissen"; which school
// year is which phase depends on the level (a vmbo student decides in year 4, a vwo student in
// year 6). The policy holds the list per level (planning.career_phases); a conversation type may
// name its own phase (an ISK eindgesprek is about deciding whatever the year).
#pragma once

#include "domain/policy.h"
#include "domain/school.h"

#include <string>
#include <string_view>

namespace lobsync::domain {

// The phases in their order; the ids are the Dutch words schools use, without the diaeresis.
inline constexpr std::string_view kCareerPhases[] = {"orienteren", "verkennen", "verdiepen", "beslissen"};
bool known_career_phase(std::string_view phase);

// The phase of this type for a student of this level and year: the type's own phase, else the
// level's list at the year (year 0, unknown, counts as the first; a year past the list as its
// last); a level without a list takes the list of "other", and without that there is no phase ("").
std::string career_phase(const Policy& policy, const ConversationType& type, const std::string& level, int year);

// The phase of a meeting for its student as the roster knows them now; "" when the student or
// the type is unknown.
std::string career_phase_of(const School& school, const Policy& policy, const Meeting& meeting);

}  // namespace lobsync::domain
