// RosterStore over the SqliteStore's connection; shares its mutex, so it is one writer too.
#pragma once

#include "store/roster_store.h"
#include "store/sqlite/database.h"

#include <mutex>

namespace lobsync::store::sqlite {

class SqliteRosterStore final : public RosterStore {
 public:
  SqliteRosterStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  std::int64_t begin_sync_run(std::string_view source, Instant started_at) override;
  std::vector<StoredHash> active_hashes(std::string_view source) override;
  void stage(std::int64_t run_id, const std::vector<StagedRecord>& batch) override;
  SyncCounts diff_staged(std::int64_t run_id) override;
  void apply_staged(std::int64_t run_id, Instant now) override;
  void discard_staged(std::int64_t run_id) override;
  void finish_sync_run(std::int64_t run_id, std::string_view status, std::string_view reason,
                       const nlohmann::json& counts, const nlohmann::json& problems, Instant at) override;
  std::optional<SyncRun> sync_run(std::int64_t run_id) override;
  std::optional<SyncRun> last_sync_run(std::string_view source, std::string_view status) override;
  std::int64_t purge_removed(std::string_view source, Instant removed_before) override;
  std::int64_t revision() override;
  std::vector<RosterRecord> records(std::string_view kind, bool include_removed) override;
  void choose_language(const std::vector<std::string>& people, std::string_view language, Instant at) override;
  std::map<std::string, std::string> language_choices() override;

 private:
  std::string source_of(std::int64_t run_id);
  std::optional<SyncRun> read_run(Statement& query);
  // Inside the caller's transaction, with the mutex held.
  void bump_revision();

  Database& db_;
  std::mutex& mutex_;
};

}  // namespace lobsync::store::sqlite
