// Finding a staff member as an administrator names them on the command line.
#pragma once

#include "domain/school.h"

#include <string>

namespace lobsync::cli {

// The staff key for a key, an e-mail address (case-insensitive) or an abbreviation that exactly
// one staff member has (case-insensitive), or "" when nobody matches.
std::string staff_key_of(const domain::School& school, const std::string& mentor);

// staff_key_of(), and when nobody matches says so on stderr (for commands that then exit 2).
std::string staff_key_or_report(const domain::School& school, const std::string& mentor);

}  // namespace lobsync::cli
