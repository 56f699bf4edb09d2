#include "outbox/dispatch_loop.h"

#include "core/log.h"
#include "outbox/dispatch_report.h"

namespace lobsync::outbox {

DispatchLoop::DispatchLoop(Dispatcher& dispatcher, std::chrono::milliseconds interval)
    : dispatcher_(dispatcher), interval_(interval) {}

DispatchLoop::~DispatchLoop() { stop(); }

void DispatchLoop::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  woken_ = true;  // first run at once
  thread_ = std::thread([this] { loop(); });
}

void DispatchLoop::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void DispatchLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  dispatcher_.request_stop();
  cv_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::uint64_t DispatchLoop::runs() const {
  std::lock_guard lock(mutex_);
  return runs_;
}

void DispatchLoop::loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
      if (stopping_) return;
      woken_ = false;
    }
    try {
      const auto result = dispatcher_.run_once();
      if (result.sent + result.failed + result.retry_later > 0) log::info("outbox: {}", counts_line(result));
    } catch (const std::exception& e) {
      // The store is unreachable or failing; the next round tries again.
      log::error("outbox dispatch failed: {}", e.what());
    }
    std::lock_guard lock(mutex_);
    ++runs_;
  }
}

}  // namespace lobsync::outbox
