// The dossier-files plugin's settings and their checks (JSON pointers relative to the settings).
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <string>

namespace dossier_files {

inline constexpr const char* kDefaultSchoolTimezone = "Europe/Amsterdam";

struct Settings {
  std::string folder;
  bool html = true;
  // Times on the HTML page are the school's local time; the host's school.timezone does not
  // reach plugins, so a school outside Amsterdam's zone sets it here too.
  std::string school_timezone = kDefaultSchoolTimezone;
};

// Reports every problem with its JSON pointer.
void validate_settings(const nlohmann::json& settings, lobsync::sdk::Problems& problems);

// Validated settings with defaults; throws Error(LOBSYNC_E_CONFIG) naming the problems.
Settings parse_settings(const nlohmann::json& settings);

}  // namespace dossier_files
