// The dossier.push request for a record's latest version, exactly as plugins/sdk/README.md
// "Dossier records" describes it. Pure: the caller gathers the case and decides finality.
// Parents' own views are left out when the student is an adult who did not share the record:
// the dossier is the school's, the parents' words are theirs only when they may read it.
#pragma once

#include "domain/school.h"
#include "records/record_case.h"
#include "records/signoff_rules.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lobsync::records {

// The request's "student" member: key, name (the roster's, else the meeting's, else the key),
// student_number and class when the roster has them.
nlohmann::json dossier_student(const std::string& key, const domain::Student* student, const domain::Meeting& meeting,
                               const domain::School& school);
// How the meeting is named in the dossier: the conversation type's Dutch title and the career
// phase it belongs to ("verkennen"; empty: none known).
struct MeetingLabel {
  std::string title;
  std::string career_phase;
};

// The request's "meeting" member; `mentor` and the career phase left out when empty.
nlohmann::json dossier_meeting(const domain::Meeting& meeting, const MeetingLabel& label, const std::string& mentor);

// "dossier:<record id>:v<version>"
std::string dossier_idempotency_key(const std::string& record_id, int version);

// The request for one version of the record (the latest unless named).
nlohmann::json dossier_request(const RecordCase& c, const store::RecordVersion& version, const domain::School& school,
                               const Finality& final, const MeetingLabel& label);
inline nlohmann::json dossier_request(const RecordCase& c, const domain::School& school, const Finality& final,
                                      const MeetingLabel& label) {
  return dossier_request(c, c.latest(), school, final, label);
}

}  // namespace lobsync::records
