// Keeps one item's claim alive while its plugin call runs: the lease is renewed every third of
// its length, so no other dispatcher can take the item over however long the call takes. Only
// a dispatcher that stops beating (killed, frozen) loses its items, after one lease.
#pragma once

#include "core/clock.h"
#include "store/outbox_store.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace lobsync::outbox {

class LeaseHeartbeat {
 public:
  // Starts beating at once; the first renewal comes after lease / 3.
  LeaseHeartbeat(store::OutboxStore& store, const store::OutboxItem& item, std::chrono::milliseconds lease,
                 const Clock& clock);
  ~LeaseHeartbeat();  // stops and joins
  LeaseHeartbeat(const LeaseHeartbeat&) = delete;
  LeaseHeartbeat& operator=(const LeaseHeartbeat&) = delete;

  // Renewals made so far (for tests and logs).
  int renewals() const { return renewals_; }
  // False once a renewal found that another worker holds the claim now.
  bool held() const { return held_; }

 private:
  void beat(const std::stop_token& stop);

  store::OutboxStore& store_;
  store::OutboxClaim claim_;
  std::string key_, channel_;
  std::chrono::milliseconds lease_;
  const Clock& clock_;
  std::atomic<int> renewals_{0};
  std::atomic<bool> held_{true};
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: it starts after every member it uses
};

}  // namespace lobsync::outbox
