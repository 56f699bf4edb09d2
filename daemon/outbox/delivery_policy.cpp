#include "outbox/delivery_policy.h"

#include "net/backoff.h"

#include <algorithm>

namespace lobsync::outbox {

bool permanent_failure(lobsync_status status) {
  return status == LOBSYNC_E_INVALID_ARGUMENT || status == LOBSYNC_E_PERMANENT || status == LOBSYNC_E_NOT_SUPPORTED;
}

Verdict verdict_for(lobsync_status status, std::chrono::milliseconds failing_for,
                    std::chrono::milliseconds retry_period) {
  if (status == LOBSYNC_OK) return Verdict::sent;
  if (permanent_failure(status)) return Verdict::dead;
  return failing_for >= retry_period ? Verdict::dead : Verdict::retry;
}

std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds max) {
  const auto cap = std::max(net::backoff_cap(attempt, base, max), kMinRetryDelay);
  return std::max(net::full_jitter(cap), kMinRetryDelay);
}

}  // namespace lobsync::outbox
