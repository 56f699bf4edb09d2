#include "store/sqlite/sqlite_roster_store.h"

#include "store/store.h"

#include <fmt/format.h>

namespace lobsync::store::sqlite {
namespace {

constexpr std::string_view kRunColumns =
    "id, source, started_at_ms, finished_at_ms, status, reason, counts, problems, "
    "EXISTS (SELECT 1 FROM roster_staging s WHERE s.run_id = sync_runs.id)";

nlohmann::json parse_or(const std::string& text, nlohmann::json fallback) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  return doc.is_discarded() ? fallback : doc;
}

}  // namespace

std::string SqliteRosterStore::source_of(std::int64_t run_id) {
  Statement query(db_, "SELECT source FROM sync_runs WHERE id = ?1");
  query.bind(1, run_id);
  if (!query.step()) throw StoreError(fmt::format("database {}: no sync run with id {}", db_.file().string(), run_id));
  return query.text(0);
}

std::optional<SyncRun> SqliteRosterStore::read_run(Statement& query) {
  if (!query.step()) return std::nullopt;
  SyncRun run;
  run.id = query.int64(0);
  run.source = query.text(1);
  run.started_at = instant_from_unix_ms(query.int64(2));
  if (!query.is_null(3)) run.finished_at = instant_from_unix_ms(query.int64(3));
  run.status = query.text(4);
  run.reason = query.text(5);
  run.counts = parse_or(query.text(6), nlohmann::json::object());
  run.problems = parse_or(query.text(7), nlohmann::json::array());
  run.staged = query.int64(8) != 0;
  return run;
}

std::int64_t SqliteRosterStore::begin_sync_run(std::string_view source, Instant started_at) {
  std::lock_guard lock(mutex_);
  Statement insert(db_, "INSERT INTO sync_runs (source, started_at_ms, status) VALUES (?1, ?2, 'running')");
  insert.bind(1, source).bind(2, unix_ms(started_at)).run();
  return db_.last_insert_id();
}

std::vector<StoredHash> SqliteRosterStore::active_hashes(std::string_view source) {
  std::lock_guard lock(mutex_);
  std::vector<StoredHash> out;
  Statement query(db_, "SELECT kind, source_id, hash FROM roster_records WHERE source = ?1 AND removed_ms IS NULL");
  query.bind(1, source);
  while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2)});
  return out;
}

void SqliteRosterStore::stage(std::int64_t run_id, const std::vector<StagedRecord>& batch) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement row(db_, "INSERT INTO roster_staging (run_id, kind, source_id, payload, hash) VALUES (?1, ?2, ?3, ?4, ?5)");
  const std::optional<std::int64_t> null;
  for (const auto& r : batch) {
    row.bind(1, run_id).bind(2, r.kind).bind(3, r.source_id);
    if (r.removal) row.bind(4, null).bind(5, null);
    else row.bind(4, r.payload).bind(5, r.hash);
    row.run();
    row.reset();
  }
  tx.commit();
}

SyncCounts SqliteRosterStore::diff_staged(std::int64_t run_id) {
  std::lock_guard lock(mutex_);
  const std::string source = source_of(run_id);
  SyncCounts counts;
  {
    // Every staged change against the stored record: new (or returning), changed, removed.
    Statement query(db_, R"sql(
      SELECT s.kind,
             SUM(CASE WHEN s.payload IS NOT NULL AND (r.source_id IS NULL OR r.removed_ms IS NOT NULL) THEN 1 ELSE 0 END),
             SUM(CASE WHEN s.payload IS NOT NULL AND r.removed_ms IS NULL AND r.hash <> s.hash THEN 1 ELSE 0 END),
             SUM(CASE WHEN s.payload IS NULL AND r.source_id IS NOT NULL AND r.removed_ms IS NULL THEN 1 ELSE 0 END)
      FROM roster_staging s
      LEFT JOIN roster_records r ON r.source = ?2 AND r.kind = s.kind AND r.source_id = s.source_id
      WHERE s.run_id = ?1
      GROUP BY s.kind)sql");
    query.bind(1, run_id).bind(2, source);
    while (query.step()) {
      auto& c = counts[query.text(0)];
      c.added = query.int64(1);
      c.updated = query.int64(2);
      c.removed = query.int64(3);
    }
  }
  {
    // Every active record neither changed nor removed is unchanged.
    Statement query(db_, "SELECT kind, COUNT(*) FROM roster_records WHERE source = ?1 AND removed_ms IS NULL GROUP BY kind");
    query.bind(1, source);
    while (query.step()) counts[query.text(0)].active_before = query.int64(1);
  }
  for (auto& [kind, c] : counts) c.unchanged = c.active_before - c.updated - c.removed;
  return counts;
}

