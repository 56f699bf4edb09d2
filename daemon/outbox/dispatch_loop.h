// The dispatcher's own thread in `lobsync serve`: a run every poll interval, and one at once
// when someone calls wake() (the planner after queuing invitations). Stopped on shutdown and
// before a config reload swaps the Services it belongs to.
#pragma once

#include "outbox/dispatcher.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace lobsync::outbox {

class DispatchLoop {
 public:
  DispatchLoop(Dispatcher& dispatcher, std::chrono::milliseconds interval);
  ~DispatchLoop();  // stops
  DispatchLoop(const DispatchLoop&) = delete;
  DispatchLoop& operator=(const DispatchLoop&) = delete;

  // Starts the thread; its first run is at once (items left from before a restart).
  void start();
  // Asks for a run as soon as the current one (if any) ends. Cheap; callable from any thread.
  void wake();
  // Stops the dispatcher after the items in hand and joins the thread. Idempotent.
  void stop();

  // Runs finished since start (for tests and status).
  std::uint64_t runs() const;

 private:
  void loop();

  Dispatcher& dispatcher_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;  // guards the flags and runs_
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::uint64_t runs_ = 0;
  std::thread thread_;
};

}  // namespace lobsync::outbox
