// What an attempt's outcome means for an outbox item, and how long a retry waits. Kept apart
// from the dispatcher so the rules can be read (and tested) in one place.
#pragma once

#include <lobsync/plugin_abi.h>

#include <chrono>

namespace lobsync::outbox {

enum class Verdict { sent, retry, dead };

// The shortest wait before a retry. Full jitter may pick zero; an item retried in the same
// instant would be due again within the run that just failed it.
inline constexpr std::chrono::milliseconds kMinRetryDelay{1000};

// OK: sent. INVALID_ARGUMENT, PERMANENT and NOT_SUPPORTED: dead at once, because repeating the
// same request cannot help. Everything else (UNAVAILABLE, AUTH, CONFIG, INTERNAL, ...) may be
// fixed by time or by an administrator: retry, unless `attempt` was the last one allowed.
Verdict verdict_for(lobsync_status status, int attempt, int max_attempts);

// The wait after failed attempt number `attempt` (1 = the first): uniformly random in
// [kMinRetryDelay, min(base * 2^(attempt-1), max)] (exponential backoff, full jitter).
std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds max);

}  // namespace lobsync::outbox
