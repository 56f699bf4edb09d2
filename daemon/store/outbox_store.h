// The durable outbox: every side effect (an e-mail, a calendar write, a dossier push) is first
// stored here under an idempotency key, then delivered by workers that claim items with a lease.
// A crash at any moment loses nothing: an item whose lease ran out is claimed again, and the
// key lets the receiving plugin recognise a repeat. This is the store side; outbox/dispatcher.h
// drives it.
#pragma once

#include "core/clock.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::store {

// States of an outbox item; the store refuses any other value.
inline constexpr std::string_view kOutboxPending = "pending";      // waiting for its next attempt
inline constexpr std::string_view kOutboxInFlight = "in-flight";   // claimed by a worker until lease_until
inline constexpr std::string_view kOutboxSent = "sent";
inline constexpr std::string_view kOutboxDead = "dead";            // gave up; needs a person

struct OutboxItem {
  std::int64_t id = 0;
  std::string key;        // idempotency key, unique over the whole outbox
  std::string channel;    // the plugin instance that delivers it
  std::string operation;  // e.g. "mail.send"
  nlohmann::json request = nlohmann::json::object();
  std::string state;
  int attempts = 0;
  Instant next_attempt_at;
  std::optional<Instant> lease_until;
  std::string last_error;
  Instant created_at;
  std::optional<Instant> sent_at;
};

// How many items of one channel and operation are due; the dispatcher checks the channel can
// do the operation before it claims anything.
struct OutboxDue {
  std::string channel;
  std::string operation;
  std::int64_t items = 0;
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Adds an item unless one with the same key exists; returns the item's id and whether it was
  // new. Re-running a job therefore never queues a side effect twice.
  virtual std::pair<std::int64_t, bool> enqueue(std::string_view key, std::string_view channel, std::string_view operation,
                                                const nlohmann::json& request, Instant now) = 0;
  // The same, with the first delivery attempt not before `not_before` (a digest made inside quiet
  // hours goes out when they end).
  virtual std::pair<std::int64_t, bool> enqueue_not_before(std::string_view key, std::string_view channel,
                                                           std::string_view operation, const nlohmann::json& request,
                                                           Instant now, Instant not_before) = 0;
  // Claims up to `limit` due items of a channel (pending and due, or in flight with an expired
  // lease) in one transaction, marks them in flight until now + lease and counts the attempt.
  virtual std::vector<OutboxItem> claim(std::string_view channel, std::size_t limit, Instant now,
                                        std::chrono::milliseconds lease) = 0;
  // Outcome of an attempt. Only the holder of the current lease may report (the claim's
  // attempt number identifies it); a late report from an expired claim is ignored (false).
  virtual bool mark_sent(std::int64_t id, int attempt, Instant now) = 0;
  virtual bool mark_retry(std::int64_t id, int attempt, std::string_view error, Instant next_attempt_at) = 0;
  virtual bool mark_dead(std::int64_t id, int attempt, std::string_view error) = 0;

  // Gives a claimed item back unattempted (a worker that stops with part of its batch untouched):
  // pending again, due as before, and the claim no longer counts as an attempt. Only the holder
  // of the current claim may (false otherwise).
  virtual bool release(std::int64_t id, int attempt) = 0;

  // Due work at `now` (pending and due, or in flight with an expired lease), per channel and
  // operation, ordered by channel.
  virtual std::vector<OutboxDue> outbox_due(Instant now) = 0;
  // Moves every item of `channel` and `operation` that is due at `now` to `next_attempt_at`,
  // pending, with `error`, without counting an attempt: the channel cannot deliver (not
  // configured, disabled, lacking the capability) until an administrator fixes the config.
  // Returns the keys of the items moved.
  virtual std::vector<std::string> defer(std::string_view channel, std::string_view operation,
                                         std::string_view error, Instant now, Instant next_attempt_at) = 0;

  virtual std::optional<OutboxItem> outbox_item(std::string_view key) = 0;
  // Items in one state, oldest first, at most `limit` (e.g. the dead letters for status).
  virtual std::vector<OutboxItem> outbox_items(std::string_view state, std::size_t limit) = 0;
  // Number of items per state, for metrics and status.
  virtual std::vector<std::pair<std::string, std::int64_t>> outbox_counts() = 0;
  // Empties the request (the message with its personal data) of items sent before
  // `sent_before`, keeping key and state so the item is still never queued again; returns how
  // many were emptied.
  virtual std::size_t forget_sent_requests(Instant sent_before) = 0;
};

}  // namespace lobsync::store
