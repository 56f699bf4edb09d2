#include "outbox/lease_heartbeat.h"

#include "core/log.h"

#include <algorithm>
#include <exception>

namespace lobsync::outbox {

LeaseHeartbeat::LeaseHeartbeat(store::OutboxStore& store, const store::OutboxItem& item,
                               std::chrono::milliseconds lease, const Clock& clock)
    : store_(store),
      claim_(item.claim()),
      key_(item.key),
      channel_(item.channel),
      lease_(lease),
      clock_(clock),
      thread_([this](const std::stop_token& stop) { beat(stop); }) {}

LeaseHeartbeat::~LeaseHeartbeat() {
  thread_.request_stop();  // wakes the wait below through its stop token
  if (thread_.joinable()) thread_.join();
}

void LeaseHeartbeat::beat(const std::stop_token& stop) {
  // Two beats may fail (the database busy with another process) before the lease runs out.
  const auto interval = std::max(lease_ / 3, std::chrono::milliseconds(1));
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, stop, interval, [] { return false; })) {
    if (stop.stop_requested()) return;
    try {
      if (!store_.renew_lease(claim_, clock_.now(), lease_)) {
        held_ = false;
        log::warn("outbox item {} on {}: another dispatcher took it over while its call ran (this process was "
                  "stalled longer than outbox.lease_seconds); the receiver may see it twice",
                  key_, channel_);
        return;
      }
      ++renewals_;
    } catch (const std::exception& e) {
      log::warn("outbox item {} on {}: lease not renewed, trying again: {}", key_, channel_, e.what());
    }
  }
}

}  // namespace lobsync::outbox
