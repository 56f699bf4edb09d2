// Reads the "assignments" section of the config file: when home assignments go out and which
// template each conversation type gets.
#pragma once

#include "config/reader.h"

namespace lobsync::config {

// Reads over the defaults in config::AssignmentSettings. A type mapped to null loses its
// assignment. Template ids the config names must exist in the shipped translations.
void read_assignments(Reader& reader, const nlohmann::json& root, Config& config);

}  // namespace lobsync::config
