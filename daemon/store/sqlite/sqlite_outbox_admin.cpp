// SqliteOutboxStore's administration: listing items and an administrator's retry and discard,
// each change audited in its own transaction with it.
#include "store/sqlite/audit_log.h"
#include "store/sqlite/outbox_rows.h"
#include "store/sqlite/sqlite_outbox_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace lobsync::store::sqlite {
namespace {

enum class Change { retry, discard };

// Both changes take dead and pending items. In flight means a worker may be delivering it right
// now; sent and discarded are final.
bool changeable(std::string_view state) { return state == kOutboxDead || state == kOutboxPending; }

// Applies `change` to each key inside the caller's transaction and audits what changed.
std::vector<OutboxChange> apply(Database& db, const std::vector<std::string>& keys, Change change,
                                std::string_view actor, Instant now) {
  Statement find(db, "SELECT id, channel, state, attempts FROM outbox WHERE key = ?1");
  Statement requeue(db,
                    "UPDATE outbox SET state = 'pending', next_attempt_at_ms = ?2, attempts = 0, failing_since_ms = NULL, "
                    "lease_until_ms = NULL, claim_token = NULL WHERE id = ?1");
  // A discarded message is never sent, so its content (personal data) goes at once; the key stays.
  Statement discard(db,
                    "UPDATE outbox SET state = 'discarded', request = '{}', message = NULL, lease_until_ms = NULL, claim_token = NULL "
                    "WHERE id = ?1");
  std::vector<OutboxChange> out;
  for (const auto& key : keys) {
    OutboxChange result{key, "", "", false};
    find.bind(1, key);
    if (find.step()) {
      const auto id = find.int64(0);
      result.channel = find.text(1);
      result.previous_state = find.text(2);
      const auto attempts = find.int64(3);
      if (changeable(result.previous_state)) {
        auto& update = change == Change::retry ? requeue : discard;
        update.bind(1, id);
        if (change == Change::retry) update.bind(2, unix_ms(now));
        update.run();
        update.reset();
        result.changed = true;
        // Key, channel and counts only: never the message or the error (it may quote an address).
        insert_audit_entry(db, actor, change == Change::retry ? "outbox.retry" : "outbox.discard", "outbox:" + key,
                           {{"channel", result.channel}, {"from", result.previous_state}, {"attempts", attempts}}, now);
      }
    }
    find.reset();
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace

std::vector<OutboxItem> SqliteOutboxStore::outbox_items(const OutboxFilter& filter) {
  std::lock_guard lock(mutex_);
  Statement query(db_, fmt::format("SELECT {} FROM outbox WHERE (?1 = '' OR state = ?1) AND (?2 = '' OR channel = ?2) "
                                   "ORDER BY id LIMIT ?3",
                                   kOutboxColumns));
  const auto capped =
      std::min<std::size_t>(filter.limit, static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max()));
  query.bind(1, filter.state).bind(2, filter.channel).bind(3, static_cast<std::int64_t>(capped));
  std::vector<OutboxItem> out;
  while (query.step()) out.push_back(read_outbox_item(query));
  return out;
}

std::vector<OutboxChange> SqliteOutboxStore::retry(const std::vector<std::string>& keys, std::string_view actor,
                                                   Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  auto out = apply(db_, keys, Change::retry, actor, now);
  tx.commit();
  return out;
}

std::vector<OutboxChange> SqliteOutboxStore::retry_dead(std::string_view channel, std::string_view actor, Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  std::vector<std::string> keys;
  {
    Statement dead(db_, "SELECT key FROM outbox WHERE state = 'dead' AND (?1 = '' OR channel = ?1) ORDER BY id");
    dead.bind(1, channel);
    while (dead.step()) keys.push_back(dead.text(0));
  }
  auto out = apply(db_, keys, Change::retry, actor, now);
  tx.commit();
  return out;
}

std::vector<OutboxChange> SqliteOutboxStore::discard(const std::vector<std::string>& keys, std::string_view actor,
                                                     Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  auto out = apply(db_, keys, Change::discard, actor, now);
  tx.commit();
  return out;
}

}  // namespace lobsync::store::sqlite
