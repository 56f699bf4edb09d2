// The roster part of the store: records as the sync engine validated them, one row per
// (source, kind, source_id), soft-deleted when they leave and revived when they return; and
// the sync runs, whose staged changes wait in the store until they are applied, held or dropped.
// A run stages only what differs from the active records (new, changed, returning, and the
// removals), so an unchanged nightly roster writes nothing but its run.
#pragma once

#include "core/clock.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::store {

// Statuses of a sync run; the store refuses any other value.
inline constexpr std::string_view kSyncRunning = "running";
inline constexpr std::string_view kSyncApplied = "applied";
inline constexpr std::string_view kSyncHeld = "held";
inline constexpr std::string_view kSyncDryRun = "dry-run";
inline constexpr std::string_view kSyncFailed = "failed";

struct StagedRecord {
  std::string kind;       // "student", "guardian", …
  std::string source_id;
  std::string payload;    // canonical JSON of the validated record; empty for a removal
  std::string hash;       // of the payload; equal hash means unchanged
  bool removal = false;   // the record left: the snapshot no longer has it

  static StagedRecord removed(std::string kind, std::string source_id) {
    return {std::move(kind), std::move(source_id), "", "", true};
  }
};

// An active record's fingerprint, for comparing a snapshot before anything is written.
struct StoredHash {
  std::string kind;
  std::string source_id;
  std::string hash;
};

struct KindCounts {
  std::int64_t added = 0;     // new, or back after having left
  std::int64_t updated = 0;
  std::int64_t removed = 0;   // active before, absent from this snapshot
  std::int64_t unchanged = 0;
  std::int64_t active_before = 0;
};
using SyncCounts = std::map<std::string, KindCounts, std::less<>>;  // by kind

struct SyncRun {
  std::int64_t id = 0;
  std::string source;
  Instant started_at;
  std::optional<Instant> finished_at;
  std::string status;
  std::string reason;
  nlohmann::json counts = nlohmann::json::object();
  nlohmann::json problems = nlohmann::json::array();
  bool staged = false;  // a held run's snapshot is still waiting for approval
};

struct RosterRecord {
  std::string source;
  std::string kind;
  std::string source_id;
  nlohmann::json payload;
  Instant first_seen;
  Instant updated_at;
  std::optional<Instant> removed_at;
};

class RosterStore {
 public:
  virtual ~RosterStore() = default;

  virtual std::int64_t begin_sync_run(std::string_view source, Instant started_at) = 0;
  // The active records of a source, by their hashes: what a new snapshot is compared with.
  virtual std::vector<StoredHash> active_hashes(std::string_view source) = 0;
  // Adds changes to the run: records to write and removals; a batch is one transaction. The
  // caller stages each kind and source_id at most once per run (the engine filters duplicates).
  virtual void stage(std::int64_t run_id, const std::vector<StagedRecord>& batch) = 0;
  // What applying the run's changes would do, per kind, for its source. A staged record the
  // store already holds unchanged counts as unchanged; every active record not staged too.
  virtual SyncCounts diff_staged(std::int64_t run_id) = 0;
  // Applies the changes in one transaction: upserts, revives what returns, soft-deletes the
  // removals; then drops the staged rows. Only valid against the records the changes were
  // compared with (SyncEngine::approve refuses a run older than the last applied one).
  virtual void apply_staged(std::int64_t run_id, Instant now) = 0;
  virtual void discard_staged(std::int64_t run_id) = 0;
  virtual void finish_sync_run(std::int64_t run_id, std::string_view status, std::string_view reason,
                               const nlohmann::json& counts, const nlohmann::json& problems, Instant at) = 0;
  virtual std::optional<SyncRun> sync_run(std::int64_t run_id) = 0;
  // Newest run of a source, optionally only with a given status.
  virtual std::optional<SyncRun> last_sync_run(std::string_view source, std::string_view status = {}) = 0;
  // Hard-deletes records of a source soft-deleted before `removed_before`; returns how many.
  virtual std::int64_t purge_removed(std::string_view source, Instant removed_before) = 0;
  // Changes whenever the active roster changes (an applied sync, a purge); for caches.
  virtual std::int64_t revision() = 0;
  // Records of one kind over all sources; removed ones only when asked.
  virtual std::vector<RosterRecord> records(std::string_view kind, bool include_removed = false) = 0;

  // The language these people chose themselves (roster keys "<source>:<source_id>"; a BCP 47
  // tag the caller checked), kept beside what the source says and never overridden by a sync.
  // Changes the revision: the school model shows the choice. Purging a person's last roster
  // record forgets their choice.
  virtual void choose_language(const std::vector<std::string>& people, std::string_view language, Instant at) = 0;
  // Person key → chosen language.
  virtual std::map<std::string, std::string> language_choices() = 0;
};

}  // namespace lobsync::store
