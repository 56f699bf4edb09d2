// Reads the "notices" section of the config file: quiet hours, reminder offsets, call list reach.
#pragma once

#include "config/reader.h"

#include <optional>
#include <string_view>
#include <utility>

namespace lobsync::config {

void read_notices(Reader& reader, const nlohmann::json& root, Config& config);

// "21:00-07:30" → minutes after local midnight (from, to); may cross midnight; from ≠ to.
std::optional<std::pair<int, int>> parse_quiet_hours(std::string_view text);

}  // namespace lobsync::config
