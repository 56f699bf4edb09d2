#include "store/sqlite/sqlite_outbox_store.h"

#include "store/sqlite/outbox_rows.h"
#include "store/store.h"

#include <lobsync/text_encoding.hpp>

#include <algorithm>
#include <limits>
#include <random>

namespace lobsync::store::sqlite {
namespace {

// Due: pending and its time has come, or in flight and the claim's lease ran out (the worker
// holding it died). ?2 is now.
constexpr std::string_view kDue =
    "((state = 'pending' AND next_attempt_at_ms <= ?2) OR (state = 'in-flight' AND lease_until_ms <= ?2))";

// kDue as a range of the outbox_due index (channel, next_attempt_at_ms), so a claim reads the
// batch it takes and not every pending item (it sorted all of them: a 14,000-item dispatch
// spent a quarter of its time there). The same items: an item in flight was due when it was
// claimed, so its next_attempt_at_ms lies before the claim's lease_until_ms.
constexpr std::string_view kDueInIndexOrder =
    "state IN ('pending', 'in-flight') AND next_attempt_at_ms <= ?2 AND (state = 'pending' OR lease_until_ms <= ?2)";

// The claim may act only while it is the item's current one.
constexpr std::string_view kHeld = "id = ?1 AND claim_token = ?2 AND state = 'in-flight'";

// A token for one claim. Random, so claims by other processes on the same file never share one;
// never 0, which stands for "no claim".
std::int64_t new_claim_token() {
  std::random_device device;
  std::uint64_t bits = (static_cast<std::uint64_t>(device()) << 32) | device();
  bits &= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  return bits == 0 ? 1 : static_cast<std::int64_t>(bits);
}

std::optional<std::int64_t> optional_ms(std::optional<Instant> t) {
  return t ? std::optional<std::int64_t>(unix_ms(*t)) : std::nullopt;
}

}  // namespace

OutboxItem read_outbox_item(const Statement& row) {
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
  if (!row.is_null(12)) item.claim_token = row.int64(12);
  if (!row.is_null(13)) item.failing_since = instant_from_unix_ms(row.int64(13));
  // Kept beside the request since migration 14; an item whose request still holds its message
  // (NULL here) is read as it was written.
  if (!row.is_null(14) && item.request.is_object()) item.request["message"] = row.text(14);
  item.order_group = row.is_null(15) ? item.key : row.text(15);
  return item;
}

namespace {

// Whether `text` is valid UTF-8, quickly for the usual case: a finished MIME message is ASCII,
// checked 64 bytes at a time; anything else goes through the full check.
bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  for (; i + 64 <= text.size(); i += 64) {
    unsigned char high = 0;
    for (std::size_t k = 0; k < 64; ++k) high |= static_cast<unsigned char>(text[i + k]);
    if (high & 0x80) break;
  }
  return sdk::detail::first_invalid_utf8(text.substr(i)) == std::string_view::npos;
}

// The request's JSON without its "message" string, which is stored on its own (nullopt: the
// request has none, and is stored whole).
std::pair<std::string, std::optional<std::string_view>> split_message(const nlohmann::json& request) {
  constexpr auto dump = [](const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  const auto message = request.is_object() ? request.find("message") : request.end();
  // A message that is not valid UTF-8 (never one the host built: MIME is ASCII) stays inside
  // the JSON, whose writer replaces the bad bytes as it always did.
  if (message == request.end() || !message->is_string() ||
      !valid_utf8(message->get_ref<const std::string&>()))
    return {dump(request), std::nullopt};
  nlohmann::json envelope = nlohmann::json::object();
  for (auto it = request.begin(); it != request.end(); ++it)
    if (it != message) envelope.emplace(it.key(), it.value());
  return {dump(envelope), std::string_view(message->get_ref<const std::string&>())};
}

}  // namespace

OutboxInserter::OutboxInserter(Database& db)
    : db_(db),
      insert_(db,
              "INSERT INTO outbox (key, channel, operation, request, message, state, next_attempt_at_ms, created_at_ms, "
              "order_group) VALUES (?1, ?2, ?3, ?4, ?7, 'pending', ?6, ?5, NULLIF(?8, '')) ON CONFLICT (key) DO NOTHING") {}

bool OutboxInserter::insert(std::string_view key, std::string_view channel, std::string_view operation,
                            const nlohmann::json& request, Instant now, Instant not_before) {
  const auto [envelope, message] = split_message(request);
  return insert_row(key, channel, operation, envelope, message, {}, now, not_before);
}

bool OutboxInserter::insert(const OutboxEntry& entry, Instant now, Instant not_before) {
  if (entry.request_text.empty()) {
    const auto [envelope, message] = split_message(entry.request);
    return insert_row(entry.key, entry.channel, entry.operation, envelope, message, entry.order_group, now,
                      not_before);
  }
  return insert_row(entry.key, entry.channel, entry.operation, entry.request_text, std::nullopt, entry.order_group,
                    now, not_before);
}

bool OutboxInserter::insert_row(std::string_view key, std::string_view channel, std::string_view operation,
                                std::string_view request_text, std::optional<std::string_view> message,
                                std::string_view order_group, Instant now, Instant not_before) {
  insert_.bind(1, key).bind(2, channel).bind(3, operation).bind(4, request_text).bind(5, unix_ms(now));
  insert_.bind(6, unix_ms(not_before)).bind(8, order_group);
  if (message) {
    insert_.bind(7, *message);
  } else {
    insert_.bind(7, std::optional<std::int64_t>());
  }
  insert_.run();
  insert_.reset();
  return db_.changes() == 1;
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
  return enqueue(OutboxEntry{std::string(key), std::string(channel), std::string(operation), request}, now, not_before);
}

std::pair<std::int64_t, bool> SqliteOutboxStore::enqueue(const OutboxEntry& entry, Instant now, Instant not_before) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  const bool added = OutboxInserter(db_).insert(entry, now, not_before);
  Statement query(db_, "SELECT id FROM outbox WHERE key = ?1");
  query.bind(1, entry.key);
  query.step();
  const auto id = query.int64(0);
  tx.commit();
  return {id, added};
}

