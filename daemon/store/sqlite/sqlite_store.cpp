#include "store/sqlite/sqlite_store.h"

#include "core/log.h"
#include "store/sqlite/audit_log.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/private_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace lobsync::store::sqlite {
namespace {

// Long enough to ride out another process's write (a CLI run next to the daemon), short
// enough that a stuck lock surfaces as an error instead of a hang.
constexpr int kBusyTimeoutMs = 5000;

constexpr std::string_view kJobRunColumns =
    "id, job, scheduled_for_ms, started_at_ms, finished_at_ms, outcome, detail";

JobRun read_job_run(const Statement& row) {
  JobRun run;
  run.id = row.int64(0);
  run.job = row.text(1);
  run.scheduled_for = instant_from_unix_ms(row.int64(2));
  run.started_at = instant_from_unix_ms(row.int64(3));
  if (!row.is_null(4)) run.finished_at = instant_from_unix_ms(row.int64(4));
  run.outcome = row.text(5);
  run.detail = row.text(6);
  return run;
}

std::int64_t sql_limit(std::size_t limit) {
  return static_cast<std::int64_t>(std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()));
}

Database open_database(const std::filesystem::path& file) {
  create_private_file(file);
  Database db = Database::open(file);
  db.set_busy_timeout(kBusyTimeoutMs);
  {
    // journal_mode answers with the mode it ended up in; a file system without shared memory
    // support (some network mounts) silently stays in "delete" mode, which we refuse.
    Statement wal(db, "PRAGMA journal_mode = WAL");
    if (!wal.step() || wal.text(0) != "wal") {
      throw StoreError(fmt::format("database {}: cannot switch to WAL journal mode", file.string()));
    }
  }
  // NORMAL is durable across application crashes in WAL mode and avoids an fsync per commit.
  db.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
  return db;
}

}  // namespace

SqliteStore::SqliteStore(const std::filesystem::path& file, const Clock& clock) : db_(open_database(file)) {
  migrate(db_, clock);
}

std::size_t SqliteStore::mark_interrupted_runs(Instant now) {
  // Called by the daemon at start: a run still "running" then was cut off by a crash or kill
  // of the previous daemon process.
  std::lock_guard lock(mutex_);
  Statement update(db_,
                   "UPDATE job_runs SET outcome = 'interrupted', finished_at_ms = ?1, "
                   "detail = 'the daemon stopped before the run finished' WHERE outcome = 'running'");
  update.bind(1, unix_ms(now)).run();
  const auto count = static_cast<std::size_t>(db_.changes());
  if (count > 0) log::warn("store: marked {} job run(s) left running by a previous process as interrupted", count);
  return count;
}

StoreInfo SqliteStore::info() {
  std::lock_guard lock(mutex_);
  return StoreInfo{"sqlite", db_.file().string(), current_schema_version(db_), latest_schema_version()};
}

bool SqliteStore::ping() noexcept {
  try {
    std::lock_guard lock(mutex_);
    // Reads a real table, so a removed or corrupted file shows up, not just a live handle.
    Statement query(db_, "SELECT COUNT(*) FROM schema_migrations");
    return query.step();
  } catch (...) {
    return false;
  }
}

std::int64_t SqliteStore::begin_job_run(std::string_view job, Instant scheduled_for, Instant started_at) {
  std::lock_guard lock(mutex_);
  Statement insert(db_,
                   "INSERT INTO job_runs (job, scheduled_for_ms, started_at_ms, outcome) "
                   "VALUES (?1, ?2, ?3, 'running')");
  insert.bind(1, job).bind(2, unix_ms(scheduled_for)).bind(3, unix_ms(started_at)).run();
  return db_.last_insert_id();
}

void SqliteStore::finish_job_run(std::int64_t id, std::string_view outcome, std::string_view detail,
                                 Instant finished_at) {
  if (outcome != kOk && outcome != kFailed && outcome != kInterrupted) {
    throw StoreError(fmt::format("database {}: cannot finish job run {} with outcome \"{}\"", db_.file().string(), id,
                                 outcome));
  }
  std::lock_guard lock(mutex_);
  Statement update(db_, "UPDATE job_runs SET outcome = ?1, detail = ?2, finished_at_ms = ?3 WHERE id = ?4");
  update.bind(1, outcome).bind(2, detail).bind(3, unix_ms(finished_at)).bind(4, id).run();
  if (db_.changes() != 1) {
    throw StoreError(fmt::format("database {}: no job run with id {}", db_.file().string(), id));
  }
}

std::optional<JobRun> SqliteStore::last_job_run(std::string_view job, std::string_view outcome) {
  std::lock_guard lock(mutex_);
  Statement query(db_, fmt::format("SELECT {} FROM job_runs WHERE job = ?1 AND (?2 = '' OR outcome = ?2) "
                                   "ORDER BY started_at_ms DESC, id DESC LIMIT 1",
                                   kJobRunColumns));
  query.bind(1, job).bind(2, outcome);
  if (!query.step()) return std::nullopt;
  return read_job_run(query);
}

std::optional<JobRun> SqliteStore::job_run_for_slot(std::string_view job, Instant scheduled_for) {
  std::lock_guard lock(mutex_);
  Statement query(db_, fmt::format("SELECT {} FROM job_runs WHERE job = ?1 AND scheduled_for_ms = ?2 "
                                   "ORDER BY id DESC LIMIT 1",
                                   kJobRunColumns));
  query.bind(1, job).bind(2, unix_ms(scheduled_for));
  if (!query.step()) return std::nullopt;
  return read_job_run(query);
}

std::vector<JobRun> SqliteStore::recent_job_runs(std::size_t limit) {
  std::lock_guard lock(mutex_);
  Statement query(db_, fmt::format("SELECT {} FROM job_runs ORDER BY started_at_ms DESC, id DESC LIMIT ?1",
                                   kJobRunColumns));
  query.bind(1, sql_limit(limit));
  std::vector<JobRun> runs;
  while (query.step()) runs.push_back(read_job_run(query));
  return runs;
}

void SqliteStore::audit(std::string_view actor, std::string_view action, std::string_view subject,
                        const nlohmann::json& detail, Instant at) {
  std::lock_guard lock(mutex_);
  insert_audit_entry(db_, actor, action, subject, detail, at);
}

std::vector<AuditEntry> SqliteStore::recent_audit(std::size_t limit) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT id, at_ms, actor, action, subject, detail FROM audit_log "
                  "ORDER BY at_ms DESC, id DESC LIMIT ?1");
  query.bind(1, sql_limit(limit));
  std::vector<AuditEntry> entries;
  while (query.step()) {
    AuditEntry entry;
    entry.id = query.int64(0);
    entry.at = instant_from_unix_ms(query.int64(1));
    entry.actor = query.text(2);
    entry.action = query.text(3);
    entry.subject = query.text(4);
    const std::string document = query.text(5);
    // A row edited by hand into invalid JSON is still shown, as a string, rather than hidden.
    entry.detail = nlohmann::json::parse(document, nullptr, false);
    if (entry.detail.is_discarded()) entry.detail = document;
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace lobsync::store::sqlite
