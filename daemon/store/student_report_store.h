// The student's own report of a conversation they had: their reflection and the career
// activities of this phase (open days, job shadowing, a test, an internship). It belongs to one
// meeting; every edit adds a version and every version is kept. Parents sign a version through
// the SignoffStore, under the report's sign-off subject (student_report_subject()).
#pragma once

#include "core/clock.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::store {

struct StudentReportVersion {
  int version = 0;
  Instant created_at;
  std::string reflection;
  std::vector<std::string> activities;  // one short line each
};

struct StudentReport {
  std::string meeting;
  std::string student;
  std::vector<StudentReportVersion> versions;  // oldest first, never empty
  const StudentReportVersion& latest() const { return versions.back(); }
};

// The `record` under which sign-offs and dossier queue marks of a meeting's student report are
// kept: "report:<meeting id>" (a record id never starts so).
inline std::string student_report_subject(std::string_view meeting) { return "report:" + std::string(meeting); }

class StudentReportStore {
 public:
  virtual ~StudentReportStore() = default;

  // Adds the next version of the meeting's report (the first is 1) for the meeting's student;
  // returns its number. Throws StoreError when the meeting does not exist.
  virtual int add_student_report(std::string_view meeting, const std::string& reflection,
                                 const std::vector<std::string>& activities, Instant now) = 0;
  virtual std::optional<StudentReport> student_report(std::string_view meeting) = 0;
  // The student's reports, by meeting start.
  virtual std::vector<StudentReport> reports_of_student(std::string_view student) = 0;
  // Every report, by meeting start (the dossier push scans them).
  virtual std::vector<StudentReport> all_student_reports() = 0;
};

}  // namespace lobsync::store
