#include "outbox/dispatcher.h"

#include "core/log.h"
#include "messaging/message_error.h"
#include "outbox/deliverable_request.h"
#include "outbox/delivery_policy.h"
#include "outbox/lease_heartbeat.h"
#include "outbox/outbox_metrics.h"
#include "plugin_host/capabilities.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <unordered_map>

namespace lobsync::outbox {
namespace {

using std::chrono::milliseconds;

std::string describe(plugin_host::CallStatus status, const std::string& error) {
  const std::string name = plugin_host::status_name(status);
  if (error.empty() || error == name) return name;
  return name + ": " + error;
}

long long whole_seconds(milliseconds d) { return std::chrono::duration_cast<std::chrono::seconds>(d).count(); }

// "3 h 20 min", "12 min", "40 s": how long an item has been failing, for people.
std::string duration_text(milliseconds d) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(d).count();
  if (minutes == 0) return std::to_string(whole_seconds(d)) + " s";
  if (minutes < 60) return std::to_string(minutes) + " min";
  return std::to_string(minutes / 60) + " h" + (minutes % 60 == 0 ? "" : " " + std::to_string(minutes % 60) + " min");
}

// The first exception of several threads, thrown once they have all stopped.
class FirstError {
 public:
  template <class Work>
  void run(Work&& work) {
    try {
      work();
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
    }
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
};

void warn_taken_over(const store::OutboxItem& item) {
  log::warn("outbox item {} on {}: outcome not recorded: another dispatcher had taken the item over", item.key,
            item.channel);
}

}  // namespace

// One run's counts, filled by all workers, and the deliveries metric next to them.
class Dispatcher::Tally {
 public:
  void sent(const std::string& channel) {
    count_delivery(channel, "sent");
    std::lock_guard lock(mutex_);
    ++result_.sent;
  }
  void rescheduled(const store::OutboxItem& item, const std::string& error) {
    count_delivery(item.channel, "retry");
    std::lock_guard lock(mutex_);
    ++result_.retry_later;
    result_.failures.push_back({item.key, item.channel, error, false});
  }
  void dead(const store::OutboxItem& item, const std::string& error) {
    count_delivery(item.channel, "dead");
    std::lock_guard lock(mutex_);
    ++result_.failed;
    result_.failures.push_back({item.key, item.channel, error, true});
  }
  void deferred(const std::vector<std::string>& keys, const std::string& channel, const std::string& error) {
    count_delivery(channel, "deferred", static_cast<double>(keys.size()));
    std::lock_guard lock(mutex_);
    result_.retry_later += static_cast<std::int64_t>(keys.size());
    for (const auto& key : keys) result_.failures.push_back({key, channel, error, false});
  }
  void admin_report(const std::string& key) {
    std::lock_guard lock(mutex_);
    result_.admin_report = key;
  }
  std::vector<DispatchFailure> failures() {
    std::lock_guard lock(mutex_);
    return result_.failures;
  }
  DispatchResult take() {
    std::lock_guard lock(mutex_);
    return std::move(result_);
  }

