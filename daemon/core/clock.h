// Time as the host sees it. Instants are UTC; local school time is derived where it is shown or
// scheduled (see jobs/local_time.h). A Clock is injected so tests can fix or move time.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace lobsync {

using Instant = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

inline Instant instant_from_unix_ms(std::int64_t ms) { return Instant(std::chrono::milliseconds(ms)); }
inline std::int64_t unix_ms(Instant t) { return t.time_since_epoch().count(); }

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
};

// A clock that only moves when told to; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start) {}
  Instant now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void set(Instant t) {
    std::lock_guard lock(mutex_);
    now_ = t;
  }
  void advance(std::chrono::milliseconds d) {
    std::lock_guard lock(mutex_);
    now_ += d;
  }

 private:
  mutable std::mutex mutex_;
  Instant now_;
};

}  // namespace lobsync
