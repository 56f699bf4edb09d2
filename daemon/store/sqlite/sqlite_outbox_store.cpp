#include "store/sqlite/sqlite_outbox_store.h"

#include "store/store.h"

#include <algorithm>
#include <limits>

namespace lobsync::store::sqlite {
namespace {

constexpr std::string_view kColumns =
    "id, key, channel, operation, request, state, attempts, next_attempt_at_ms, lease_until_ms, last_error, "
    "created_at_ms, sent_at_ms";

// Due: pending and its time has come, or in flight and the claim's lease ran out (the worker
// holding it died). ?2 is now.
constexpr std::string_view kDue =
    "((state = 'pending' AND next_attempt_at_ms <= ?2) OR (state = 'in-flight' AND lease_until_ms <= ?2))";

OutboxItem read_item(const Statement& row) {
  OutboxItem item;
  item.id = row.int64(0);
  item.key = row.text(1);
  item.channel = row.text(2);
  item.operation = row.text(3);
  item.request = nlohmann::json::parse(row.text(4), nullptr, false);
  if (item.request.is_discarded()) item.request = nlohmann::json::object();
  item.state = row.text(5);
  item.attempts = static_cast<int>(row.int64(6));
  item.next_attempt_at = instant_from_unix_ms(row.int64(7));
  if (!row.is_null(8)) item.lease_until = instant_from_unix_ms(row.int64(8));
  item.last_error = row.text(9);
  item.created_at = instant_from_unix_ms(row.int64(10));
  if (!row.is_null(11)) item.sent_at = instant_from_unix_ms(row.int64(11));
  return item;
}

}  // namespace

bool insert_outbox_item(Database& db, std::string_view key, std::string_view channel, std::string_view operation,
                        const nlohmann::json& request, Instant now) {
  return insert_outbox_item(db, key, channel, operation, request, now, now);
}

bool insert_outbox_item(Database& db, std::string_view key, std::string_view channel, std::string_view operation,
                        const nlohmann::json& request, Instant now, Instant not_before) {
  const std::string document = request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  Statement insert(db,
                   "INSERT INTO outbox (key, channel, operation, request, state, next_attempt_at_ms, created_at_ms) "
                   "VALUES (?1, ?2, ?3, ?4, 'pending', ?6, ?5) ON CONFLICT (key) DO NOTHING");
  insert.bind(1, key).bind(2, channel).bind(3, operation).bind(4, document).bind(5, unix_ms(now));
  insert.bind(6, unix_ms(not_before)).run();
  return db.changes() == 1;
}

std::pair<std::int64_t, bool> SqliteOutboxStore::enqueue(std::string_view key, std::string_view channel,
                                                         std::string_view operation, const nlohmann::json& request,
                                                         Instant now) {
  return enqueue_not_before(key, channel, operation, request, now, now);
}

std::pair<std::int64_t, bool> SqliteOutboxStore::enqueue_not_before(std::string_view key, std::string_view channel,
                                                                    std::string_view operation,
                                                                    const nlohmann::json& request, Instant now,
                                                                    Instant not_before) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  const bool added = insert_outbox_item(db_, key, channel, operation, request, now, not_before);
  Statement query(db_, "SELECT id FROM outbox WHERE key = ?1");
  query.bind(1, key);
  query.step();
  const auto id = query.int64(0);
  tx.commit();
  return {id, added};
}

std::vector<OutboxItem> SqliteOutboxStore::claim(std::string_view channel, std::size_t limit, Instant now,
                                                 std::chrono::milliseconds lease) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  std::vector<std::int64_t> ids;
  {
    Statement due(db_, std::string("SELECT id FROM outbox WHERE channel = ?1 AND ") + std::string(kDue) +
                           " ORDER BY next_attempt_at_ms, id LIMIT ?3");
    due.bind(1, channel).bind(2, unix_ms(now)).bind(3, static_cast<std::int64_t>(limit));
    while (due.step()) ids.push_back(due.int64(0));
  }
  std::vector<OutboxItem> items;
  Statement update(db_,
                   "UPDATE outbox SET state = 'in-flight', attempts = attempts + 1, lease_until_ms = ?2 WHERE id = ?1");
  Statement read(db_, std::string("SELECT ") + std::string(kColumns) + " FROM outbox WHERE id = ?1");
  for (auto id : ids) {
    update.bind(1, id).bind(2, unix_ms(now + lease)).run();
    update.reset();
    read.bind(1, id);
    if (read.step()) items.push_back(read_item(read));
    read.reset();
  }
  tx.commit();
  return items;
}

