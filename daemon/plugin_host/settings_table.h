// A plugin's declared settings (the JSON of descriptor member settings_json) as a table an
// administrator reads: `lobsync plugins --describe NAME` prints it as text, and with
// --markdown as the table each plugin README carries between its settings markers.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lobsync::plugin_host {

struct SettingRow {
  std::string key;          // dotted for members of an object: "layouts.parents"
  std::string type;         // "integer", "folder (must exist)", "list of string", …
  std::string requirement;  // "required", "default 587", "optional", …
  std::string limits;       // range or allowed values: "1 to 65535", "\"auto\", \"utf-8\""
  std::string description;
};

// One row per setting, members of objects after their object. Unknown members of the JSON
// (from a newer SDK) are ignored.
std::vector<SettingRow> settings_rows(const nlohmann::json& declared);

// Aligned columns with a header line, for a terminal.
std::string settings_text(const std::vector<SettingRow>& rows);

// A Markdown table (| setting | type | required / default | range / values | description |).
std::string settings_markdown(const std::vector<SettingRow>& rows);

}  // namespace lobsync::plugin_host
