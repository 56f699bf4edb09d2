// Reads the "planning" section of the config file over the shipped default policy.
#pragma once

#include "config/reader.h"

namespace lobsync::config {

void read_planning(Reader& reader, const nlohmann::json& root, Config& config);

// "15:30-20:00" (local wall-clock hours, ending after they start), else nullopt.
std::optional<domain::TimeWindow> parse_hours(std::string_view text);

}  // namespace lobsync::config
