// Everything the sign-off page, the notices and the dossier push need to know about one record:
// the record with its versions, its meeting, the student as the roster has them, whether the
// student is an adult, the adult's sharing choice and every sign-off. Read from the store.
#pragma once

#include "domain/meeting.h"
#include "domain/school.h"
#include "records/signoff_rules.h"
#include "store/record_store.h"
#include "store/signoff_store.h"

#include <date/tz.h>

#include <optional>
#include <string>
#include <vector>

namespace lobsync::store {
class Store;
}

namespace lobsync::records {

struct RecordCase {
  store::StoredRecord record;  // at least one version
  domain::Meeting meeting;
  const domain::Student* student = nullptr;  // into the School given to load; null when not on the roster
  bool adult = false;
  std::optional<store::SharingDecision> sharing;
  std::vector<store::SignOff> signoffs;

  const store::RecordVersion& latest() const { return record.versions.back(); }
  bool parents_may_see() const { return records::parents_may_see(adult, sharing); }
  VersionSignOff signoff(int version) const { return signoff_of(signoffs, version, adult); }
  // The meeting's participant with this key and role parent or student, or null.
  const domain::Participant* reader(const std::string& participant_key) const;
  // The student's first name as parents know it: the roster's given name, else the first word
  // of the student's name in the meeting.
  std::string student_first_name() const;
};

// nullopt when the record has no versions or its meeting is gone. `school` must outlive it.
std::optional<RecordCase> load_case(store::Store& store, store::StoredRecord record, const domain::School& school,
                                    const date::time_zone* zone);
std::optional<RecordCase> load_case(store::Store& store, const std::string& record_id, const domain::School& school,
                                    const date::time_zone* zone);

}  // namespace lobsync::records
