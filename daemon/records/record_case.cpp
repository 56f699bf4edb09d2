#include "records/record_case.h"

#include "store/store.h"

namespace lobsync::records {

const domain::Participant* RecordCase::reader(const std::string& participant_key) const {
  for (const auto& p : meeting.participants)
    if (p.key == participant_key && (p.role == "parent" || p.role == "student")) return &p;
  return nullptr;
}

std::string RecordCase::student_first_name() const {
  if (student && !student->given_name.empty()) return student->given_name;
  for (const auto& p : meeting.participants)
    if (p.role == "student") return p.name.substr(0, p.name.find(' '));
  return "";
}

std::optional<RecordCase> load_case(store::Store& store, store::StoredRecord record, const domain::School& school,
                                    const date::time_zone* zone) {
  if (record.versions.empty()) return std::nullopt;
  auto meeting = store.meetings().meeting(record.meeting);
  if (!meeting) return std::nullopt;
  RecordCase c;
  c.meeting = std::move(*meeting);
  if (const auto it = school.students.find(record.student); it != school.students.end()) c.student = &it->second;
  c.adult = adult_at_meeting(c.student, c.meeting.start, zone);
  c.sharing = store.signoffs().sharing(record.id);
  c.signoffs = store.signoffs().signoffs(record.id);
  c.record = std::move(record);
  return c;
}

std::optional<RecordCase> load_case(store::Store& store, const std::string& record_id, const domain::School& school,
                                    const date::time_zone* zone) {
  auto record = store.records().record(record_id);
  if (!record) return std::nullopt;
  return load_case(store, std::move(*record), school, zone);
}

}  // namespace lobsync::records
