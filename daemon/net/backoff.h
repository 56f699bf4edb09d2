// How long to wait before a retry: exponential backoff with full jitter, so that many clients
// that failed together (a school board's daemons hitting one SIS) do not retry together.
#pragma once

#include <chrono>

namespace lobsync::net {

// The longest wait before retry number `retry` (1 = the first retry): initial * 2^(retry-1),
// never more than max.
std::chrono::milliseconds backoff_cap(int retry, std::chrono::milliseconds initial,
                                      std::chrono::milliseconds max);

// A uniformly random wait in [0, cap] ("full jitter").
std::chrono::milliseconds full_jitter(std::chrono::milliseconds cap);

}  // namespace lobsync::net
