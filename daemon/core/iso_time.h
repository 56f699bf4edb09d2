// Instants as ISO 8601 UTC text ("2026-12-01T14:00:00Z"), the form used in JSON everywhere:
// CLI output, plugin requests (busy.read) and the API.
#pragma once

#include "core/clock.h"

#include <optional>
#include <string>
#include <string_view>

namespace lobsync {

std::string iso_utc(Instant t);  // whole seconds
// `t` in the time zone named `timezone` (the school's, e.g. Europe/Amsterdam), whole seconds:
// "2026-10-25T02:59:00+01:00" for JSON, "2026-10-25 02:59 CET" for people. An unknown zone
// falls back to UTC.
std::string iso_local(Instant t, std::string_view timezone);
std::string local_text(Instant t, std::string_view timezone);
// Accepts "YYYY-MM-DDTHH:MM:SSZ", with optional fractional seconds; nullopt otherwise.
std::optional<Instant> parse_iso_utc(std::string_view text);

}  // namespace lobsync
