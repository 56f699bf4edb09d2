#include "net/backoff.h"

#include <algorithm>
#include <cstdint>
#include <random>

namespace lobsync::net {

std::chrono::milliseconds backoff_cap(int retry, std::chrono::milliseconds initial,
                                      std::chrono::milliseconds max) {
  if (initial.count() <= 0 || max.count() <= 0) return std::chrono::milliseconds(0);
  std::int64_t wait = initial.count();
  // Doubling stops at max, so the shift can never overflow whatever retry is.
  for (int i = 1; i < retry && wait < max.count(); ++i) wait *= 2;
  return std::chrono::milliseconds(std::min(wait, static_cast<std::int64_t>(max.count())));
}

std::chrono::milliseconds full_jitter(std::chrono::milliseconds cap) {
  if (cap.count() <= 0) return std::chrono::milliseconds(0);
  // One generator per thread: perform() runs on many threads and must not share state.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::int64_t> pick(0, cap.count());
  return std::chrono::milliseconds(pick(rng));
}

}  // namespace lobsync::net
