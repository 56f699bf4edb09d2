#include "outbox/delivery_policy.h"

#include "net/backoff.h"

#include <algorithm>

namespace lobsync::outbox {

bool permanent_failure(CallStatus status) {
  return status == CallStatus::invalid_argument || status == CallStatus::permanent ||
         status == CallStatus::not_supported;
}

Verdict verdict_for(CallStatus status, std::chrono::milliseconds failing_for,
                    std::chrono::milliseconds retry_period) {
  if (status == CallStatus::ok) return Verdict::sent;
  if (permanent_failure(status)) return Verdict::dead;
  return failing_for >= retry_period ? Verdict::dead : Verdict::retry;
}

std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds max) {
  const auto cap = std::max(net::backoff_cap(attempt, base, max), kMinRetryDelay);
  return std::max(net::full_jitter(cap), kMinRetryDelay);
}

}  // namespace lobsync::outbox
