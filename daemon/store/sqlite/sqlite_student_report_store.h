// StudentReportStore over the SqliteStore's connection; shares its mutex.
#pragma once

#include "store/sqlite/database.h"
#include "store/student_report_store.h"

#include <mutex>

namespace lobsync::store::sqlite {

class SqliteStudentReportStore final : public StudentReportStore {
 public:
  SqliteStudentReportStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  int add_student_report(std::string_view meeting, const std::string& reflection, const std::vector<std::string>& activities,
                         Instant now) override;
  std::optional<StudentReport> student_report(std::string_view meeting) override;
  std::vector<StudentReport> reports_of_student(std::string_view student) override;
  std::vector<StudentReport> all_student_reports() override;

 private:
  // Rows of `where` (a condition on s, binding ?1 to `value` unless empty) grouped into reports.
  std::vector<StudentReport> select_reports(std::string_view where, std::string_view value);

  Database& db_;
  std::mutex& mutex_;
};

}  // namespace lobsync::store::sqlite
