// Who leads a student's conversation of a type: the first mentor, the second mentor or a decaan
// (careers adviser), as the policy says per type and level. Seed 002 holds the profile choice
// "met de mentor of decaan"; a school shares the work by listing several leads.
#pragma once

#include "domain/policy.h"
#include "domain/school.h"

#include <string>
#include <vector>

namespace lobsync::domain {

// The lead roles a policy may name.
inline constexpr const char* kLeadRoles[] = {"mentor", "second_mentor", "decaan"};

// The roles that lead this type for a student of this level: the level's list, else the type's,
// else the first mentor.
const std::vector<std::string>& lead_roles(const ConversationType& type, const std::string& level);

// The staff keys that may lead this student's conversation of this type, in the policy's order,
// each once. When none of the roles has someone (no second mentor, no decaan for the level), the
// first mentor leads, so the conversation is still held; empty only without a first mentor.
std::vector<std::string> lead_candidates(const School& school, const Policy& policy, const ConversationType& type,
                                         const Student& student);

// Every staff member who may lead any of the student's conversations (for busy times and who
// may read the student's records).
std::vector<std::string> possible_leads(const School& school, const Policy& policy, const Student& student);

// The decanen of a level as staff keys; references the roster does not know are left out.
std::vector<std::string> decanen_of(const School& school, const Policy& policy, const std::string& level);

// Whether the staff member leads as the student's decaan rather than as a mentor (what the
// family's texts call them).
bool leads_as_decaan(const School& school, const Policy& policy, const Student& student, const std::string& staff);

// Whether the meeting's lead is its student's decaan (false when the student is not on the roster).
bool led_by_decaan(const School& school, const Policy& policy, const Meeting& meeting);

// References in policy.decanen that match no staff member (or several): for the plan report.
std::vector<std::string> unknown_decanen(const School& school, const Policy& policy);

}  // namespace lobsync::domain
