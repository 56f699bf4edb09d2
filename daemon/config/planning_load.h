// Reads the "planning" section of the config file over the shipped default policy.
#pragma once

#include "config/reader.h"

namespace lobsync::config {

void read_planning(Reader& reader, const nlohmann::json& root, Config& config);

}  // namespace lobsync::config
