#include "records/report_case.h"

#include "store/store.h"

namespace lobsync::records {

std::string record_of_meeting(store::Store& store, const std::string& student, const std::string& meeting_id) {
  for (const auto& r : store.records().student_records(student))
    if (r.meeting == meeting_id) return r.id;
  return "";
}

std::optional<ReportCase> load_report_case(store::Store& store, store::StudentReport report, const domain::School& school,
                                           const date::time_zone* zone) {
  if (report.versions.empty()) return std::nullopt;
  auto meeting = store.meetings().meeting(report.meeting);
  if (!meeting) return std::nullopt;
  ReportCase c;
  c.meeting = std::move(*meeting);
  if (const auto it = school.students.find(report.student); it != school.students.end()) c.student = &it->second;
  c.adult = adult_at_meeting(c.student, c.meeting.start, zone);
  c.record_id = record_of_meeting(store, report.student, report.meeting);
  if (!c.record_id.empty()) c.sharing = store.signoffs().sharing(c.record_id);
  c.signoffs = store.signoffs().signoffs(store::student_report_subject(report.meeting));
  c.report = std::move(report);
  return c;
}

std::optional<ReportCase> load_report_case(store::Store& store, const std::string& meeting_id, const domain::School& school,
                                           const date::time_zone* zone) {
  auto report = store.student_reports().student_report(meeting_id);
  if (!report) return std::nullopt;
  return load_report_case(store, std::move(*report), school, zone);
}

}  // namespace lobsync::records
