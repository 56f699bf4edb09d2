#include "store/sqlite/sqlite_student_report_store.h"

#include "store/store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace lobsync::store::sqlite {

int SqliteStudentReportStore::add_student_report(std::string_view meeting, const std::string& reflection,
                                                 const std::vector<std::string>& activities, Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement found(db_, "SELECT student FROM meetings WHERE id = ?1");
  found.bind(1, meeting);
  if (!found.step()) throw StoreError(fmt::format("database {}: no meeting {}", db_.file().string(), meeting));
  const auto student = found.text(0);
  Statement last(db_, "SELECT COALESCE(MAX(version), 0) FROM student_reports WHERE meeting = ?1");
  last.bind(1, meeting);
  const int version = last.step() ? static_cast<int>(last.int64(0)) + 1 : 1;
  Statement insert(db_,
                   "INSERT INTO student_reports (meeting, version, student, reflection, activities, created_at_ms) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, meeting)
      .bind(2, std::int64_t{version})
      .bind(3, student)
      .bind(4, reflection)
      .bind(5, nlohmann::json(activities).dump())
      .bind(6, unix_ms(now))
      .run();
  tx.commit();
  return version;
}

std::optional<StudentReport> SqliteStudentReportStore::student_report(std::string_view meeting) {
  std::lock_guard lock(mutex_);
  auto found = select_reports("s.meeting = ?1", meeting);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<StudentReport> SqliteStudentReportStore::reports_of_student(std::string_view student) {
  std::lock_guard lock(mutex_);
  return select_reports("s.student = ?1", student);
}

std::vector<StudentReport> SqliteStudentReportStore::all_student_reports() {
  std::lock_guard lock(mutex_);
  return select_reports("1 = 1", "");
}

std::vector<StudentReport> SqliteStudentReportStore::select_reports(std::string_view where, std::string_view value) {
  Statement query(db_, fmt::format("SELECT s.meeting, s.student, s.version, s.created_at_ms, s.reflection, s.activities "
                                   "FROM student_reports s LEFT JOIN meetings m ON m.id = s.meeting "
                                   "WHERE {} ORDER BY COALESCE(m.start_ms, 0), s.meeting, s.version",
                                   where));
  if (!value.empty()) query.bind(1, value);
  std::vector<StudentReport> out;
  while (query.step()) {
    if (out.empty() || out.back().meeting != query.text(0)) out.push_back({query.text(0), query.text(1), {}});
    const auto list = nlohmann::json::parse(query.text(5), nullptr, false);
    if (!list.is_array())
      throw StoreError(fmt::format("database {}: student report of {} has activities that are not a JSON list",
                                   db_.file().string(), query.text(0)));
    StudentReportVersion v{static_cast<int>(query.int64(2)), instant_from_unix_ms(query.int64(3)), query.text(4), {}};
    for (const auto& a : list)
      if (a.is_string()) v.activities.push_back(a.get<std::string>());
    out.back().versions.push_back(std::move(v));
  }
  return out;
}

}  // namespace lobsync::store::sqlite
