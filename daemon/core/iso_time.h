// Instants as ISO 8601 UTC text ("2026-12-01T14:00:00Z"), the form used in JSON everywhere:
// CLI output, plugin requests (busy.read) and the API.
#pragma once

#include "core/clock.h"

#include <optional>
#include <string>
#include <string_view>

namespace lobsync {

std::string iso_utc(Instant t);  // whole seconds
// Accepts "YYYY-MM-DDTHH:MM:SSZ", with optional fractional seconds; nullopt otherwise.
std::optional<Instant> parse_iso_utc(std::string_view text);

}  // namespace lobsync
