// Everything the pages, the notices and the dossier push need to know about one student's own
// report: the report with its versions, its meeting, the student as the roster has them, whether
// the student is an adult, the mentor's record of the meeting (if written) with the adult's
// sharing decision about it, and the parents' sign-offs of the report. Read from the store.
#pragma once

#include "domain/meeting.h"
#include "domain/school.h"
#include "records/student_report_rules.h"
#include "store/signoff_store.h"
#include "store/student_report_store.h"

#include <date/tz.h>

#include <optional>
#include <string>
#include <vector>

namespace lobsync::store {
class Store;
}

namespace lobsync::records {

struct ReportCase {
  store::StudentReport report;  // at least one version
  domain::Meeting meeting;
  const domain::Student* student = nullptr;  // into the School given to load; null when not on the roster
  bool adult = false;
  std::string record_id;  // the mentor's record of the meeting, "" while none
  std::optional<store::SharingDecision> sharing;  // the adult's decision about that record
  std::vector<store::SignOff> signoffs;           // of the report (its sign-off subject)

  const store::StudentReportVersion& latest() const { return report.latest(); }
  std::string subject() const { return store::student_report_subject(report.meeting); }
  // The same decision as for the mentor's record: an adult who has not shared keeps both.
  bool parents_may_see() const { return records::parents_may_see(adult, sharing); }
  VersionSignOff signoff(int version) const { return report_signoff(signoffs, version); }
};

// nullopt when the meeting has no report or the meeting is gone. `school` must outlive it.
std::optional<ReportCase> load_report_case(store::Store& store, store::StudentReport report, const domain::School& school,
                                           const date::time_zone* zone);
std::optional<ReportCase> load_report_case(store::Store& store, const std::string& meeting_id, const domain::School& school,
                                           const date::time_zone* zone);

// The id of the mentor's record of the meeting, or "".
std::string record_of_meeting(store::Store& store, const std::string& student, const std::string& meeting_id);

}  // namespace lobsync::records