void SqliteRosterStore::apply_staged(std::int64_t run_id, Instant now) {
  std::lock_guard lock(mutex_);
  const std::string source = source_of(run_id);
  Transaction tx(db_);
  Statement upsert(db_, R"sql(
    INSERT INTO roster_records (source, kind, source_id, payload, hash, first_seen_ms, updated_ms, removed_ms)
    SELECT ?2, kind, source_id, payload, hash, ?3, ?3, NULL FROM roster_staging WHERE run_id = ?1 AND payload IS NOT NULL
    ORDER BY kind, source_id  -- the table's key order: pages are filled one after the other
    ON CONFLICT (source, kind, source_id) DO UPDATE SET
      payload = excluded.payload, hash = excluded.hash, updated_ms = excluded.updated_ms, removed_ms = NULL
    WHERE roster_records.hash <> excluded.hash OR roster_records.removed_ms IS NOT NULL)sql");
  upsert.bind(1, run_id).bind(2, source).bind(3, unix_ms(now)).run();
  const auto changed = db_.changes();
  Statement remove(db_, R"sql(
    UPDATE roster_records SET removed_ms = ?3
    WHERE source = ?2 AND removed_ms IS NULL
      AND (kind, source_id) IN (SELECT kind, source_id FROM roster_staging WHERE run_id = ?1 AND payload IS NULL))sql");
  remove.bind(1, run_id).bind(2, source).bind(3, unix_ms(now)).run();
  const auto removed = db_.changes();
  Statement drop(db_, "DELETE FROM roster_staging WHERE run_id = ?1");
  drop.bind(1, run_id).run();
  if (changed + removed > 0) bump_revision();  // an unchanged nightly roster keeps caches warm
  tx.commit();
}

void SqliteRosterStore::discard_staged(std::int64_t run_id) {
  std::lock_guard lock(mutex_);
  Statement drop(db_, "DELETE FROM roster_staging WHERE run_id = ?1");
  drop.bind(1, run_id).run();
}

void SqliteRosterStore::finish_sync_run(std::int64_t run_id, std::string_view status, std::string_view reason,
                                        const nlohmann::json& counts, const nlohmann::json& problems, Instant at) {
  if (status != kSyncApplied && status != kSyncHeld && status != kSyncDryRun && status != kSyncFailed) {
    throw StoreError(fmt::format("database {}: cannot finish sync run {} as \"{}\"", db_.file().string(), run_id, status));
  }
  const auto replace = nlohmann::json::error_handler_t::replace;
  const std::string counts_text = counts.dump(-1, ' ', false, replace);
  const std::string problems_text = problems.dump(-1, ' ', false, replace);
  std::lock_guard lock(mutex_);
  Statement update(db_,
                   "UPDATE sync_runs SET status = ?2, reason = ?3, counts = ?4, problems = ?5, finished_at_ms = ?6 "
                   "WHERE id = ?1");
  update.bind(1, run_id).bind(2, status).bind(3, reason).bind(4, counts_text).bind(5, problems_text).bind(6, unix_ms(at)).run();
  if (db_.changes() != 1) throw StoreError(fmt::format("database {}: no sync run with id {}", db_.file().string(), run_id));
}

