// The embedded default store: one SQLite file in WAL mode, one connection, one writer.
#pragma once

#include "core/clock.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_adult_choice_store.h"
#include "store/sqlite/sqlite_assignment_store.h"
#include "store/sqlite/sqlite_link_key_store.h"
#include "store/sqlite/sqlite_meeting_store.h"
#include "store/sqlite/sqlite_notice_store.h"
#include "store/sqlite/sqlite_outbox_store.h"
#include "store/sqlite/sqlite_record_store.h"
#include "store/sqlite/sqlite_roster_store.h"
#include "store/sqlite/sqlite_signoff_store.h"
#include "store/sqlite/sqlite_student_report_store.h"
#include "store/store.h"

#include <filesystem>
#include <mutex>

namespace lobsync::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Creates the file (0600) and its folder (0700) if missing, sets the connection up, migrates
  // Throws StoreError.
  SqliteStore(const std::filesystem::path& file, const Clock& clock);

  StoreInfo info() override;
  bool ping() noexcept override;
  std::int64_t begin_job_run(std::string_view job, Instant scheduled_for, Instant started_at) override;
  void finish_job_run(std::int64_t id, std::string_view outcome, std::string_view detail, Instant finished_at) override;
  std::optional<JobRun> last_job_run(std::string_view job, std::string_view outcome) override;
  std::optional<JobRun> job_run_for_slot(std::string_view job, Instant scheduled_for) override;
  std::vector<JobRun> recent_job_runs(std::size_t limit) override;
  void audit(std::string_view actor, std::string_view action, std::string_view subject, const nlohmann::json& detail,
             Instant at) override;
  std::vector<AuditEntry> recent_audit(std::size_t limit) override;
  RosterStore& roster() override { return roster_; }
  OutboxStore& outbox() override { return outbox_; }
  MeetingStore& meetings() override { return meetings_; }
  LinkKeyStore& link_keys() override { return link_keys_; }
  RecordStore& records() override { return records_; }
  SignoffStore& signoffs() override { return signoffs_; }
  AssignmentStore& assignments() override { return assignments_; }
  NoticeStore& notices() override { return notices_; }
  StudentReportStore& student_reports() override { return student_reports_; }
  AdultChoiceStore& adult_choices() override { return adult_choices_; }

 private:
  std::size_t mark_interrupted_runs(Instant now) override;

  // One connection used from many threads: every call holds this mutex, which also makes this
  // process a single writer. Other processes on the same file wait through busy_timeout.
  std::mutex mutex_;
  Database db_;
  SqliteRosterStore roster_{db_, mutex_};
  SqliteOutboxStore outbox_{db_, mutex_};
  SqliteMeetingStore meetings_{db_, mutex_};
  SqliteLinkKeyStore link_keys_{db_, mutex_};
  SqliteRecordStore records_{db_, mutex_};
  SqliteSignoffStore signoffs_{db_, mutex_};
  SqliteAssignmentStore assignments_{db_, mutex_};
  SqliteNoticeStore notices_{db_, mutex_};
  SqliteStudentReportStore student_reports_{db_, mutex_};
  SqliteAdultChoiceStore adult_choices_{db_, mutex_};
};

}  // namespace lobsync::store::sqlite
