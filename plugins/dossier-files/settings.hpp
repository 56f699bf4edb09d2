// The dossier-files plugin's settings: declared once (the SDK checks them and shows them in
// `lobsync plugins --describe dossier-files`), read into Settings.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <string>

namespace dossier_files {

struct Settings {
  std::string folder;
  bool html = true;
  // Times on the HTML page are the school's local time; the host's school.timezone does not
  // reach plugins, so a school outside Amsterdam's zone sets it here too.
  std::string school_timezone;
};

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(); throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings parse_settings(const nlohmann::json& settings);

}  // namespace dossier_files