std::optional<SyncRun> SqliteRosterStore::sync_run(std::int64_t run_id) {
  std::lock_guard lock(mutex_);
  Statement query(db_, fmt::format("SELECT {} FROM sync_runs WHERE id = ?1", kRunColumns));
  query.bind(1, run_id);
  return read_run(query);
}

std::optional<SyncRun> SqliteRosterStore::last_sync_run(std::string_view source, std::string_view status) {
  std::lock_guard lock(mutex_);
  Statement query(db_, fmt::format("SELECT {} FROM sync_runs WHERE source = ?1 AND (?2 = '' OR status = ?2) "
                                   "ORDER BY id DESC LIMIT 1",
                                   kRunColumns));
  query.bind(1, source).bind(2, status);
  return read_run(query);
}

std::int64_t SqliteRosterStore::purge_removed(std::string_view source, Instant removed_before) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement purge(db_, "DELETE FROM roster_records WHERE source = ?1 AND removed_ms IS NOT NULL AND removed_ms < ?2");
  purge.bind(1, source).bind(2, unix_ms(removed_before)).run();
  const auto purged = db_.changes();
  if (purged > 0) {
    // Store only what is needed: a person who left the roster keeps no language choice.
    Statement forget(db_,
                     "DELETE FROM language_choices WHERE person NOT IN "
                     "(SELECT source || ':' || source_id FROM roster_records)");
    forget.run();
    Statement forget_choices(db_,
                             "DELETE FROM adult_choices WHERE student NOT IN "
                             "(SELECT source || ':' || source_id FROM roster_records)");
    forget_choices.run();
    bump_revision();
  }
  tx.commit();
  return purged;
}

std::int64_t SqliteRosterStore::revision() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT value FROM roster_revision WHERE id = 1");
  return query.step() ? query.int64(0) : 0;
}

void SqliteRosterStore::bump_revision() {
  Statement bump(db_, "UPDATE roster_revision SET value = value + 1 WHERE id = 1");
  bump.run();
}

std::vector<RosterRecord> SqliteRosterStore::records(std::string_view kind, bool include_removed) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT source, kind, source_id, payload, first_seen_ms, updated_ms, removed_ms FROM roster_records "
                  "WHERE kind = ?1 AND (?2 OR removed_ms IS NULL) ORDER BY source, source_id");
  query.bind(1, kind).bind(2, static_cast<std::int64_t>(include_removed ? 1 : 0));
  std::vector<RosterRecord> out;
  while (query.step()) {
    RosterRecord r;
    r.source = query.text(0);
    r.kind = query.text(1);
    r.source_id = query.text(2);
    r.payload = parse_or(query.text(3), nlohmann::json::object());
    r.first_seen = instant_from_unix_ms(query.int64(4));
    r.updated_at = instant_from_unix_ms(query.int64(5));
    if (!query.is_null(6)) r.removed_at = instant_from_unix_ms(query.int64(6));
    out.push_back(std::move(r));
  }
  return out;
}

void SqliteRosterStore::choose_language(const std::vector<std::string>& people, std::string_view language,
                                        Instant at) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement upsert(db_,
                   "INSERT INTO language_choices (person, language, chosen_at_ms) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT (person) DO UPDATE SET language = excluded.language, chosen_at_ms = excluded.chosen_at_ms");
  for (const auto& person : people) {
    upsert.reset();
    upsert.bind(1, person).bind(2, language).bind(3, unix_ms(at)).run();
  }
  bump_revision();
  tx.commit();
}

std::map<std::string, std::string> SqliteRosterStore::language_choices() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT person, language FROM language_choices");
  std::map<std::string, std::string> out;
  while (query.step()) out.emplace(query.text(0), query.text(1));
  return out;
}

}  // namespace lobsync::store::sqlite
