// Keeps a worker's current claim alive while its plugin call runs: the lease is renewed every
// third of its length, so no other dispatcher can take the item over however long the call
// takes. Only a dispatcher that stops beating (killed, frozen) loses its items, after one lease.
// One heartbeat serves one worker for a whole run, item after item: a thread per item cost more
// than sending a message to a fast server.
#pragma once

#include "core/clock.h"
#include "store/outbox_store.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace lobsync::outbox {

class LeaseHeartbeat {
 public:
  LeaseHeartbeat(store::OutboxStore& store, std::chrono::milliseconds lease, const Clock& clock);
  ~LeaseHeartbeat();  // stops and joins
  LeaseHeartbeat(const LeaseHeartbeat&) = delete;
  LeaseHeartbeat& operator=(const LeaseHeartbeat&) = delete;

  // Renews this item's claim from now on, the first time after lease / 3 (at most a quarter of
  // that later), until release() or the next hold().
  void hold(const store::OutboxItem& item);
  // Stops renewing (the outcome is recorded, or about to be).
  void release();

  // Renewals made so far (for tests and logs).
  int renewals() const { return renewals_; }
  // False once a renewal found that another worker holds the current claim now.
  bool held() const { return held_; }

 private:
  void beat(const std::stop_token& stop);

  store::OutboxStore& store_;
  std::chrono::milliseconds lease_;
  std::chrono::milliseconds interval_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable_any wake_;  // only the stop wakes it
  // What is held, under mutex_; `generation_` changes with every hold() and release(), so a
  // renewal that raced with one is not counted against the next item.
  bool holding_ = false;
  std::uint64_t generation_ = 0;
  store::OutboxClaim claim_;
  std::string key_, channel_;
  std::chrono::steady_clock::time_point next_beat_;
  std::atomic<int> renewals_{0};
  std::atomic<bool> held_{true};
  std::jthread thread_;  // last: it starts after every member it uses
};

}  // namespace lobsync::outbox
