#include "outbox/dispatcher.h"

#include "core/log.h"
#include "outbox/delivery_policy.h"
#include "outbox/outbox_metrics.h"
#include "plugin_host/capabilities.h"

#include <algorithm>
#include <exception>
#include <thread>

namespace lobsync::outbox {
namespace {

using std::chrono::milliseconds;

std::string describe(lobsync_status status, const std::string& error) {
  const std::string name = plugin_host::status_name(status);
  if (error.empty() || error == name) return name;
  return name + ": " + error;
}

bool retryable(lobsync_status status) { return verdict_for(status, 0, 1) == Verdict::retry; }

long long whole_seconds(milliseconds d) { return std::chrono::duration_cast<std::chrono::seconds>(d).count(); }

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
  DispatchResult take() {
    std::lock_guard lock(mutex_);
    return std::move(result_);
  }

 private:
  std::mutex mutex_;
  DispatchResult result_;
};

Dispatcher::Dispatcher(store::OutboxStore& store, plugin_host::PluginRuntime& plugins, const Clock& clock,
                       DispatchSettings settings)
    : store_(store), plugins_(plugins), clock_(clock), settings_(settings) {}

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
  std::mutex error_mutex;
  std::exception_ptr error;
  auto worker = [&] {
    for (std::size_t i = next++; i < channels.size(); i = next++) {
      try {
        serve_channel(channels[i], started, tally);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    }
  };
  {
    const auto parallel = std::min<std::size_t>(std::max(settings_.workers, 1u), channels.size());
    std::vector<std::jthread> helpers;  // joined when the block ends, also if starting one fails
    for (std::size_t i = 1; i < parallel; ++i) helpers.emplace_back(worker);
    worker();
  }
  try {
    publish_item_gauges(store_);
  } catch (const std::exception& e) {
    log::warn("outbox: item gauges not updated: {}", e.what());
  }
  if (error) std::rethrow_exception(error);
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
  auto* instance = plugins_.instance(channel);
  if (instance == nullptr) return;  // run_once checked; the runtime does not change while it lives
  while (!stopping_) {
    // Claims ask for items due at the run's start (see run_once), but each lease must still
    // last `lease` from now.
    const auto elapsed = std::max(milliseconds(0), clock_.now() - started);
    const auto lease = std::chrono::duration_cast<milliseconds>(settings_.lease) + elapsed;
    const auto items = store_.claim(channel, settings_.batch, started, lease);
    if (items.empty()) return;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (stopping_) {
        // Untouched claims go back at once instead of waiting out their lease.
        for (; i < items.size(); ++i) store_.release(items[i].id, items[i].attempts);
        return;
      }
      deliver(*instance, items[i], tally);
    }
  }
}

void Dispatcher::deliver(plugin_host::PluginInstance& instance, const store::OutboxItem& item, Tally& tally) {
  if (auto reason = why_unusable(item.channel, item.operation)) {
    // Queued after run_once looked at the due work: a config problem, so a retry.
    report_failure(item, LOBSYNC_E_CONFIG, *reason, tally);
    return;
  }
  plugin_host::CallResult result;
  try {
    // What the plugin emits (a message id, a file name) is not needed: the outcome is the status.
    result = instance.call(item.operation, item.request, [](std::string_view) { return true; });
  } catch (const std::exception& e) {
    result = {LOBSYNC_E_INTERNAL, std::string("the host could not make the call: ") + e.what()};
  }
  if (result.ok()) {
    // Recorded straight away: a crash before this commit is the one moment an item can be
    // delivered twice (the lease runs out and the item goes again).
    if (!store_.mark_sent(item.id, item.attempts, clock_.now())) {
      log::warn("outbox item {} on {}: delivered, but its lease had run out and it was claimed again; the receiver may "
                "see it twice (outbox.lease_seconds is shorter than this call took)",
                item.key, item.channel);
    }
    tally.sent(item.channel);
    return;
  }
  report_failure(item, result.status, describe(result.status, result.error), tally);
}

void Dispatcher::report_failure(const store::OutboxItem& item, lobsync_status status, const std::string& error,
                                Tally& tally) {
  // The plugin's words go to the log and the store; the request (personal data) never does.
  if (verdict_for(status, item.attempts, settings_.max_attempts) == Verdict::dead) {
    const auto why = retryable(status) ? error + " (gave up after " + std::to_string(item.attempts) + " attempts)" : error;
    store_.mark_dead(item.id, item.attempts, why);
    log::error("outbox item {} on {} is dead: {}", item.key, item.channel, why);
    tally.dead(item, why);
    return;
  }
  const auto delay = retry_delay(item.attempts, settings_.backoff_base, settings_.backoff_max);
  store_.mark_retry(item.id, item.attempts, error, clock_.now() + delay);
  log::warn("outbox item {} on {} failed (attempt {} of {}), next try in {} s: {}", item.key, item.channel,
            item.attempts, settings_.max_attempts, whole_seconds(delay), error);
  tally.rescheduled(item, error);
}

}  // namespace lobsync::outbox