std::vector<OutboxItem> SqliteOutboxStore::claim(std::string_view channel, std::size_t limit, Instant now,
                                                 std::chrono::milliseconds lease) {
  const auto token = new_claim_token();
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  std::vector<std::int64_t> ids;
  {
    Statement due(db_, std::string("SELECT id FROM outbox WHERE channel = ?1 AND ") + std::string(kDueInIndexOrder) +
                           " ORDER BY next_attempt_at_ms, id LIMIT ?3");
    due.bind(1, channel).bind(2, unix_ms(now)).bind(3, static_cast<std::int64_t>(limit));
    while (due.step()) ids.push_back(due.int64(0));
  }
  std::vector<OutboxItem> items;
  Statement update(db_, "UPDATE outbox SET state = 'in-flight', claim_token = ?3, lease_until_ms = ?2 WHERE id = ?1");
  Statement read(db_, std::string("SELECT ") + std::string(kOutboxColumns) + " FROM outbox WHERE id = ?1");
  for (auto id : ids) {
    update.bind(1, id).bind(2, unix_ms(now + lease)).bind(3, token).run();
    update.reset();
    read.bind(1, id);
    if (read.step()) items.push_back(read_outbox_item(read));
    read.reset();
  }
  tx.commit();
  return items;
}

Statement& SqliteOutboxStore::ReusedStatement::prepare(Database& db, std::string_view sql) {
  if (!statement_) statement_ = std::make_unique<Statement>(db, sql);
  return *statement_;
}

std::optional<int> SqliteOutboxStore::begin_attempt(OutboxClaim claim, Instant now, std::chrono::milliseconds lease) {
  std::lock_guard lock(mutex_);
  // A claim whose lease ran out but that nobody took over is still this worker's: the check,
  // the count and the renewal are one statement, so no other worker can slip in between.
  auto& update = begin_attempt_.prepare(
      db_, std::string("UPDATE outbox SET attempts = attempts + 1, lease_until_ms = ?3 WHERE ") + std::string(kHeld) +
               " RETURNING attempts");
  const ResetAfterUse reset(update);
  update.bind(1, claim.id).bind(2, claim.token).bind(3, unix_ms(now + lease));
  if (!update.step()) return std::nullopt;
  const auto attempt = static_cast<int>(update.int64(0));
  update.run();  // the statement, and with it the change, is complete only once it is done
  return attempt;
}

