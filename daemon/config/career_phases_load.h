// Reads the career phases: planning.career_phases (level → phase of each school year) and a
// conversation type's own "career_phase" (domain/career_phase.h).
#pragma once

#include "config/reader.h"

namespace lobsync::config {

void read_type_career_phase(Reader& r, const nlohmann::json& type, const std::string& path,
                            domain::ConversationType& out);
void read_career_phases(Reader& r, const nlohmann::json& planning, domain::Policy& policy);

}  // namespace lobsync::config
