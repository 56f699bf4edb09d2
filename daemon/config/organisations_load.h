// Reads school.guardian_organisations: the names and relations that make a guardian an
// organisation (domain/guardian_organisations.h). A list given replaces the shipped one.
#pragma once

#include "config/reader.h"

namespace lobsync::config {

void read_guardian_organisations(Reader& r, const nlohmann::json& school, Config& c);

}  // namespace lobsync::config
