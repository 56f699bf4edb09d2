// OutboxStore over the SqliteStore's connection; shares its mutex, so it is one writer too.
#pragma once

#include "store/outbox_store.h"
#include "store/sqlite/database.h"

#include <memory>
#include <mutex>

namespace lobsync::store::sqlite {

// Adds outbox items inside the caller's transaction with one prepared statement, so a save that
// queues thousands (a slice of a plan) does not parse the same SQL for each. A request's
// "message" string (a finished mail) goes into a column of its own, not escaped into the JSON;
// read_outbox_item puts it back, so callers see the request they queued.
class OutboxInserter {
 public:
  explicit OutboxInserter(Database& db);
  // True when added, false when an item with this key exists (it is left as it is).
  bool insert(std::string_view key, std::string_view channel, std::string_view operation,
              const nlohmann::json& request, Instant now, Instant not_before);
  // The entry's request as it is: its text when it has one, else its JSON.
  bool insert(const OutboxEntry& entry, Instant now, Instant not_before);

 private:
  // `request_text` is the request's JSON without the message, which goes into its own column.
  bool insert_row(std::string_view key, std::string_view channel, std::string_view operation,
                  std::string_view request_text, std::optional<std::string_view> message,
                  std::string_view order_group, Instant now, Instant not_before);

  Database& db_;
  Statement insert_;
};

class SqliteOutboxStore final : public OutboxStore {
 public:
  SqliteOutboxStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  std::pair<std::int64_t, bool> enqueue(std::string_view key, std::string_view channel, std::string_view operation,
                                        const nlohmann::json& request, Instant now) override;
  std::pair<std::int64_t, bool> enqueue_not_before(std::string_view key, std::string_view channel,
                                                   std::string_view operation, const nlohmann::json& request,
                                                   Instant now, Instant not_before) override;
  std::pair<std::int64_t, bool> enqueue(const OutboxEntry& entry, Instant now, Instant not_before) override;
  std::vector<OutboxItem> claim(std::string_view channel, std::size_t limit, Instant now,
                                std::chrono::milliseconds lease) override;
  std::optional<int> begin_attempt(OutboxClaim claim, Instant now, std::chrono::milliseconds lease) override;
  bool renew_lease(OutboxClaim claim, Instant now, std::chrono::milliseconds lease) override;
  bool mark_sent(OutboxClaim claim, Instant now) override;
  bool mark_retry(OutboxClaim claim, std::string_view error, Instant now, Instant next_attempt_at) override;
  bool mark_dead(OutboxClaim claim, std::string_view error) override;
  bool release(OutboxClaim claim) override;
  std::vector<OutboxDue> outbox_due(Instant now) override;
  std::vector<std::string> defer(std::string_view channel, std::string_view operation, std::string_view error,
                                 Instant now, Instant next_attempt_at) override;
  std::optional<OutboxItem> outbox_item(std::string_view key) override;
  std::vector<OutboxItem> outbox_items(std::string_view state, std::size_t limit) override;
  std::vector<OutboxItem> outbox_items(const OutboxFilter& filter) override;
  std::vector<std::pair<std::string, std::int64_t>> outbox_counts() override;
  std::vector<ChannelCount> outbox_counts_by_channel() override;
  std::size_t forget_sent_requests(Instant sent_before) override;
  // In sqlite_outbox_admin.cpp.
  std::vector<OutboxChange> retry(const std::vector<std::string>& keys, std::string_view actor, Instant now) override;
  std::vector<OutboxChange> retry_dead(std::string_view channel, std::string_view actor, Instant now) override;
  std::vector<OutboxChange> discard(const std::vector<std::string>& keys, std::string_view actor, Instant now) override;

 private:
  // A statement the dispatcher runs for every item, prepared on first use and kept (preparing
  // cost as much as running it). Used under mutex_ only, and reset after each use.
  class ReusedStatement {
   public:
    Statement& prepare(Database& db, std::string_view sql);

   private:
    std::unique_ptr<Statement> statement_;
  };
  // Resets a reused statement when its use ends, also on an exception.
  class ResetAfterUse {
   public:
    explicit ResetAfterUse(Statement& statement) : statement_(statement) {}
    ~ResetAfterUse() { statement_.reset(); }
    ResetAfterUse(const ResetAfterUse&) = delete;
    ResetAfterUse& operator=(const ResetAfterUse&) = delete;

   private:
    Statement& statement_;
  };

  bool finish_attempt(OutboxClaim claim, std::string_view state, std::string_view error,
                      std::optional<Instant> next_attempt_at, std::optional<Instant> sent_at,
                      std::optional<Instant> failed_at);

  Database& db_;
  std::mutex& mutex_;
  ReusedStatement begin_attempt_, renew_lease_, finish_attempt_;
};

}  // namespace lobsync::store::sqlite
