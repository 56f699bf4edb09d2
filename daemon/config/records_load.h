// Reads the "records" section of the config file: when conversation records are final and which
// plugin instances receive them (dossier sinks).
#pragma once

#include "config/reader.h"

namespace lobsync::config {

void read_records(Reader& reader, const nlohmann::json& root, Config& config);

}  // namespace lobsync::config
