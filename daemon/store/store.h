// The one place all durable state lives. Callers see this interface only; the backends
// (sqlite/ today, postgres/ later) hide their driver types, so nothing here names SQLite.
#pragma once

#include "store/store_settings.h"
#include "core/clock.h"
#include "store/adult_choice_store.h"
#include "store/assignment_store.h"
#include "store/link_key_store.h"
#include "store/meeting_store.h"
#include "store/notice_store.h"
#include "store/outbox_store.h"
#include "store/record_store.h"
#include "store/roster_store.h"
#include "store/signoff_store.h"
#include "store/student_report_store.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::store {

// Anything the store cannot do; the message names the database and the reason.
class StoreError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

// Outcomes a job run can have; the store refuses any other value.
inline constexpr std::string_view kRunning = "running";
inline constexpr std::string_view kOk = "ok";
inline constexpr std::string_view kFailed = "failed";
inline constexpr std::string_view kInterrupted = "interrupted";  // left "running" by a crash

struct JobRun {
  std::int64_t id = 0;
  std::string job;
  Instant scheduled_for;                // the slot this run belongs to (UTC)
  Instant started_at;
  std::optional<Instant> finished_at;
  std::string outcome;                  // "running", "ok", "failed", "interrupted"
  std::string detail;
};

struct AuditEntry {
  std::int64_t id = 0;
  Instant at;
  std::string actor, action, subject;
  nlohmann::json detail;
};

struct StoreInfo {
  std::string driver;
  std::string location;
  int schema_version = 0;
  int latest_known_version = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual StoreInfo info() = 0;
  virtual bool ping() noexcept = 0;     // store reachable and usable (for /readyz)

  // Records a run as "running" and returns its id; finish_job_run() closes it.
  virtual std::int64_t begin_job_run(std::string_view job, Instant scheduled_for, Instant started_at) = 0;
  // outcome is one of "ok", "failed", "interrupted"; throws StoreError for an unknown id.
  virtual void finish_job_run(std::int64_t id, std::string_view outcome, std::string_view detail,
                              Instant finished_at) = 0;
  // The run started last (nullopt when the job never ran), optionally only with this outcome.
  virtual std::optional<JobRun> last_job_run(std::string_view job, std::string_view outcome = {}) = 0;
  // The latest run recorded for exactly this slot, if any.
  virtual std::optional<JobRun> job_run_for_slot(std::string_view job, Instant scheduled_for) = 0;
  // Newest first, over all jobs.
  virtual std::vector<JobRun> recent_job_runs(std::size_t limit) = 0;
  // Marks runs still "running" as "interrupted" and returns how many. Only the process that
  // owns the scheduled jobs (`lobsync serve`, at start) calls it: a CLI command opening the
  // store next to a running daemon must not mark the daemon's live run.
  virtual std::size_t mark_interrupted_runs(Instant now) = 0;

  // Who did what to which subject. Keep personal data out of subject/detail where an id will do.
  virtual void audit(std::string_view actor, std::string_view action, std::string_view subject,
                     const nlohmann::json& detail, Instant at) = 0;
  // Newest first.
  virtual std::vector<AuditEntry> recent_audit(std::size_t limit) = 0;

  virtual RosterStore& roster() = 0;
  virtual OutboxStore& outbox() = 0;
  virtual MeetingStore& meetings() = 0;
  virtual LinkKeyStore& link_keys() = 0;
  virtual RecordStore& records() = 0;
  virtual SignoffStore& signoffs() = 0;
  virtual AssignmentStore& assignments() = 0;
  virtual NoticeStore& notices() = 0;
  virtual StudentReportStore& student_reports() = 0;
  virtual AdultChoiceStore& adult_choices() = 0;
};

// Opens (creating the file and its folder if needed) and migrates. Throws StoreError with a
// clear message naming the file and the reason (unknown driver, cannot open, newer schema, ...).
std::unique_ptr<Store> open_store(const StoreSettings& settings, const Clock& clock);

}  // namespace lobsync::store
