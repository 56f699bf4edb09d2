// The rules of reading and signing a conversation record, pure so they are tested alone:
//  - a student of 18 or over on the meeting day (local date in the school's zone) decides
//    whether the parents may read the record; an unknown birth date counts as a minor;
//  - a version is signed when a parent signed it, or the adult student did (a minor's signature
//    does not count: minors have no sign-off link);
//  - a version is final when signed, or from meeting end + final_after_days on.
#pragma once

#include "core/clock.h"
#include "domain/school.h"
#include "store/signoff_store.h"

#include <date/tz.h>

#include <optional>
#include <string>
#include <vector>

namespace lobsync::records {

inline constexpr std::size_t kMaxViewChars = 2000;

bool adult_at_meeting(const domain::Student* student, Instant meeting_start, const date::time_zone* zone);

// Minors' parents always may; an adult student's parents only once the student shared.
bool parents_may_see(bool adult_student, const std::optional<store::SharingDecision>& sharing);

struct VersionSignOff {
  bool is_signed = false;
  std::string by;             // "parent" or "student" of the first signature that counts
  std::string signer;         // that signer's participant key
  std::optional<Instant> at;  // its time
  std::vector<store::SignOff> signatures;  // every signature of this version, oldest first
  std::vector<store::SignOff> parent_views;  // parents' own views of this version, oldest first
};

VersionSignOff signoff_of(const std::vector<store::SignOff>& all, int version, bool adult_student);

// Whether this participant signed the version (in any role).
inline bool signed_by(const VersionSignOff& s, const std::string& participant) {
  for (const auto& sig : s.signatures)
    if (sig.participant == participant) return true;
  return false;
}

struct Finality {
  std::string reason;  // "signed" or "deadline"
  Instant final_at;
};

// nullopt while the version is neither signed nor past its deadline.
std::optional<Finality> finality(const VersionSignOff& signoff, Instant meeting_end, int final_after_days, Instant now);

// Whether a version not queued before goes to the dossier now: the latest once final, an earlier
// one only when it was signed (a signature is never lost to a later edit; an unsigned draft that
// was superseded stays out).
inline bool due_for_dossier(bool latest, const std::optional<Finality>& final) {
  return final && (latest || final->reason == "signed");
}

// Characters as people count them (UTF-8 code points).
std::size_t characters(const std::string& text);

}  // namespace lobsync::records
