#include "store/sqlite/sqlite_record_store.h"

#include "domain/meeting.h"
#include "store/store.h"

#include <fmt/format.h>

namespace lobsync::store::sqlite {

void SqliteRecordStore::add_api_token(std::string_view hash, std::string_view staff, Instant now) {
  std::lock_guard lock(mutex_);
  Statement insert(db_, "INSERT INTO api_tokens (hash, staff, created_at_ms) VALUES (?1, ?2, ?3)");
  insert.bind(1, hash).bind(2, staff).bind(3, unix_ms(now)).run();
}

std::size_t SqliteRecordStore::revoke_api_tokens(std::string_view staff, Instant now) {
  std::lock_guard lock(mutex_);
  Statement revoke(db_, "UPDATE api_tokens SET revoked_at_ms = ?2 WHERE staff = ?1 AND revoked_at_ms IS NULL");
  revoke.bind(1, staff).bind(2, unix_ms(now)).run();
  return static_cast<std::size_t>(db_.changes());
}

std::optional<std::string> SqliteRecordStore::api_token_staff(std::string_view hash) {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT staff FROM api_tokens WHERE hash = ?1 AND revoked_at_ms IS NULL");
  query.bind(1, hash);
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

RecordWritten SqliteRecordStore::add_record_version(std::string_view meeting, std::string_view new_id,
                                                    const nlohmann::json& body, Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Statement found(db_, "SELECT student, mentor, status FROM meetings WHERE id = ?1");
  found.bind(1, meeting);
  if (!found.step()) throw StoreError(fmt::format("database {}: no meeting {}", db_.file().string(), meeting));
  const auto student = found.text(0), mentor = found.text(1), status = found.text(2);

  RecordWritten written{std::string(new_id), 1};
  Statement last(db_, "SELECT id, MAX(version) FROM records WHERE meeting = ?1 GROUP BY id");
  last.bind(1, meeting);
  if (last.step()) written = {last.text(0), static_cast<int>(last.int64(1)) + 1};

  Statement insert(db_,
                   "INSERT INTO records (id, version, meeting, student, mentor, body, created_at_ms) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert.bind(1, written.id)
      .bind(2, std::int64_t{written.version})
      .bind(3, meeting)
      .bind(4, student)
      .bind(5, mentor)
      .bind(6, body.dump())
      .bind(7, unix_ms(now))
      .run();
  if (status != domain::kHeld) {
    // Raising the sequence makes a plan run that read the meeting before fail its optimistic
    // check instead of writing the old status back.
    Statement held(db_, "UPDATE meetings SET status = 'held', sequence = sequence + 1, updated_at_ms = ?2 WHERE id = ?1");
    held.bind(1, meeting).bind(2, unix_ms(now)).run();
  }
  tx.commit();
  return written;
}

std::vector<StoredRecord> SqliteRecordStore::student_records(std::string_view student) {
  std::lock_guard lock(mutex_);
  return select_records("r.student = ?1", student);
}

std::optional<StoredRecord> SqliteRecordStore::record(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto found = select_records("r.id = ?1", id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<StoredRecord> SqliteRecordStore::all_records() {
  std::lock_guard lock(mutex_);
  return select_records("1 = 1", "");
}

std::vector<StoredRecord> SqliteRecordStore::select_records(std::string_view where, std::string_view value) {
  Statement query(db_, fmt::format("SELECT r.id, r.meeting, COALESCE(m.type, ''), r.student, r.mentor, r.version, "
                                   "r.created_at_ms, r.body FROM records r LEFT JOIN meetings m ON m.id = r.meeting "
                                   "WHERE {} ORDER BY COALESCE(m.start_ms, 0), r.id, r.version",
                                   where));
  if (!value.empty()) query.bind(1, value);
  std::vector<StoredRecord> out;
  while (query.step()) {
    if (out.empty() || out.back().id != query.text(0))
      out.push_back({query.text(0), query.text(1), query.text(2), query.text(3), query.text(4), {}});
    auto body = nlohmann::json::parse(query.text(7), nullptr, false);
    if (body.is_discarded())
      throw StoreError(fmt::format("database {}: record {} has a body that is not JSON", db_.file().string(), query.text(0)));
    out.back().versions.push_back({static_cast<int>(query.int64(5)), instant_from_unix_ms(query.int64(6)), std::move(body)});
  }
  return out;
}

}  // namespace lobsync::store::sqlite
