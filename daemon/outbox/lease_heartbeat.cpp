#include "outbox/lease_heartbeat.h"

#include "core/log.h"

#include <algorithm>
#include <exception>

namespace lobsync::outbox {

LeaseHeartbeat::LeaseHeartbeat(store::OutboxStore& store, std::chrono::milliseconds lease, const Clock& clock)
    : store_(store),
      lease_(lease),
      // Two beats may fail (the database busy with another process) before the lease runs out.
      interval_(std::max(lease / 3, std::chrono::milliseconds(1))),
      clock_(clock),
      thread_([this](const std::stop_token& stop) { beat(stop); }) {}

LeaseHeartbeat::~LeaseHeartbeat() {
  thread_.request_stop();  // wakes the waits below through their stop token
  if (thread_.joinable()) thread_.join();
}

void LeaseHeartbeat::hold(const store::OutboxItem& item) {
  std::lock_guard lock(mutex_);
  holding_ = true;
  ++generation_;
  claim_ = item.claim();
  key_ = item.key;
  channel_ = item.channel;
  next_beat_ = std::chrono::steady_clock::now() + interval_;
  held_ = true;
}

void LeaseHeartbeat::release() {
  std::lock_guard lock(mutex_);
  holding_ = false;
  ++generation_;
}

void LeaseHeartbeat::beat(const std::stop_token& stop) {
  // The thread looks four times per interval instead of being woken by hold() and release():
  // those come twice per message, and a wake-up each cost more than a fast server's reply. So a
  // renewal comes at most a quarter interval late, well inside the lease.
  const auto look = std::max(interval_ / 4, std::chrono::milliseconds(1));
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, stop, look, [] { return false; })) {
    if (stop.stop_requested()) return;
    if (!holding_ || std::chrono::steady_clock::now() < next_beat_) continue;
    const auto generation = generation_;
    const auto claim = claim_;
    const auto key = key_;
    const auto channel = channel_;
    lock.unlock();
    bool renewed = true;
    bool failed = false;
    try {
      renewed = store_.renew_lease(claim, clock_.now(), lease_);
    } catch (const std::exception& e) {
      failed = true;
      log::warn("outbox item {} on {}: lease not renewed, trying again: {}", key, channel, e.what());
    }
    lock.lock();
    if (generation_ != generation) continue;  // the call ended meanwhile: nothing to say about it
    next_beat_ = std::chrono::steady_clock::now() + interval_;
    if (failed) continue;
    if (!renewed) {
      held_ = false;
      holding_ = false;
      log::warn("outbox item {} on {}: another dispatcher took it over while its call ran (this process was "
                "stalled longer than outbox.lease_seconds); the receiver may see it twice",
                key, channel);
      continue;
    }
    ++renewals_;
  }
}

}  // namespace lobsync::outbox
