#include "outbox/delivery_policy.h"

#include "net/backoff.h"

#include <algorithm>

namespace lobsync::outbox {

Verdict verdict_for(lobsync_status status, int attempt, int max_attempts) {
  switch (status) {
    case LOBSYNC_OK:
      return Verdict::sent;
    case LOBSYNC_E_INVALID_ARGUMENT:
    case LOBSYNC_E_PERMANENT:
    case LOBSYNC_E_NOT_SUPPORTED:
      return Verdict::dead;
    default:
      return attempt >= max_attempts ? Verdict::dead : Verdict::retry;
  }
}

std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds max) {
  const auto cap = std::max(net::backoff_cap(attempt, base, max), kMinRetryDelay);
  return std::max(net::full_jitter(cap), kMinRetryDelay);
}

}  // namespace lobsync::outbox