bool SqliteOutboxStore::renew_lease(OutboxClaim claim, Instant now, std::chrono::milliseconds lease) {
  std::lock_guard lock(mutex_);
  auto& update =
      renew_lease_.prepare(db_, std::string("UPDATE outbox SET lease_until_ms = ?3 WHERE ") + std::string(kHeld));
  const ResetAfterUse reset(update);
  update.bind(1, claim.id).bind(2, claim.token).bind(3, unix_ms(now + lease)).run();
  return db_.changes() == 1;
}

bool SqliteOutboxStore::finish_attempt(OutboxClaim claim, std::string_view state, std::string_view error,
                                       std::optional<Instant> next_attempt_at, std::optional<Instant> sent_at,
                                       std::optional<Instant> failed_at) {
  std::lock_guard lock(mutex_);
  // Only the claim that is still current may report: a worker whose item was claimed again
  // (its lease ran out) must not overwrite the newer claim's outcome.
  auto& update = finish_attempt_.prepare(
      db_, std::string("UPDATE outbox SET state = ?3, last_error = ?4, lease_until_ms = NULL, claim_token = NULL, "
                       "next_attempt_at_ms = COALESCE(?5, next_attempt_at_ms), sent_at_ms = ?6, "
                       "failing_since_ms = COALESCE(failing_since_ms, ?7) WHERE ") +
               std::string(kHeld));
  const ResetAfterUse reset(update);
  update.bind(1, claim.id).bind(2, claim.token).bind(3, state).bind(4, error);
  update.bind(5, optional_ms(next_attempt_at)).bind(6, optional_ms(sent_at)).bind(7, optional_ms(failed_at));
  update.run();
  return db_.changes() == 1;
}

bool SqliteOutboxStore::mark_sent(OutboxClaim claim, Instant now) {
  return finish_attempt(claim, kOutboxSent, "", std::nullopt, now, std::nullopt);
}

bool SqliteOutboxStore::mark_retry(OutboxClaim claim, std::string_view error, Instant now, Instant next_attempt_at) {
  return finish_attempt(claim, kOutboxPending, error, next_attempt_at, std::nullopt, now);
}

bool SqliteOutboxStore::mark_dead(OutboxClaim claim, std::string_view error) {
  return finish_attempt(claim, kOutboxDead, error, std::nullopt, std::nullopt, std::nullopt);
}

bool SqliteOutboxStore::release(OutboxClaim claim) {
  std::lock_guard lock(mutex_);
  Statement update(db_, std::string("UPDATE outbox SET state = 'pending', lease_until_ms = NULL, claim_token = NULL WHERE ") +
                            std::string(kHeld));
  update.bind(1, claim.id).bind(2, claim.token).run();
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
                   "UPDATE outbox SET state = 'pending', lease_until_ms = NULL, claim_token = NULL, last_error = ?2, "
                   "next_attempt_at_ms = ?3 WHERE id = ?1");
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
  Statement query(db_, std::string("SELECT ") + std::string(kOutboxColumns) + " FROM outbox WHERE key = ?1");
  query.bind(1, key);
  if (!query.step()) return std::nullopt;
  return read_outbox_item(query);
}

std::vector<OutboxItem> SqliteOutboxStore::outbox_items(std::string_view state, std::size_t limit) {
  return outbox_items(OutboxFilter{std::string(state), "", limit});
}

std::vector<std::pair<std::string, std::int64_t>> SqliteOutboxStore::outbox_counts() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT state, COUNT(*) FROM outbox GROUP BY state ORDER BY state");
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (query.step()) out.emplace_back(query.text(0), query.int64(1));
  return out;
}

std::vector<OutboxStore::ChannelCount> SqliteOutboxStore::outbox_counts_by_channel() {
  std::lock_guard lock(mutex_);
  // outbox_by_state (state, channel, id) covers this: the table itself is not read.
  Statement query(db_, "SELECT channel, state, COUNT(*) FROM outbox GROUP BY state, channel ORDER BY channel, state");
  std::vector<ChannelCount> out;
  while (query.step()) out.push_back({query.text(0), query.text(1), query.int64(2)});
  return out;
}

std::size_t SqliteOutboxStore::forget_sent_requests(Instant sent_before) {
  std::lock_guard lock(mutex_);
  Statement forget(db_,
                   "UPDATE outbox SET request = '{}', message = NULL "
                   "WHERE state = 'sent' AND sent_at_ms < ?1 AND (request <> '{}' OR message IS NOT NULL)");
  forget.bind(1, unix_ms(sent_before)).run();
  return static_cast<std::size_t>(db_.changes());
}

}  // namespace lobsync::store::sqlite
