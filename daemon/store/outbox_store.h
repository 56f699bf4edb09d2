// The durable outbox: every side effect (an e-mail, a calendar write, a dossier push) is first
// stored here under an idempotency key, then delivered by workers that claim items with a lease.
// A crash at any moment loses nothing: an item whose lease ran out is claimed again, and the
// key lets the receiving plugin recognise a repeat. This is the store side; outbox/dispatcher.h
// drives it.
//
// A claim is identified by a token the store draws for it, not by the attempt count: a batch
// claim only reserves items, and each item's attempt is counted when its plugin call starts
// (begin_attempt), which also confirms that nobody took the item over in the meantime. While
// the call runs, the worker renews the lease, so no other worker can claim the item however
// long the call takes.
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

// A side effect to queue with the meetings that cause it (see OutboxStore::enqueue below).
struct OutboxEntry {
  std::string key, channel, operation;
  nlohmann::json request;
  // The request already written as JSON text (core/json_writer.h), for entries made by the
  // hundred thousand (a plan's invitations); when not empty it is what is queued, and `request`
  // stays null.
  std::string request_text = {};
  // Entries of one order group reach their receiver in the order they were queued, also over a
  // channel with several connections (a meeting's invitation, then its cancellation, to one
  // recipient). Empty: the entry is a group of its own.
  std::string order_group = {};
};

// States of an outbox item; the store refuses any other value.
inline constexpr std::string_view kOutboxPending = "pending";      // waiting for its next attempt
inline constexpr std::string_view kOutboxInFlight = "in-flight";   // claimed by a worker until lease_until
inline constexpr std::string_view kOutboxSent = "sent";
inline constexpr std::string_view kOutboxDead = "dead";            // gave up; needs a person
inline constexpr std::string_view kOutboxDiscarded = "discarded";  // a person gave it up for good

// Every state, in the order status and metrics show them.
inline constexpr std::string_view kOutboxStates[] = {kOutboxPending, kOutboxInFlight, kOutboxSent, kOutboxDead,
                                                     kOutboxDiscarded};

// One claim of one item: only its holder may count an attempt, renew the lease or report.
struct OutboxClaim {
  std::int64_t id = 0;
  std::int64_t token = 0;
};

struct OutboxItem {
  std::int64_t id = 0;
  std::string key;        // idempotency key, unique over the whole outbox
  std::string channel;    // the plugin instance that delivers it
  std::string operation;  // e.g. "mail.send"
  nlohmann::json request = nlohmann::json::object();
  std::string state;
  int attempts = 0;       // plugin calls started for it
  Instant next_attempt_at;
  std::optional<Instant> lease_until;
  std::string last_error;
  Instant created_at;
  std::optional<Instant> sent_at;
  std::int64_t claim_token = 0;           // the current claim while in flight, else 0
  std::optional<Instant> failing_since;   // first failed attempt since it was queued or retried by hand
  std::string order_group;                // OutboxEntry::order_group; the key when it was queued without one

  OutboxClaim claim() const { return {id, claim_token}; }
};

// How many items of one channel and operation are due; the dispatcher checks the channel can
// do the operation before it claims anything.
struct OutboxDue {
  std::string channel;
  std::string operation;
  std::int64_t items = 0;
};

// Which items a listing shows; empty fields do not filter.
struct OutboxFilter {
  std::string state;
  std::string channel;
  std::size_t limit = 100;
};

// What a retry or discard by an administrator did to one key.
struct OutboxChange {
  std::string key;
  std::string channel;
  std::string previous_state;  // empty: no item has this key
  bool changed = false;        // false: its state does not allow the change
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
  // The same for an entry as the producers make them (with its order group).
  virtual std::pair<std::int64_t, bool> enqueue(const OutboxEntry& entry, Instant now, Instant not_before) = 0;
  // Claims up to `limit` items of a channel that are due at `now` (pending and due, or in flight
  // with an expired lease) in one transaction: in flight until now + lease under a new claim
  // token. No attempt is counted yet.
  virtual std::vector<OutboxItem> claim(std::string_view channel, std::size_t limit, Instant now,
                                        std::chrono::milliseconds lease) = 0;
  // Right before the plugin call: when `claim` is still the item's current claim, counts the
  // attempt, extends the lease to now + lease and returns the attempt's number; nullopt when
  // another worker has claimed the item since (then it is theirs, and must not be delivered).
  virtual std::optional<int> begin_attempt(OutboxClaim claim, Instant now, std::chrono::milliseconds lease) = 0;
  // While the call runs: extends the lease to now + lease; false when the claim is no longer current.
  virtual bool renew_lease(OutboxClaim claim, Instant now, std::chrono::milliseconds lease) = 0;

  // Outcome of an attempt. Only the holder of the current claim may report; a late report from
  // a claim that was taken over is ignored (false).
  virtual bool mark_sent(OutboxClaim claim, Instant now) = 0;
  // Pending again at `next_attempt_at`; the item's failing period starts at `now` unless it
  // had started already.
  virtual bool mark_retry(OutboxClaim claim, std::string_view error, Instant now, Instant next_attempt_at) = 0;
  virtual bool mark_dead(OutboxClaim claim, std::string_view error) = 0;

  // Gives a claimed item back unattempted (a worker that stops with part of its batch untouched):
  // pending again, due as before. Only the holder of the current claim may (false otherwise).
  virtual bool release(OutboxClaim claim) = 0;

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
  // Items matching `filter`, oldest first (for `lobsync outbox list`).
  virtual std::vector<OutboxItem> outbox_items(const OutboxFilter& filter) = 0;
  // Number of items per state, for metrics and status.
  virtual std::vector<std::pair<std::string, std::int64_t>> outbox_counts() = 0;
  // Number of items per channel and state, for the per-channel metrics.
  struct ChannelCount {
    std::string channel, state;
    std::int64_t count = 0;
  };
  virtual std::vector<ChannelCount> outbox_counts_by_channel() = 0;
  // Empties the request (the message with its personal data) of items sent before
  // `sent_before`, keeping key and state so the item is still never queued again; returns how
  // many were emptied.
  virtual std::size_t forget_sent_requests(Instant sent_before) = 0;

  // An administrator's hand on the outbox; each change is written to the audit trail under
  // `actor` in the same transaction, and a key that cannot change does not stop the others.
  // retry: dead or pending items become pending and due at `now`, with their attempts and
  // failing period starting again.
  virtual std::vector<OutboxChange> retry(const std::vector<std::string>& keys, std::string_view actor, Instant now) = 0;
  // The same for every dead item, or every dead item of `channel` when it is not empty.
  virtual std::vector<OutboxChange> retry_dead(std::string_view channel, std::string_view actor, Instant now) = 0;
  // discard: pending or dead items become `discarded` for good. The item (and its key, which
  // keeps blocking a repeat) stays for the audit.
  virtual std::vector<OutboxChange> discard(const std::vector<std::string>& keys, std::string_view actor,
                                            Instant now) = 0;
};

}  // namespace lobsync::store