 private:
  std::mutex mutex_;
  DispatchResult result_;
};

Dispatcher::Dispatcher(store::OutboxStore& store, plugin_host::PluginRuntime& plugins, const Clock& clock,
                       DispatchSettings settings, AdminNotice notice)
    : store_(store), plugins_(plugins), clock_(clock), settings_(settings), notice_(std::move(notice)) {}

void Dispatcher::request_stop() { stopping_ = true; }

std::size_t Dispatcher::forget_old_messages() {
  const auto forgotten = store_.forget_sent_requests(clock_.now() - settings_.keep_sent);
  if (forgotten > 0) log::info("outbox: forgot the messages of {} items delivered over {} days ago", forgotten,
                               settings_.keep_sent.count() / 24);
  return forgotten;
}

DispatchResult Dispatcher::run_once() {
  std::lock_guard run_lock(run_mutex_);
  Tally tally;
  if (stopping_) return tally.take();
  // One instant for the whole run: what is due then gets one attempt. Anything this run
  // reschedules lies after it, so no item is attempted twice in one call.
  const Instant started = clock_.now();
  std::vector<std::string> channels;
  for (const auto& due : store_.outbox_due(started)) {
    if (auto reason = why_unusable(due.channel, due.operation)) {
      defer(due, *reason, started, tally);
    } else if (channels.empty() || channels.back() != due.channel) {
      channels.push_back(due.channel);  // outbox_due() is ordered by channel
    }
  }

  std::atomic<std::size_t> next{0};
  FirstError error;
  auto worker = [&] {
    for (std::size_t i = next++; i < channels.size(); i = next++) error.run([&] { serve_channel(channels[i], started, tally); });
  };
  {
    const auto parallel = std::min<std::size_t>(std::max(settings_.workers, 1u), channels.size());
    std::vector<std::jthread> helpers;  // joined when the block ends, also if starting one fails
    for (std::size_t i = 1; i < parallel; ++i) helpers.emplace_back(worker);
    worker();
  }
  try {
    tell_admins(started, tally);
  } catch (const std::exception& e) {
    log::error("outbox: the administrators could not be told about the dead items: {}", e.what());
  }
  try {
    publish_item_gauges(store_);
  } catch (const std::exception& e) {
    log::warn("outbox: item gauges not updated: {}", e.what());
  }
  error.rethrow();
  return tally.take();
}

std::optional<std::string> Dispatcher::why_unusable(const std::string& channel, const std::string& operation) const {
  const auto* instance = plugins_.instance(channel);
  if (instance == nullptr) {
    for (const auto& state : plugins_.states()) {
      if (state.instance != channel) continue;
      if (!state.enabled) return "plugin instance " + channel + " is disabled in the config";
      return "plugin instance " + channel + " is not running: " + state.error;
    }
    return "no plugin instance " + channel + " is configured";
  }
  if (!plugin_host::operation_allowed(instance->plugin().capabilities, operation)) {
    std::string capabilities;
    for (const auto& name : plugin_host::capability_names(instance->plugin().capabilities)) {
      capabilities += (capabilities.empty() ? "" : ", ") + name;
    }
    return "plugin instance " + channel + " (plugin " + instance->plugin().name + ": " + capabilities +
           ") cannot do " + operation;
  }
  return std::nullopt;
}

void Dispatcher::defer(const store::OutboxDue& due, const std::string& reason, Instant started, Tally& tally) {
  // Not an attempt: nothing was tried, and the fix (the config) is an administrator's. The
  // items stay pending and are looked at again after backoff_base.
  const auto keys = store_.defer(due.channel, due.operation, reason, started, clock_.now() + settings_.backoff_base);
  if (keys.empty()) return;
  log::warn("outbox: {} item(s) for {} ({}) wait: {}; looking again in {} s", keys.size(), due.channel,
            due.operation, reason, settings_.backoff_base.count());
  tally.deferred(keys, due.channel, reason);
}

void Dispatcher::serve_channel(const std::string& channel, Instant started, Tally& tally) {
  // run_once checked the channel runs; the runtime does not change while it lives.
  const auto connections = plugins_.connections(channel);
  if (connections.empty()) return;
  std::vector<Connection> lanes;
  lanes.reserve(connections.size());
  for (auto* instance : connections) {
    lanes.push_back({instance, std::make_unique<LeaseHeartbeat>(store_, settings_.lease, clock_)});
  }
  while (!stopping_) {
    // Claims ask for items due at the run's start (see run_once), but each lease must still
    // last `lease` from now.
    const auto elapsed = std::max(milliseconds(0), clock_.now() - started);
    const auto lease = std::chrono::duration_cast<milliseconds>(settings_.lease) + elapsed;
    const auto items = store_.claim(channel, settings_.batch, started, lease);
    if (items.empty()) return;
    // The batch is shared out by order group, each group to one connection in claim order, and
    // the next batch is claimed only when this one is done: so the items of one group arrive in
    // the order queued, within the batch and across batches. New groups go round the
    // connections, which share the batch out evenly.
    std::vector<std::vector<const store::OutboxItem*>> shares(lanes.size());
    std::unordered_map<std::string_view, std::size_t> lane_of_group;
    for (const auto& item : items) {
      const auto [it, added] = lane_of_group.try_emplace(item.order_group, lane_of_group.size() % lanes.size());
      shares[it->second].push_back(&item);
    }
    FirstError error;
    {
      std::vector<std::jthread> helpers;  // joined when the block ends; none with one connection
      for (std::size_t i = 1; i < lanes.size(); ++i) {
        if (!shares[i].empty()) helpers.emplace_back([&, i] { error.run([&] { deliver_in_order(lanes[i], shares[i], tally); }); });
      }
      error.run([&] { deliver_in_order(lanes[0], shares[0], tally); });
    }
    error.rethrow();
  }
}

void Dispatcher::deliver_in_order(Connection& lane, const std::vector<const store::OutboxItem*>& items, Tally& tally) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (stopping_) {
      // Untouched claims go back at once instead of waiting out their lease.
      for (; i < items.size(); ++i) store_.release(items[i]->claim());
      return;
    }
    deliver(lane, *items[i], tally);
  }
}

