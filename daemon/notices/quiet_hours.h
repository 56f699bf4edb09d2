// Quiet hours: local wall-clock hours (config notices.quiet_hours, default 21:00-07:30) in which
// no digest is delivered. A digest made inside them is queued for their end.
#pragma once

#include "config/config.h"
#include "core/clock.h"

#include <date/tz.h>

#include <optional>

namespace lobsync::notices {

// The end of the quiet hours `now` falls in, or nullopt when `now` is outside them. Local times
// are read in `zone`; an end that falls in the spring-forward gap resolves to the end of the gap,
// and on the autumn day with two 02:30s each of them is inside "21:00-07:30".
std::optional<Instant> quiet_until(const config::NoticeSettings& settings, const date::time_zone* zone, Instant now);

// The first instant a digest made at `now` may be delivered: now, or the end of quiet hours.
Instant deliverable_from(const config::NoticeSettings& settings, const date::time_zone* zone, Instant now);

}  // namespace lobsync::notices
