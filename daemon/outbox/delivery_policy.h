// What an attempt's outcome means for an outbox item, and how long a retry waits. Kept apart
// from the dispatcher so the rules can be read (and tested) in one place.
#pragma once

#include "plugin_host/call_status.h"

#include <chrono>

namespace lobsync::outbox {

enum class Verdict { sent, retry, dead };

// The shortest wait before a retry. Full jitter may pick zero; an item retried in the same
// instant would be due again within the run that just failed it.
inline constexpr std::chrono::milliseconds kMinRetryDelay{1000};

using plugin_host::CallStatus;

// invalid_argument, permanent and not_supported: repeating the same request cannot help.
bool permanent_failure(CallStatus status);

// ok: sent. A permanent failure: dead at once. Everything else (unavailable, auth, config,
// internal, ...) may be fixed by time or by an administrator: retry, until the item has been
// failing for `retry_period` (`failing_for` is the time since its first failed attempt; 0 at
// the first). An outage shorter than the period therefore never makes an item dead, however
// many attempts it took.
Verdict verdict_for(CallStatus status, std::chrono::milliseconds failing_for,
                    std::chrono::milliseconds retry_period);

// The wait after failed attempt number `attempt` (1 = the first): uniformly random in
// [kMinRetryDelay, min(base * 2^(attempt-1), max)] (exponential backoff, full jitter).
std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds max);

}  // namespace lobsync::outbox