void Dispatcher::deliver(Connection& lane, const store::OutboxItem& claimed, Tally& tally) {
  if (auto reason = why_unusable(claimed.channel, claimed.operation)) {
    // Queued after run_once looked at the due work: a config problem, so a retry.
    report_failure(claimed, plugin_host::CallStatus::config, *reason, tally);
    return;
  }
  // The batch was claimed a while ago: only now, right before the call, is the attempt counted,
  // and only if the claim is still ours (another dispatcher takes over a claim whose lease ran
  // out while it waited in the batch).
  const auto attempt = store_.begin_attempt(claimed.claim(), clock_.now(), settings_.lease);
  if (!attempt) {
    log::debug("outbox item {} on {}: another dispatcher took it over; left to it", claimed.key, claimed.channel);
    return;
  }
  auto item = claimed;
  item.attempts = *attempt;
  log::debug("outbox item {} on {}: attempt {} starts", item.key, item.channel, item.attempts);
  const auto result = call(lane, item);
  if (result.ok()) {
    // Recorded straight away: a crash before this commit is the one moment an item can be
    // delivered twice (the lease runs out and the item goes again).
    if (!store_.mark_sent(item.claim(), clock_.now())) {
      log::warn("outbox item {} on {}: delivered, but another dispatcher had taken it over; the receiver may see it "
                "twice",
                item.key, item.channel);
    }
    log::debug("outbox item {} on {}: sent", item.key, item.channel);
    tally.sent(item.channel);
    return;
  }
  report_failure(item, result.status, describe(result.status, result.error), tally);
}

plugin_host::CallResult Dispatcher::call(Connection& lane, const store::OutboxItem& item) {
  // Most requests go as they are; an invitation kept as its recipe is built first.
  nlohmann::json built;
  if (needs_building(item.request)) {
    try {
      built = deliverable_request(item.request);
    } catch (const messaging::MessageError& e) {
      // The plan checked what it could (check_invitation_recipe); sending again cannot help.
      return {plugin_host::CallStatus::invalid_argument, std::string("the message could not be built: ") + e.what()};
    }
  }
  const auto& request = built.is_null() ? item.request : built;
  // The heartbeat keeps the claim ours for as long as the plugin takes.
  lane.heartbeat->hold(item);
  plugin_host::CallResult result;
  try {
    // What the plugin emits (a message id, a file name) is not needed: the outcome is the status.
    result = lane.instance->call(item.operation, request, [](std::string_view) { return true; });
  } catch (const std::exception& e) {
    result = {plugin_host::CallStatus::internal, std::string("the host could not make the call: ") + e.what()};
  }
  lane.heartbeat->release();
  return result;
}

void Dispatcher::report_failure(const store::OutboxItem& item, plugin_host::CallStatus status, const std::string& error,
                                Tally& tally) {
  // The plugin's words go to the log and the store; the request (personal data) never does.
  const auto now = clock_.now();
  const auto failing_for = item.failing_since ? std::max(milliseconds(0), now - *item.failing_since) : milliseconds(0);
  if (verdict_for(status, failing_for, settings_.retry_period) == Verdict::dead) {
    const auto why = permanent_failure(status) ? error
                                               : error + " (gave up after retrying for " + duration_text(failing_for) +
                                                     ", " + std::to_string(item.attempts) + " attempts)";
    if (!store_.mark_dead(item.claim(), why)) warn_taken_over(item);
    log::error("outbox item {} on {} is dead: {}", item.key, item.channel, why);
    tally.dead(item, why);
    return;
  }
  const auto delay = retry_delay(item.attempts, settings_.backoff_base, settings_.backoff_max);
  if (!store_.mark_retry(item.claim(), error, now, now + delay)) warn_taken_over(item);
  log::warn("outbox item {} on {} failed (attempt {}, failing for {} of at most {} h), next try in {} s: {}", item.key,
            item.channel, item.attempts, duration_text(failing_for), settings_.retry_period.count(),
            whole_seconds(delay), error);
  tally.rescheduled(item, error);
}

void Dispatcher::tell_admins(Instant started, Tally& tally) {
  const auto failures = tally.failures();
  // A report that went dead itself was logged; reporting it would only start a loop.
  const auto dead = std::count_if(failures.begin(), failures.end(),
                                  [](const DispatchFailure& f) { return f.dead && !is_dead_report(f.key); });
  if (dead == 0) return;
  if (!notice_.admin.configured()) {
    count_dead_report("nobody_configured");
    log::error("outbox: {} item(s) went dead in this run; no admin.email is configured, so nobody is told by mail "
               "(lobsync outbox list --state dead)",
               dead);
    return;
  }
  std::optional<store::OutboxEntry> report;
  try {
    report = dead_report(failures, notice_, started);
  } catch (const messaging::MessageError& e) {
    count_dead_report("failed");
    log::error("outbox: {} item(s) went dead in this run; the report to the administrators could not be written: {}",
               dead, e.what());
    return;
  }
  if (!report) return;
  // Due at the run's start, so this run can still deliver it (nothing it rescheduled is due then).
  store_.enqueue_not_before(report->key, report->channel, report->operation, report->request, clock_.now(), started);
  count_dead_report("queued");
  tally.admin_report(report->key);
  log::error("outbox: {} item(s) went dead in this run; the administrators are told (outbox item {})", dead, report->key);
  if (stopping_ || why_unusable(report->channel, report->operation)) return;  // a later run sends it
  serve_channel(report->channel, started, tally);
}

}  // namespace lobsync::outbox
