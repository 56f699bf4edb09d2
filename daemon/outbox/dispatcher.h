// Delivers what the outbox holds through plugin instances. Each item names its channel (a
// plugin instance), an operation ("mail.send", "calendar.put", "dossier.push", ...) and the
// request handed to the plugin as is. One worker serves one channel at a time, up to `workers`
// channels in parallel. A channel with several connections (the instance's setting
// `connections`: copies of the instance, each taking one call at a time) delivers each claimed
// batch over all of them at once, the items of one order group over one connection in order.
//
// Crash safety comes from the store. A worker claims a batch of items with a lease; right
// before each plugin call it confirms the item is still its own and counts the attempt
// (another dispatcher may have taken over an item whose lease ran out while it waited in the
// batch: then it is skipped), and while the call runs a heartbeat renews the lease. So two
// dispatchers never deliver the same item, however long a call takes. The item is marked sent
// right after the plugin says OK; a process killed in between leaves it in flight, and once
// its lease has run out it is delivered again: at most one repeat per crash and connection,
// which the idempotency key (and a mail's stable Message-ID) lets the receiver recognise.
//
// A retryable failure is retried with backoff for outbox.retry_hours from the item's first
// failed attempt; only then is it dead. When a run gives items up, the administrators are told
// in one message (dead_report.h).
#pragma once

#include "config/config.h"
#include "core/clock.h"
#include "outbox/dead_report.h"
#include "outbox/lease_heartbeat.h"
#include "plugin_host/runtime.h"
#include "store/outbox_store.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lobsync::outbox {

// The config's "outbox" object (config/config.h): lease, retry period, backoff, batch, workers,
// poll_interval.
using DispatchSettings = config::OutboxSettings;

struct DispatchFailure {
  std::string key, channel, error;
  bool dead = false;  // false: rescheduled
};

struct DispatchResult {
  std::int64_t sent = 0;         // delivered in this run
  std::int64_t failed = 0;       // went dead in this run
  std::int64_t retry_later = 0;  // attempted (or refused by its channel) and rescheduled in this run
  std::vector<DispatchFailure> failures;
  std::string admin_report;      // key of the report about this run's dead items, when one was queued
};

class Dispatcher {
 public:
  // `notice` says whom to tell about dead items; without an admin configured nobody is mailed.
  Dispatcher(store::OutboxStore& store, plugin_host::PluginRuntime& plugins, const Clock& clock,
             DispatchSettings settings, AdminNotice notice = {});
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Delivers every item that is due now, each at most once in this call; returns counts. Runs
  // of one dispatcher take turns. A store failure is thrown after every worker has stopped.
  DispatchResult run_once();

  // Forgets the messages of items delivered more than settings().keep_sent ago (the daily
  // dispatch job and `lobsync dispatch` call it; the serve loop does not, it runs too often).
  // Returns how many were forgotten.
  std::size_t forget_old_messages();

  // Makes a running run_once() stop after the items in hand and hand back the rest of its
  // claims; later calls return at once. For shutdown and config reload.
  void request_stop();
  bool stop_requested() const { return stopping_; }

  const DispatchSettings& settings() const { return settings_; }

 private:
  class Tally;
  // One of a channel's connections (plugin_host::PluginRuntime::connections) and the heartbeat
  // of the claim it is delivering.
  struct Connection {
    plugin_host::PluginInstance* instance = nullptr;
    std::unique_ptr<LeaseHeartbeat> heartbeat;
  };

  // Why `channel` cannot deliver `operation`, or nullopt when it can.
  std::optional<std::string> why_unusable(const std::string& channel, const std::string& operation) const;
  void defer(const store::OutboxDue& due, const std::string& reason, Instant started, Tally& tally);
  void serve_channel(const std::string& channel, Instant started, Tally& tally);
  // Delivers `items` one after the other over `lane`, giving the rest back when stopped.
  void deliver_in_order(Connection& lane, const std::vector<const store::OutboxItem*>& items, Tally& tally);
  void deliver(Connection& lane, const store::OutboxItem& item, Tally& tally);
  plugin_host::CallResult call(Connection& lane, const store::OutboxItem& item);
  void report_failure(const store::OutboxItem& item, plugin_host::CallStatus status, const std::string& error, Tally& tally);
  // Queues the administrators' report about this run's dead items and sends it at once.
  void tell_admins(Instant started, Tally& tally);

  store::OutboxStore& store_;
  plugin_host::PluginRuntime& plugins_;
  const Clock& clock_;
  DispatchSettings settings_;
  AdminNotice notice_;
  std::mutex run_mutex_;
  std::atomic<bool> stopping_{false};
};

}  // namespace lobsync::outbox