bool SqliteOutboxStore::finish_attempt(std::int64_t id, int attempt, std::string_view state, std::string_view error,
                                       std::optional<Instant> next_attempt_at, std::optional<Instant> sent_at) {
  std::lock_guard lock(mutex_);
  // Only the claim that is still current may report: a worker whose lease ran out (and whose
  // item was claimed again) must not overwrite the newer attempt's outcome.
  Statement update(db_,
                   "UPDATE outbox SET state = ?3, last_error = ?4, lease_until_ms = NULL, "
                   "next_attempt_at_ms = COALESCE(?5, next_attempt_at_ms), sent_at_ms = ?6 "
                   "WHERE id = ?1 AND attempts = ?2 AND state = 'in-flight'");
  update.bind(1, id).bind(2, static_cast<std::int64_t>(attempt)).bind(3, state).bind(4, error);
  update.bind(5, next_attempt_at ? std::optional<std::int64_t>(unix_ms(*next_attempt_at)) : std::nullopt);
  update.bind(6, sent_at ? std::optional<std::int64_t>(unix_ms(*sent_at)) : std::nullopt);
  update.run();
  return db_.changes() == 1;
}

bool SqliteOutboxStore::mark_sent(std::int64_t id, int attempt, Instant now) {
  return finish_attempt(id, attempt, kOutboxSent, "", std::nullopt, now);
}

bool SqliteOutboxStore::mark_retry(std::int64_t id, int attempt, std::string_view error, Instant next_attempt_at) {
  return finish_attempt(id, attempt, kOutboxPending, error, next_attempt_at, std::nullopt);
}

bool SqliteOutboxStore::mark_dead(std::int64_t id, int attempt, std::string_view error) {
  return finish_attempt(id, attempt, kOutboxDead, error, std::nullopt, std::nullopt);
}

bool SqliteOutboxStore::release(std::int64_t id, int attempt) {
  std::lock_guard lock(mutex_);
  Statement update(db_,
                   "UPDATE outbox SET state = 'pending', attempts = attempts - 1, lease_until_ms = NULL "
                   "WHERE id = ?1 AND attempts = ?2 AND state = 'in-flight'");
  update.bind(1, id).bind(2, static_cast<std::int64_t>(attempt)).run();
  return db_.changes() == 1;
}

std::vector<OutboxDue> SqliteOutboxStore::outbox_due(Instant now) {
  std::lock_guard lock(mutex_);
  // kDue numbers now ?2 (claim() binds the channel as ?1); SQLite allows the gap.
  Statement query(db_, std::string("SELECT channel, operation, COUNT(*) FROM outbox WHERE ") + std::string(kDue) +
                           " GROUP BY channel, operation ORDER BY channel, operation");
  query.bind(2, unix_ms(now));
  std::vector<OutboxDue> out;
  while (query.step()) out.push_back({query.text(0), query.text(1), query.int64(2)});
  return out;
}

std::vector<std::string> SqliteOutboxStore::defer(std::string_view channel, std::string_view operation,
                                                  std::string_view error, Instant now, Instant next_attempt_at) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  std::vector<std::pair<std::int64_t, std::string>> due;
  {
    Statement query(db_, std::string("SELECT id, key FROM outbox WHERE channel = ?1 AND ") + std::string(kDue) +
                             " AND operation = ?3 ORDER BY id");
    query.bind(1, channel).bind(2, unix_ms(now)).bind(3, operation);
    while (query.step()) due.emplace_back(query.int64(0), query.text(1));
  }
  Statement update(db_,
                   "UPDATE outbox SET state = 'pending', lease_until_ms = NULL, last_error = ?2, next_attempt_at_ms = ?3 "
                   "WHERE id = ?1");
  std::vector<std::string> keys;
  for (auto& [id, key] : due) {
    update.bind(1, id).bind(2, error).bind(3, unix_ms(next_attempt_at)).run();
    update.reset();
    keys.push_back(std::move(key));
  }
  tx.commit();
  return keys;
}

std::optional<OutboxItem> SqliteOutboxStore::outbox_item(std::string_view key) {
  std::lock_guard lock(mutex_);
  Statement query(db_, std::string("SELECT ") + std::string(kColumns) + " FROM outbox WHERE key = ?1");
  query.bind(1, key);
  if (!query.step()) return std::nullopt;
  return read_item(query);
}

std::vector<OutboxItem> SqliteOutboxStore::outbox_items(std::string_view state, std::size_t limit) {
  std::lock_guard lock(mutex_);
  Statement query(db_, std::string("SELECT ") + std::string(kColumns) + " FROM outbox WHERE state = ?1 ORDER BY id LIMIT ?2");
  const auto capped = std::min<std::size_t>(limit, static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max()));
  query.bind(1, state).bind(2, static_cast<std::int64_t>(capped));
  std::vector<OutboxItem> out;
  while (query.step()) out.push_back(read_item(query));
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> SqliteOutboxStore::outbox_counts() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT state, COUNT(*) FROM outbox GROUP BY state ORDER BY state");
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (query.step()) out.emplace_back(query.text(0), query.int64(1));
  return out;
}

std::size_t SqliteOutboxStore::forget_sent_requests(Instant sent_before) {
  std::lock_guard lock(mutex_);
  Statement forget(db_, "UPDATE outbox SET request = '{}' WHERE state = 'sent' AND sent_at_ms < ?1 AND request <> '{}'");
  forget.bind(1, unix_ms(sent_before)).run();
  return static_cast<std::size_t>(db_.changes());
}

}  // namespace lobsync::store::sqlite
